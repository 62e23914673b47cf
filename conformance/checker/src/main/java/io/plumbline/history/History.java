package io.plumbline.history;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An ordered list of events; list order is real-time order. Knows where it came from (for error
 * messages) and pairs invocations with completions into {@link Operation}s.
 */
public final class History {
  private final String source;
  private final List<Op> events;
  private final int[] lines;

  /**
   * @param source a name for messages, usually the file path
   * @param events events in real-time order; their {@link Op#index()} is rewritten to the position
   * @param lines source line of each event, or null when unknown
   */
  public History(String source, List<Op> events, int[] lines) {
    this.source = source;
    List<Op> indexed = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      Op op = events.get(i);
      indexed.add(op.index() == i ? op : op.withIndex(i));
    }
    this.events = List.copyOf(indexed);
    this.lines = lines == null ? null : Arrays.copyOf(lines, lines.length);
  }

  public History(String source, List<Op> events) {
    this(source, events, null);
  }

  public String source() {
    return source;
  }

  public List<Op> events() {
    return events;
  }

  public int size() {
    return events.size();
  }

  /** Source line of event {@code index}, or 0 when unknown. */
  public int line(int index) {
    return lines == null || index >= lines.length ? 0 : lines[index];
  }

  /**
   * Pairs client invocations with their completions (Jepsen's rules): a process has at most one
   * open invocation; its next ok/fail/info completes it; an info without an open invocation (e.g.
   * from the nemesis) is ignored; an invocation never completed is indeterminate. Non-client
   * events are skipped.
   *
   * @throws MalformedHistoryException naming the line when the rules are broken
   */
  public List<Operation> operations() {
    Map<String, Op> open = new HashMap<>();
    List<Op[]> pairs = new ArrayList<>();
    Map<Op, Integer> slot = new HashMap<>();
    for (Op e : events) {
      if (!e.isClient()) {
        continue;
      }
      Op pending = open.get(e.process());
      if (e.type() == OpType.INVOKE) {
        if (pending != null) {
          throw error(e, "process " + e.process() + " invoked " + e.f() + " while its " + pending.f()
              + " from line " + line(pending.index()) + " is still open; expected a completion first");
        }
        open.put(e.process(), e);
        slot.put(e, pairs.size());
        pairs.add(new Op[] {e, null});
        continue;
      }
      if (pending == null) {
        if (e.type() == OpType.INFO) {
          continue;
        }
        throw error(e, "process " + e.process() + " completed " + e.f() + " (" + e.type().wireName()
            + ") without an open invocation; expected an invoke first");
      }
      if (!e.f().equals(pending.f())) {
        throw error(e, "completion f " + e.f() + " does not match the invoked " + pending.f()
            + " of process " + e.process());
      }
      pairs.get(slot.get(pending))[1] = e;
      open.remove(e.process());
    }
    return toOperations(pairs);
  }

  private static List<Operation> toOperations(List<Op[]> pairs) {
    List<Operation> ops = new ArrayList<>(pairs.size());
    for (Op[] p : pairs) {
      Operation.Outcome outcome = p[1] == null ? Operation.Outcome.INDETERMINATE
          : switch (p[1].type()) {
            case OK -> Operation.Outcome.OK;
            case FAIL -> Operation.Outcome.FAIL;
            default -> Operation.Outcome.INDETERMINATE;
          };
      ops.add(new Operation(ops.size(), p[0], p[1], outcome));
    }
    return ops;
  }

  private MalformedHistoryException error(Op e, String problem) {
    int line = line(e.index());
    return new MalformedHistoryException(source, line, line > 0 ? problem : "event " + e.index() + ": " + problem);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof History h && h.events.equals(events);
  }

  @Override
  public int hashCode() {
    return events.hashCode();
  }

  @Override
  public String toString() {
    return "History[" + source + ", " + events.size() + " events]";
  }
}
