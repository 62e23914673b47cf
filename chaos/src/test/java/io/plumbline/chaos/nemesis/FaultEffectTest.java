package io.plumbline.chaos.nemesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.chaos.plan.PartitionPlan;
import io.plumbline.chaos.runtime.ChaosCluster;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * "The fault took effect" is evidence, so the nemesis says so only when it did: a kill or pause that
 * finds its member already down changed nothing, and the run must not count it (Evidence makes such a
 * run unknown).
 */
class FaultEffectTest {
  /** Three members; {@code down} are not running. */
  private static final class Three implements ChaosCluster {
    final Set<Integer> down = new HashSet<>();

    @Override public int size() {
      return 3;
    }

    @Override public List<String> clientUrls() {
      return List.of("mem://0", "mem://1", "mem://2");
    }

    @Override public void partition(PartitionPlan plan) { }

    @Override public void healNetwork() { }

    @Override public void kill(int i) {
      down.add(i);
    }

    @Override public void restart(int i) {
      down.remove(i);
    }

    @Override public boolean isRunning(int i) {
      return !down.contains(i);
    }

    @Override public void pause(int i) { }

    @Override public void resume(int i) { }

    @Override public void saveLogs(Path dir) { }

    @Override public void close() { }
  }

  private static FaultWindow on(FaultKind kind, int member) {
    return new FaultWindow(kind, 0, 1_000, "members", List.of(member), false, 1L);
  }

  @Test
  void aKillOrPauseOfARunningMemberTakesEffect() {
    Three c = new Three();
    Nemesis n = new Nemesis(c, () -> 0);
    assertThat(n.apply(on(FaultKind.KILL, 1)).tookEffect()).isTrue();
    n.healAll();
    assertThat(n.apply(on(FaultKind.PAUSE, 2)).tookEffect()).isTrue();
  }

  @Test
  void aKillOrPauseThatFindsItsMemberDownHasNoEffect() {
    Three c = new Three();
    c.down.add(1);
    Nemesis n = new Nemesis(c, () -> 0);
    Applied kill = n.apply(on(FaultKind.KILL, 1));
    assertThat(kill.tookEffect()).isFalse();
    assertThat(kill.noEffect()).contains("the kill found no process", "[1]");
    Applied pause = n.apply(on(FaultKind.PAUSE, 1));
    assertThat(pause.tookEffect()).isFalse();
    assertThat(pause.noEffect()).contains("the pause found no process");
  }

  /**
   * Replay from the seed: the members a partition cuts are a function of the window's plan seed
   * (the schedule prints only the shape), so the same window cuts the same links in a rerun; the
   * seeds do choose among plans.
   */
  @Test
  void aPartitionPlanIsAFunctionOfItsWindowsSeed() {
    Set<String> plans = new HashSet<>();
    for (String shape : List.of("halves", "minority", "bridge", "ring")) {
      for (long seed = 1; seed <= 10; seed++) {
        FaultWindow w = new FaultWindow(FaultKind.PARTITION, 0, 1_000, shape, List.of(), false, seed);
        String first = new Nemesis(new Three(), () -> 0).apply(w).description();
        assertThat(new Nemesis(new Three(), () -> 0).apply(w).description()).as(shape + " seed " + seed)
            .isEqualTo(first);
        plans.add(first);
      }
    }
    assertThat(plans.size()).isGreaterThan(4);
  }

  /** A kill of two members (n ≥ 5 schedules them) that finds one already down is not the fault planned: no effect. */
  @Test
  void aKillOfTwoThatFindsOneDownHasNoEffect() {
    Three c = new Three();
    c.down.add(2);
    Applied kill = new Nemesis(c, () -> 0).apply(new FaultWindow(FaultKind.KILL, 0, 1_000, "members", List.of(1, 2),
        false, 1L));
    assertThat(kill.tookEffect()).isFalse();
    assertThat(kill.noEffect()).contains("[2] not running");
  }
}
