package io.plumbline.spec.trace;

import java.nio.file.Path;

/**
 * The result of validating one trace.
 *
 * @param file the trace file
 * @param events how many events it has
 * @param failure the first event no EtcdRaft step explains; null when the trace is valid
 */
public record TraceVerdict(Path file, int events, Unexplained failure) {

  /** Whether every event was explained. */
  public boolean valid() {
    return failure == null;
  }

  /**
   * The first event no step explains.
   *
   * @param index the event's 1-based position in the trace
   * @param line its line in the file
   * @param event the action it names
   * @param summary the event in one line (node, peer, message)
   * @param reason why no step explains it, readable
   * @param before the node's state before the event (as the trace reported it)
   * @param expected the node's state after the spec's step, or null when the step is not enabled
   * @param actual the node's state after the event, as the trace reports it
   */
  public record Unexplained(int index, int line, String event, String summary, String reason,
      NodeView before, NodeView expected, NodeView actual) {}
}
