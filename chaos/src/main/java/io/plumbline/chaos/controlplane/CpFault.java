package io.plumbline.chaos.controlplane;

import io.plumbline.chaos.nemesis.FaultKind;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One planned fault of a control-plane run, and the plan itself: a pure function of the seed.
 * Quiet 3–6 s, then a fault: kill -9 of the active controller manager (restarted after 4–8 s),
 * SIGSTOP of it for lease duration + 2–4 s (so it is deposed while frozen and wakes up believing
 * it leads), kill -9 of one store member (restarted after 4–8 s), or a partition of one API
 * server from every store member (its links cut for 4–8 s: its health check fails, HAProxy takes
 * it out of rotation, its watches break). All healed before the end.
 */
record CpFault(Kind kind, long startMs, long lengthMs, int storeMember, int apiServer) {
  enum Kind {
    KILL_CONTROLLER, PAUSE_CONTROLLER, KILL_STORE_MEMBER, PARTITION_APISERVER;

    /** The harness's kind of this fault (its colour in the report). */
    FaultKind faultKind() {
      return switch (this) {
        case KILL_CONTROLLER, KILL_STORE_MEMBER -> FaultKind.KILL;
        case PAUSE_CONTROLLER -> FaultKind.PAUSE;
        case PARTITION_APISERVER -> FaultKind.PARTITION;
      };
    }
  }

  String describe() {
    return switch (kind) {
      case KILL_CONTROLLER -> "kill -9 the active controller manager";
      case PAUSE_CONTROLLER -> "SIGSTOP the active controller manager";
      case KILL_STORE_MEMBER -> "kill -9 store-" + (storeMember + 1);
      case PARTITION_APISERVER -> "partition apiserver-" + (apiServer + 1) + " from the store";
    } + " @" + startMs + "ms for " + lengthMs + "ms";
  }

  static List<CpFault> plan(long seed, long durationMs, long leaseDurationMs, int storeMembers,
      int apiServers) {
    SplittableRandom random = new SplittableRandom(seed);
    List<CpFault> faults = new ArrayList<>();
    long t = 3_000 + random.nextLong(3_000);
    Kind[] kinds = Kind.values();
    int k = random.nextInt(kinds.length);
    while (true) {
      Kind kind = kinds[k++ % kinds.length]; // rotate, so every kind comes up in a minute
      long length = kind == Kind.PAUSE_CONTROLLER ? leaseDurationMs + 2_000 + random.nextLong(2_000)
          : 4_000 + random.nextLong(4_000);
      if (t + length > durationMs) {
        return faults;
      }
      faults.add(new CpFault(kind, t, length, random.nextInt(storeMembers),
          random.nextInt(apiServers)));
      t += length + 3_000 + random.nextLong(3_000);
    }
  }
}
