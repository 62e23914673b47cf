package io.plumbline.conformance.watch;

import java.util.List;

/**
 * One watch response as received.
 *
 * @param seq position in the stream (0-based)
 * @param events its events, in order
 * @param progressNotify true for a progress notification (no events; header revision is the bookmark)
 * @param headerRevision the response header's revision
 */
public record ObservedResponse(int seq, List<ObservedEvent> events, boolean progressNotify, long headerRevision) {
  public ObservedResponse {
    events = List.copyOf(events);
  }
}
