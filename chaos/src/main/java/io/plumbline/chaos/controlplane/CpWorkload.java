package io.plumbline.chaos.controlplane;

import io.plumbline.chaos.generator.Generator;
import io.plumbline.chaos.generator.Generators;
import io.plumbline.chaos.generator.Invocation;
import io.plumbline.chaos.workload.Completion;
import io.plumbline.chaos.workload.Workload;
import io.plumbline.chaos.workload.WorkloadClient;
import io.plumbline.checker.Validity;
import io.plumbline.history.History;
import io.plumbline.history.HistoryRecorder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The control plane as a chaos workload: clients create, scale and delete replication controllers
 * through HAProxy or straight to the API servers ({@link CpPlane}), as kubectl users would; after the heal each process creates an RC of its own
 * (recovery). Its checkers: convergence (every RC gets its pods), no orphaned pods, no deposed
 * leader's write accepted ({@link FencingOracle}, from the pod watch's read-back), standby
 * takeovers within client-go's bound, and watch resourceVersions that never go back.
 */
final class CpWorkload implements Workload {
  private static final long CONVERGENCE_LIMIT_MS = 90_000;
  /** A few garbage-collector passes (one per 1 s sync) after convergence. */
  private static final long ORPHAN_WAIT_MS = 10_000;

  private final CpOptions o;
  private final CpPlane plane;
  private final RcClient reader;
  private RvWatcher watcher;

  CpWorkload(CpOptions options, CpPlane plane) {
    this.o = options;
    this.plane = plane;
    this.reader = new RcClient(plane.readUrl());
  }

  @Override
  public String name() {
    return o.fencing() ? "control-plane" : "control-plane-unfenced";
  }

  @Override
  public void open(List<String> clientUrls) {
    watcher = new RvWatcher(plane.readUrl(), reader).start();
  }

  /** The pod watch also records each stamped creation it sees, so a stale one can be marked on the report. */
  @Override
  public void open(List<String> clientUrls, HistoryRecorder recorder) {
    watcher = new RvWatcher(plane.readUrl(), reader)
        .recordingTo(w -> FencingOracle.record(recorder, w, plane.readName())).start();
  }

  @Override
  public void close() {
    if (watcher != null) {
      watcher.close();
    }
  }

  @Override
  public WorkloadClient client(int process, String clientUrl) {
    RcClient c = new RcClient(clientUrl, plane::serverName);
    return new WorkloadClient() {
      @Override
      public Completion invoke(Invocation op) throws Exception {
        String rc = String.valueOf(op.key());
        return c.call(switch (op.f()) {
          case "create" -> c.createRequest(rc, ((Number) op.value()).intValue());
          case "scale" -> c.scaleRequest(rc, ((Number) op.value()).intValue());
          case "delete" -> c.deleteRequest(rc);
          default -> throw new IllegalArgumentException("control-plane has no operation " + op.f());
        }, op.value());
      }

      @Override
      public void close() {
        // java.net.http holds no per-client resources worth closing
      }
    };
  }

  /** 3 in 10 create, 5 scale, 2 delete, on one of {@code rcs} RCs, 0–5 replicas. */
  @Override
  public Generator generator() {
    return Generators.repeat(ctx -> {
      String rc = "rc-" + ctx.rng().nextInt(o.rcs());
      int kind = ctx.rng().nextInt(10);
      String f = kind < 3 ? "create" : kind < 8 ? "scale" : "delete";
      return new Invocation(Invocation.ANY, f, rc, f.equals("delete") ? null : ctx.rng().nextInt(6), 0);
    });
  }

  /**
   * Each process creates an RC of its own; each round under a new name, since the runner repeats the
   * round until all succeed and an RC a round already created would answer 409 for ever.
   */
  @Override
  public Generator finalGenerator(List<Integer> processes) {
    int round = finalRounds.incrementAndGet();
    return Generators.eachProcess(Set.copyOf(processes),
        p -> Generators.once(new Invocation(p, "create", "final-" + p + "-" + round, 1, 0)));
  }

  private final java.util.concurrent.atomic.AtomicInteger finalRounds = new java.util.concurrent.atomic.AtomicInteger();

  @Override
  public long minimumOkOperations() {
    return 20; // each is one HTTP request to an API server (through HAProxy or not) and the store
  }

  @Override
  public Verdict check(History history) {
    return checkAll(history).get(0);
  }

  @Override
  public List<Verdict> checkAll(History history) {
    List<Verdict> verdicts = new ArrayList<>();
    try {
      verdicts.add(convergence());
      verdicts.add(CpChecks.orphans(reader, ORPHAN_WAIT_MS));
      verdicts.add(plane.fencing(history, watcher.creations()));
      verdicts.add(CpChecks.takeovers(plane.takeovers(), o.takeoverBoundMs(), o.leaseDurationMs()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      verdicts.add(new Verdict(name(), Validity.UNKNOWN, "interrupted while checking", ""));
    }
    verdicts.add(CpChecks.watch(watcher));
    return verdicts;
  }

  private Verdict convergence() throws InterruptedException {
    long t0 = System.currentTimeMillis();
    List<String> unconverged = CpChecks.unconverged(reader);
    while (!unconverged.isEmpty() && System.currentTimeMillis() - t0 < CONVERGENCE_LIMIT_MS) {
      Thread.sleep(500); // polling the cluster until the controllers caught up
      unconverged = CpChecks.unconverged(reader);
    }
    int rcs = reader.get(RcClient.RCS).map(l -> l.path("items").size()).orElse(0);
    return CpChecks.convergence(unconverged, rcs, System.currentTimeMillis() - t0);
  }
}
