package io.plumbline.chaos.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.chaos.controlplane.InProcessCpRun;
import io.plumbline.chaos.nemesis.FaultKind;
import io.plumbline.chaos.nemesis.NemesisSchedule;
import io.plumbline.chaos.runtime.local.LocalTarget;
import io.plumbline.chaos.runtime.local.ProxiedCluster;
import io.plumbline.chaos.workload.EtcdKvWorkload;
import io.plumbline.chaos.workload.LockWorkload;
import io.plumbline.chaos.workload.RegisterWorkload;
import io.plumbline.chaos.workload.LeaseWorkload;
import io.plumbline.chaos.workload.TxnWorkload;
import io.plumbline.chaos.workload.WatchWorkload;
import io.plumbline.chaos.workload.Workload;
import io.plumbline.checker.Validity;
import io.plumbline.history.HistoryFormat;
import io.plumbline.store.fault.FaultMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The chaos × fault-mode matrix ({@link FaultMatrix}): every fault mode of the reference store has a
 * row with a cell for every workload, chaos/README.md shows the generated table, and every live
 * cell gets its expected verdict: 3 local reference members (one cluster per store and seed, the
 * watch first), partitions only, {@value #SECONDS} s per cell at {@value #RATE} ops/s.
 * Seeds:
 * {@code -Dchaos.matrix.seeds=1,2,3} (default 1); rows: {@code -Dchaos.matrix.rows=correct,split-txn} (default all).
 */
class FaultMatrixTest {
  static final int SECONDS = 20;
  static final int RATE = 100;
  /**
   * The standard timing (2–5 s quiet, 3–8 s cut): with longer cuts, clients of a cut member spend
   * most of a short run waiting for timeouts, and a control run on a loaded machine gathered too
   * little evidence (13 ok operations in 15 s) to be called valid.
   */
  static final NemesisSchedule.Timing TIMING = NemesisSchedule.Timing.standard();

  @Test
  void everyFaultModeHasARowWithACellForEveryWorkload() {
    Map<FaultMode, Map<String, FaultMatrix.Cell>> t = FaultMatrix.table();
    assertThat(t.keySet()).as("a row per fault mode of the store, plus the correct store").containsAll(
        Arrays.asList(FaultMode.values())).contains((FaultMode) null);
    t.forEach((mode, cells) -> assertThat(cells.keySet()).as(String.valueOf(mode))
        .containsExactlyElementsOf(FaultMatrix.WORKLOADS));
    t.forEach((mode, cells) -> cells.forEach((w, c) -> assertThat(c.outcome() == FaultMatrix.Outcome.MUST_PASS
        || !c.why().isEmpty()).as(mode + " x " + w + " says why").isTrue()));
  }

  @Test
  void everyFaultModeButNestedTxnHangHasAMustFailCell() {
    // nested-txn-hang needs nested txns, which no chaos workload sends: conformance's hostile and
    // robustness groups catch it (FaultModesAreCaughtTest, RobustnessGroupTest). The auth modes act only with
    // etcd auth on, which chaos never turns on: conformance's auth group catches them. Nothing in chaos asks a
    // put for prev_kv: conformance's kv group catches put-prev-kv-is-new.
    Set<FaultMode> notByChaos = EnumSet.of(FaultMode.NESTED_TXN_HANG, FaultMode.AUTH_IGNORES_PERMISSIONS,
        FaultMode.AUTH_KEEPS_TOKENS, FaultMode.AUTH_ALLOWS_ANONYMOUS, FaultMode.AUTH_ACCEPTS_ANY_PASSWORD,
        FaultMode.PUT_PREV_KV_IS_NEW);
    for (FaultMode m : FaultMode.values()) {
      boolean caught = FaultMatrix.table().get(m).values().stream()
          .anyMatch(c -> c.outcome() == FaultMatrix.Outcome.MUST_FAIL && (c.live() || c.why().contains("Test (")));
      assertThat(caught).as(m.flag() + ": a must-fail cell run here or by a named test").isEqualTo(
          !notByChaos.contains(m));
    }
  }

  @Test
  void readmeShowsTheGeneratedTable() throws IOException {
    System.out.println(FaultMatrix.markdown()); // to paste into the README after a change
    assertThat(Files.readString(Path.of("README.md"))).as("chaos/README.md must show FaultMatrix.markdown()")
        .contains(FaultMatrix.markdown());
  }

  @TestFactory
  Stream<DynamicTest> liveCells() {
    List<Long> seeds = Arrays.stream(System.getProperty("chaos.matrix.seeds", "1").split(","))
        .map(String::trim).map(Long::parseLong).toList();
    List<String> rows = Arrays.stream(System.getProperty("chaos.matrix.rows", "").split(",")).map(String::trim)
        .filter(r -> !r.isEmpty()).toList();
    List<String> columns = Arrays.stream(System.getProperty("chaos.matrix.workloads", "").split(","))
        .map(String::trim).filter(c -> !c.isEmpty()).toList();
    List<DynamicTest> tests = new ArrayList<>();
    for (long seed : seeds) {
      FaultMatrix.table().forEach((mode, cells) -> {
        if (!rows.isEmpty() && !rows.contains(mode == null ? "correct" : mode.flag())) {
          return;
        }
        List<String> live = cells.entrySet().stream().filter(e -> e.getValue().live()).map(Map.Entry::getKey)
            .filter(w -> columns.isEmpty() || columns.contains(w)).toList();
        if (!live.isEmpty()) {
          String store = mode == null ? "correct" : mode.flag();
          tests.add(DynamicTest.dynamicTest(store + " store, seed " + seed + ": " + live,
              () -> runRow(mode, cells, live, seed)));
        }
      });
    }
    return tests.stream();
  }

  private static void runRow(FaultMode mode, Map<String, FaultMatrix.Cell> cells, List<String> live, long seed) {
    List<String> args = mode == null ? List.of() : List.of("--fault", mode.flag());
    List<String> wrong = new ArrayList<>();
    long t0 = System.nanoTime();
    try (ProxiedCluster cluster = ProxiedCluster.start(3, LocalTarget.reference(args), Duration.ofSeconds(60))) {
      for (String w : live) {
        RunResult r = w.startsWith("control-plane") ? controlPlane(cluster, seed, w.equals("control-plane"))
            : ShortRuns.run(cluster, seed, List.of(FaultKind.PARTITION), TIMING, SECONDS, RATE,
                timeout -> workload(w, "/matrix-" + w + "-" + seed + "/", timeout));
        Validity expected = switch (cells.get(w).outcome()) {
          case MUST_FAIL -> Validity.FALSE;
          case MUST_PASS -> Validity.TRUE;
          case MUST_BE_UNKNOWN -> Validity.UNKNOWN;
          case MAY_FAIL -> throw new IllegalStateException("a may-fail cell is never live: " + w);
        };
        System.out.printf("matrix cell %s/%s, seed %d: %s (expected %s) %s%n", mode == null ? "correct" : mode.flag(),
            w, seed, r.validity().word(), expected.word(), r.verdicts().stream()
                .map(v -> v.checker() + ": " + v.summary()).toList());
        if (w.equals("register") || w.equals("etcd-kv")) {
          // the saved history gives the run's verdict: check-history must say what the workload's checker said
          Validity own = r.verdicts().get(0).validity();
          for (HistoryFormat format : List.of(HistoryFormat.JSONL, HistoryFormat.EDN)) {
            Validity saved = ShortRuns.recheck(r, format);
            System.out.printf("matrix cell %s/%s: check-history on the saved %s: %s%n",
                mode == null ? "correct" : mode.flag(), w, format, saved.word());
            if (own != Validity.UNKNOWN && saved != own) {
              wrong.add(w + ": check-history on the saved " + format + " says " + saved.word() + ", the run's "
                  + r.verdicts().get(0).checker() + " " + own.word());
            }
          }
        }
        if (r.validity() != expected) {
          wrong.add(w + ": expected " + expected.word() + ", got " + r.validity().word() + " — "
              + r.verdicts().stream().map(v -> v.checker() + ": " + v.summary()).toList());
        }
      }
    }
    System.out.printf("matrix row %s, seed %d: %d cell(s) in %.1f s%n", mode == null ? "correct" : mode.flag(), seed,
        live.size(), (System.nanoTime() - t0) / 1e9);
    assertThat(wrong).isEmpty();
  }

  /**
   * The control-plane cell: API servers and controller managers in this JVM on the row's store (no HAProxy),
   * {@value #CP_SECONDS} s at {@value #CP_RATE} ops/s; seeds are offset per variant so the fenced and unfenced
   * cells of a row do not share one schedule.
   */
  private static RunResult controlPlane(ProxiedCluster cluster, long seed, boolean fencing) {
    long t0 = System.nanoTime();
    RunResult r = InProcessCpRun.run(cluster, seed, fencing, CP_SECONDS, CP_RATE, System.out::println);
    r.verdicts().forEach(v -> System.out.println(v.checker() + ": " + v.summary() + "\n" + v.details()));
    System.out.printf("control-plane cell (fencing %s) in %.1f s%n", fencing, (System.nanoTime() - t0) / 1e9);
    return r;
  }

  static final int CP_SECONDS = 20;
  static final int CP_RATE = 20;

  static Workload workload(String name, String prefix, Duration timeout) {
    return switch (name) {
      case "watch" -> new WatchWorkload(prefix, timeout);
      case "register" -> new RegisterWorkload(prefix, timeout);
      case "etcd-kv" -> new EtcdKvWorkload(prefix, timeout);
      case "txn" -> new TxnWorkload(prefix, timeout);
      case "lease" -> new LeaseWorkload(prefix, timeout);
      // no injected holder stalls: they break an unfenced lock on any store (LockChaosTest shows that)
      case "lock" -> new LockWorkload(false, prefix, Duration.ofSeconds(5), 0);
      case "lock-fenced" -> new LockWorkload(true, prefix, Duration.ofSeconds(5), 0);
      default -> throw new IllegalArgumentException("no workload " + name);
    };
  }
}
