package io.plumbline.raft.mbt;

import io.plumbline.raft.Entry;
import io.plumbline.raft.ReadState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The application beside one core in model-based replay, as a node runs it: it applies the
 * committed entries its Ready loop hands over, in order, and serves a ReadIndex read once it has
 * applied up to the read's index, answering with its whole state (the entries applied so far).
 * A crash loses it; the restarted core re-applies from its log. {@link ReadAnswers} compares the
 * answers with the spec.
 */
final class ReplayApp {
  /** One read answered to a client: its context, the index the core served it at, the state. */
  record Served(String read, long index, List<Entry> state) {
    /** The state as {@code [index/term:value, ...]} (no-op entries have no value). */
    String describe() {
      return state.stream().map(Entry::toString).toList().toString();
    }
  }

  private final List<Entry> applied = new ArrayList<>();
  private final List<ReadState> waiting = new ArrayList<>();
  private final List<Served> served = new ArrayList<>();
  private final List<String> errors = new ArrayList<>();

  /** Applies committed entries; each must be the next index (a gap or repeat is an error). */
  void apply(List<Entry> committed) {
    for (Entry e : committed) {
      if (e.index() != applied.size() + 1) {
        errors.add("the core hands entry " + e + " to apply after " + applied.size() + " applied");
        return;
      }
      applied.add(e);
    }
    serveWaiting();
  }

  /** Reads a quorum confirmed: served now or once applied reaches their index. */
  void readStates(List<ReadState> states) {
    waiting.addAll(states);
    serveWaiting();
  }

  private void serveWaiting() {
    for (Iterator<ReadState> it = waiting.iterator(); it.hasNext(); ) {
      ReadState rs = it.next();
      if (rs.index() <= applied.size()) {
        served.add(new Served(new String(rs.context(), StandardCharsets.UTF_8), rs.index(),
            List.copyOf(applied)));
        it.remove();
      }
    }
  }

  /** Reads answered since the last call (and forgets them). */
  List<Served> takeServed() {
    List<Served> out = List.copyOf(served);
    served.clear();
    return out;
  }

  /** Apply-order errors since the last call (and forgets them). */
  List<String> takeErrors() {
    List<String> out = List.copyOf(errors);
    errors.clear();
    return out;
  }
}
