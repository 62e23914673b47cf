package io.plumbline.chaos.junit;

import io.plumbline.chaos.client.EtcdClients;
import io.plumbline.chaos.nemesis.FaultWindow;
import io.plumbline.chaos.nemesis.Nemesis;
import io.plumbline.chaos.plan.PartitionPlan;
import io.plumbline.chaos.runtime.ChaosCluster;
import io.plumbline.history.HistoryRecorder;
import io.plumbline.history.OpType;

/**
 * Faults for hand-written chaos tests. Every call is recorded in the test's history as a nemesis
 * event; {@link #healAll()} (also run after the test) undoes everything.
 */
public final class NemesisController {
  private final ChaosCluster cluster;
  private final HistoryRecorder recorder;
  private final Nemesis nemesis;

  NemesisController(ChaosCluster cluster, HistoryRecorder recorder) {
    this.cluster = cluster;
    this.recorder = recorder;
    this.nemesis = new Nemesis(cluster, this::leader);
  }

  /** Index of the current leader, or -1. */
  public int leader() {
    return EtcdClients.leader(cluster.clientUrls());
  }

  /** Applies a planned fault window now (its timing fields are ignored). */
  public String apply(FaultWindow w) {
    return note("start-" + w.kind().cliName(), nemesis.apply(w).description());
  }

  public void partition(PartitionPlan plan) {
    cluster.partition(plan);
    note("start-partition", plan.toString());
  }

  public void healNetwork() {
    cluster.healNetwork();
    note("stop-partition", "network healed");
  }

  public void kill(int member) {
    cluster.kill(member);
    note("start-kill", "kill " + member);
  }

  public void restart(int member) {
    cluster.restart(member);
    note("stop-kill", "restarted " + member);
  }

  public void pause(int member) {
    cluster.pause(member);
    note("start-pause", "pause " + member);
  }

  public void resume(int member) {
    cluster.resume(member);
    note("stop-pause", "resumed " + member);
  }

  /** Heals what {@link #apply} started. Faults done with the single-step methods are undone by their pair. */
  public String healAll() {
    return note("heal", nemesis.healAll());
  }

  private String note(String f, String what) {
    recorder.record("nemesis", OpType.INFO, f, null, what);
    return what;
  }
}
