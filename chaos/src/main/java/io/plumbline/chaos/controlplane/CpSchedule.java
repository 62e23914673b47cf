package io.plumbline.chaos.controlplane;

import io.plumbline.chaos.nemesis.FaultKind;
import io.plumbline.chaos.nemesis.FaultWindow;
import io.plumbline.chaos.nemesis.NemesisSchedule;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The control-plane run's fault schedule, in the harness's one vocabulary ({@link FaultWindow}s of
 * a {@link NemesisSchedule}), a pure function of the seed. Quiet 3–6 s, then one fault, the kinds in
 * rotation so a minute holds each: {@code kill controller leader} (kill -9 of the active controller
 * manager, restarted after 4–8 s), {@code pause controller leader} (SIGSTOP of it for lease
 * duration + 2–4 s, so it is deposed while frozen and wakes up believing it leads), {@code kill
 * store [i]} (kill -9 of store member i, restarted after 4–8 s) and {@code partition apiserver [i]}
 * (API server i's store links cut for 4–8 s: its health check fails, HAProxy takes it out of
 * rotation, its watches break). All healed before the end.
 */
final class CpSchedule {
  /** {@link FaultWindow#shape()} of the faults on the active controller manager. */
  static final String CONTROLLER = "controller";
  /** {@link FaultWindow#shape()} of a kill of a store member. */
  static final String STORE = "store";
  /** {@link FaultWindow#shape()} of an API server cut off from the store. */
  static final String APISERVER = "apiserver";

  private CpSchedule() {}

  static NemesisSchedule plan(long seed, long durationMs, long leaseDurationMs, int storeMembers, int apiServers) {
    SplittableRandom random = new SplittableRandom(seed);
    List<FaultWindow> faults = new ArrayList<>();
    long t = 3_000 + random.nextLong(3_000);
    int k = random.nextInt(4);
    while (true) {
      int kind = k++ % 4; // rotate, so every kind comes up in a minute
      long length = kind == 1 ? leaseDurationMs + 2_000 + random.nextLong(2_000) : 4_000 + random.nextLong(4_000);
      if (t + length > durationMs) {
        return new NemesisSchedule(faults);
      }
      int store = random.nextInt(storeMembers);
      int api = random.nextInt(apiServers);
      long planSeed = random.nextLong();
      faults.add(switch (kind) {
        case 0 -> new FaultWindow(FaultKind.KILL, t, length, CONTROLLER, List.of(), true, planSeed);
        case 1 -> new FaultWindow(FaultKind.PAUSE, t, length, CONTROLLER, List.of(), true, planSeed);
        case 2 -> new FaultWindow(FaultKind.KILL, t, length, STORE, List.of(store), false, planSeed);
        default -> new FaultWindow(FaultKind.PARTITION, t, length, APISERVER, List.of(api), false, planSeed);
      });
      t += length + 3_000 + random.nextLong(3_000);
    }
  }

  /**
   * The in-process run's schedule ({@link InProcessControlPlane}): quiet 2–3 s, then a freeze of the
   * active controller manager's writes ({@code pause controller}, lease duration + up to 1 s waiting for
   * a creation to hold + 3–5 s, so the standby has taken over before the held writes land) and a partition of the store ({@code minority} or
   * {@code halves}, 3–5 s) in turn, the freeze first, 2–3 s apart: a 20 s run with a 3 s lease holds one
   * of each.
   */
  static NemesisSchedule inProcess(long seed, long durationMs, long leaseDurationMs) {
    SplittableRandom random = new SplittableRandom(seed);
    List<FaultWindow> faults = new ArrayList<>();
    long t = 2_000 + random.nextLong(1_000);
    for (int k = 0; ; k++) {
      boolean freeze = k % 2 == 0;
      long length = freeze ? leaseDurationMs + InProcessControlPlane.CREATION_WAIT_MS + 3_000 + random.nextLong(2_000)
          : 3_000 + random.nextLong(2_000);
      if (t + length > durationMs) {
        return new NemesisSchedule(faults);
      }
      faults.add(freeze ? new FaultWindow(FaultKind.PAUSE, t, length, CONTROLLER, List.of(), true, random.nextLong())
          : new FaultWindow(FaultKind.PARTITION, t, length, random.nextBoolean() ? "minority" : "halves", List.of(),
              false, random.nextLong()));
      t += length + 2_000 + random.nextLong(1_000);
    }
  }
}
