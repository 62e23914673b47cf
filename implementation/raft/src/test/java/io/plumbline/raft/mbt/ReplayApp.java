package io.plumbline.raft.mbt;

import io.plumbline.raft.Entry;
import io.plumbline.raft.ReadState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The application beside one core in model-based replay, as the store's node runs it
 * ({@code StoreNode.apply}): it applies the committed entries its Ready loop hands over and takes
 * its applied index from the last one, and serves a ReadIndex read once that index reaches the
 * read's, answering with its whole state (the entries applied so far). A crash loses it; the
 * restarted core hands it its log again from the core's applied index. Entries the core never
 * hands over leave a hole the application does not notice (the store would not either): a read
 * whose answer lacks a committed write shows it ({@link ReadAnswers}), and a hole still there at
 * the end of a behaviour is reported then ({@link #holes}). A repeated or backwards index is an
 * error at once. {@link ReadAnswers} compares the answers with the spec.
 */
final class ReplayApp {
  /** One read answered to a client: its context, the index the core served it at, the state. */
  record Served(String read, long index, List<Entry> state) {
    /** The state as {@code [index/term:value, ...]} (no-op entries have no value). */
    String describe() {
      return state.stream().map(Entry::toString).toList().toString();
    }

    /** The lowest index in 1..{@code through} this state lacks, or 0 when it holds them all. */
    long firstMissing(long through) {
      for (int k = 0; k < through; k++) {
        if (k >= state.size() || state.get(k).index() != k + 1) {
          return k + 1;
        }
      }
      return 0;
    }
  }

  private final List<Entry> applied = new ArrayList<>();
  private long appliedIndex;
  private final List<String> holes = new ArrayList<>();
  private final List<ReadState> waiting = new ArrayList<>();
  private final List<Served> served = new ArrayList<>();
  private final List<String> errors = new ArrayList<>();

  /**
   * Applies committed entries in the order handed; a repeated or backwards index is an error, a
   * gap is remembered as a hole (see {@link #holes}).
   */
  void apply(List<Entry> committed) {
    for (Entry e : committed) {
      if (e.index() <= appliedIndex) {
        errors.add("the core hands entry " + e + " to apply after " + appliedIndex + " applied");
        return;
      }
      if (e.index() > appliedIndex + 1) {
        holes.add((appliedIndex + 1) + ".." + (e.index() - 1));
      }
      applied.add(e);
      appliedIndex = e.index();
    }
    serveWaiting();
  }

  /**
   * Indexes the core skipped when handing entries over (as {@code from..to}), each a write this
   * application lost; empty for a core that hands every committed entry once, in order.
   */
  List<String> holes() {
    return List.copyOf(holes);
  }

  /** Reads a quorum confirmed: served now or once applied reaches their index. */
  void readStates(List<ReadState> states) {
    waiting.addAll(states);
    serveWaiting();
  }

  private void serveWaiting() {
    for (Iterator<ReadState> it = waiting.iterator(); it.hasNext(); ) {
      ReadState rs = it.next();
      if (rs.index() <= appliedIndex) {
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
