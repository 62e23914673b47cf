package io.plumbline.chaos.controlplane;

import io.plumbline.chaos.workload.Workload.Verdict;
import io.plumbline.checker.Validity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Fencing judged from what a client read back, never from the API servers' own accounting: each
 * controller-manager write carries its writer and lease generation ({@code plumbline.io/written-by},
 * see the controller's {@code ApiClient}), and a watch that saw the objects created returns them with
 * their resourceVersions, the store's order of accepted writes. Lease generations only grow, so once a
 * write of generation {@code g} was accepted, a write of an older generation accepted later (a higher
 * resourceVersion) came from a deposed leader: exactly the double-leader write fencing must refuse
 * ({@code spec/election/LeaseElection.tla}'s unfenced counterexample). Pure.
 */
final class FencingOracle {
  /** One accepted controller write as read back: the object, its resourceVersion, who wrote it under which generation. */
  record StampedWrite(String object, long resourceVersion, String writer, long generation) {
    @Override
    public String toString() {
      return object + " at rv " + resourceVersion + " by " + writer + "@" + generation;
    }

    /** Parses {@code <identity>@<generation>}; null when the stamp is absent or malformed. */
    static StampedWrite of(String object, long resourceVersion, String stamp) {
      int at = stamp == null ? -1 : stamp.lastIndexOf('@');
      if (at <= 0) {
        return null;
      }
      try {
        return new StampedWrite(object, resourceVersion, stamp.substring(0, at), Long.parseLong(stamp.substring(at + 1)));
      } catch (NumberFormatException e) {
        return null;
      }
    }
  }

  private static final String NAME = "deposed-leader writes (client read-back)";
  private static final int SHOWN = 10;

  private FencingOracle() {}

  /**
   * The stale writes among {@code writes}: each accepted after (higher resourceVersion than) a write
   * of a newer generation, with that newer write beside it.
   */
  static List<String> staleWrites(List<StampedWrite> writes) {
    List<StampedWrite> byRv = new ArrayList<>(writes);
    byRv.sort(Comparator.comparingLong(StampedWrite::resourceVersion));
    List<String> out = new ArrayList<>();
    StampedWrite newest = null;
    for (StampedWrite w : byRv) {
      if (newest != null && w.generation() < newest.generation()) {
        out.add(w + " accepted after " + newest + ": a deposed leader's write");
      } else if (newest == null || w.generation() > newest.generation()) {
        newest = w;
      }
    }
    return out;
  }

  /** The history process under which the pod watch records each stamped creation it saw. */
  static final String PROCESS = "pod-watch";

  /** Records {@code w} as an instantaneous observation (invoke, ok) of process {@link #PROCESS}. */
  static void record(io.plumbline.history.HistoryRecorder recorder, StampedWrite w, String member) {
    java.util.Map<String, Object> extra = java.util.Map.of("member", member);
    recorder.record(PROCESS, io.plumbline.history.OpType.INVOKE, "created", w.object(), w.writer() + "@"
        + w.generation(), extra);
    recorder.record(PROCESS, io.plumbline.history.OpType.OK, "created", w.object(), w.writer() + "@"
        + w.generation() + " rv " + w.resourceVersion(), extra);
  }

  /** The first stale write by resourceVersion, or null. */
  static StampedWrite firstStale(List<StampedWrite> writes) {
    List<StampedWrite> byRv = new ArrayList<>(writes);
    byRv.sort(Comparator.comparingLong(StampedWrite::resourceVersion));
    StampedWrite newest = null;
    for (StampedWrite w : byRv) {
      if (newest != null && w.generation() < newest.generation()) {
        return w;
      }
      if (newest == null || w.generation() > newest.generation()) {
        newest = w;
      }
    }
    return null;
  }

  /**
   * The pod watch's recorded observation of {@code stale} in {@code history}, as a failure the
   * report marks (its window: the client operations around it); null when it was not recorded.
   */
  static io.plumbline.checker.Failure blamed(io.plumbline.history.History history, StampedWrite stale,
      String reason) {
    List<io.plumbline.history.Op> events = history.events();
    for (int i = 0; i + 1 < events.size(); i++) {
      io.plumbline.history.Op e = events.get(i);
      if (e.process().equals(PROCESS) && e.type() == io.plumbline.history.OpType.INVOKE
          && stale.object().equals(e.key())) {
        for (int j = i + 1; j < events.size(); j++) {
          io.plumbline.history.Op c = events.get(j);
          if (c.process().equals(PROCESS) && stale.object().equals(c.key())) {
            return io.plumbline.chaos.workload.BadOp.around(history.operations(), new io.plumbline.history.Operation(
                -1, e, c, io.plumbline.history.Operation.Outcome.OK), reason);
          }
        }
      }
    }
    return null;
  }

  /**
   * Invalid when a deposed leader's write was accepted; unknown when the read-back holds writes of
   * fewer than two generations, or when no deposed leader is known to have attempted a write
   * ({@code staleAttempts}, the stale-generation writes the API servers counted, refused or accepted, is
   * 0 or unknown): then nothing put fencing to the test, and no verdict is valid on that.
   *
   * @param staleAttempts stale-generation writes the API servers counted ({@code /debug/fencing}), -1
   *     when not known; used only to withhold a valid verdict, never to give one
   * @param serverCount the API servers' own {@code /debug/fencing} accounting, shown as extra
   *     evidence only
   */
  static Verdict verdict(List<StampedWrite> writes, long staleAttempts, String serverCount) {
    List<String> stale = staleWrites(writes);
    TreeSet<Long> generations = new TreeSet<>();
    writes.forEach(w -> generations.add(w.generation()));
    String counts = writes.size() + " stamped controller write(s) read back, generations " + generations
        + "; the API servers' own count (not the verdict): " + serverCount;
    if (!stale.isEmpty()) {
      return new Verdict(NAME, Validity.FALSE, "invalid: " + stale.size() + " write(s) of a deposed leader accepted; "
          + counts, String.join("\n", stale.subList(0, Math.min(SHOWN, stale.size()))) + "\n");
    }
    if (generations.size() < 2) {
      return new Verdict(NAME, Validity.UNKNOWN, "unknown: no two lease generations wrote, so no deposed leader "
          + "could be caught; " + counts, "");
    }
    if (staleAttempts <= 0) {
      return new Verdict(NAME, Validity.UNKNOWN, "unknown: no deposed leader is known to have attempted a write"
          + " (the API servers counted " + (staleAttempts < 0 ? "nothing readable" : "none") + "), so nothing put"
          + " fencing to the test; " + counts, "");
    }
    return new Verdict(NAME, Validity.TRUE, "valid: no write of an older generation after a newer one; " + counts, "");
  }

  private static final String WIRE_NAME = "deposed-leader writes (controller links)";

  /**
   * Fencing judged from every write the controller managers sent, whatever its kind (pod creations,
   * patches and deletions, RC status patches, events, lease writes), as their links saw them
   * ({@link ControllerLink}). A write of generation {@code g} sent after a write of a newer generation had
   * been accepted (its answer came back before this one left) comes from a deposed leader: the store
   * already held the newer generation, so a fenced API server must refuse it. Invalid when such a write
   * was accepted. Valid only when every one was refused and at least one of them by the fence itself:
   * a deposed write refused for another reason (a lease renewal or patch whose precondition failed, an
   * object already gone) would be refused without any fencing, so it puts nothing to the test; with no
   * fence refusal the verdict is unknown.
   */
  static Verdict judge(List<ControllerWrite> writes) {
    List<ControllerWrite> accepted = new ArrayList<>(writes.stream().filter(ControllerWrite::accepted).toList());
    accepted.sort(Comparator.comparingLong(ControllerWrite::answeredNanos));
    List<ControllerWrite> newestSoFar = new ArrayList<>(); // [i]: the newest generation among accepted[0..i]
    for (ControllerWrite w : accepted) {
      ControllerWrite last = newestSoFar.isEmpty() ? null : newestSoFar.get(newestSoFar.size() - 1);
      newestSoFar.add(last == null || w.generation() > last.generation() ? w : last);
    }
    List<String> staleAccepted = new ArrayList<>();
    List<String> fenced = new ArrayList<>();
    List<String> refusedOtherwise = new ArrayList<>();
    TreeSet<String> kinds = new TreeSet<>();
    for (ControllerWrite w : writes) {
      ControllerWrite newer = newestAcceptedBefore(accepted, newestSoFar, w.sentNanos());
      if (newer == null || newer.generation() <= w.generation() || !w.definite()) {
        continue;
      }
      kinds.add(w.kind());
      (w.accepted() ? staleAccepted : w.fencedOff() ? fenced : refusedOtherwise)
          .add(w + ", sent after " + newer + " was accepted");
    }
    String counts = writes.size() + " controller write(s) sent, " + accepted.size() + " accepted; deposed-leader "
        + "write(s) answered: " + (staleAccepted.size() + fenced.size() + refusedOtherwise.size()) + " " + kinds
        + ", refused by the fence: " + fenced.size() + ", refused otherwise: " + refusedOtherwise.size();
    if (!staleAccepted.isEmpty()) {
      return new Verdict(WIRE_NAME, Validity.FALSE, "invalid: " + staleAccepted.size() + " write(s) of a deposed "
          + "leader accepted; " + counts, String.join("\n", staleAccepted.subList(0, Math.min(SHOWN,
          staleAccepted.size()))) + "\n");
    }
    if (fenced.isEmpty()) {
      return new Verdict(WIRE_NAME, Validity.UNKNOWN, "unknown: no deposed leader's write was refused by the "
          + "fence (" + (refusedOtherwise.isEmpty() ? "none was answered" : "those answered were refused for other "
          + "reasons, as they would be without fencing") + "), so nothing put fencing to the test; " + counts,
          String.join("\n", refusedOtherwise.subList(0, Math.min(SHOWN, refusedOtherwise.size())))
          + (refusedOtherwise.isEmpty() ? "" : "\n"));
    }
    List<String> refused = new ArrayList<>(fenced);
    refused.addAll(refusedOtherwise);
    return new Verdict(WIRE_NAME, Validity.TRUE, "valid: every deposed-leader write was refused; " + counts,
        String.join("\n", refused.subList(0, Math.min(SHOWN, refused.size()))) + "\n");
  }

  /** The newest-generation accepted write whose answer came before {@code nanos}, or null. */
  private static ControllerWrite newestAcceptedBefore(List<ControllerWrite> byAnswer, List<ControllerWrite> newest,
      long nanos) {
    int lo = 0;
    int hi = byAnswer.size(); // first index answered at or after nanos
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (byAnswer.get(mid).answeredNanos() < nanos) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo == 0 ? null : newest.get(lo - 1);
  }
}
