package io.plumbline.raft.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The simulation passes on the correct core, converges after healing, and replays by seed. */
class SimulationTest {

  @Test
  void threeMemberClusterSurvivesFaultsForManySeeds() throws InterruptedException {
    SimulationRunner.Summary s = SimulationRunner.run(SimOptions.of(1, 3, 2000), 1, 30, 2, l -> {});
    assertThat(s.failures()).as("failures").isEmpty();
    assertThat(s.writes()).isPositive();
    assertThat(s.reads()).isPositive();
  }

  @Test
  void fiveMemberClusterSurvivesFaultsForManySeeds() throws InterruptedException {
    SimulationRunner.Summary s = SimulationRunner.run(SimOptions.of(1, 5, 2000), 1, 15, 2, l -> {});
    assertThat(s.failures()).as("failures").isEmpty();
  }

  @Test
  void sameSeedGivesSameDigestAndDifferentSeedsDiffer() {
    SimResult a = new Simulation(SimOptions.of(7, 3, 1500)).run();
    SimResult b = new Simulation(SimOptions.of(7, 3, 1500)).run();
    SimResult c = new Simulation(SimOptions.of(8, 3, 1500)).run();
    assertThat(a.ok()).isTrue();
    assertThat(a.digest()).isEqualTo(b.digest()).hasSize(32);
    assertThat(a.ticks()).isEqualTo(b.ticks());
    assertThat(c.digest()).isNotEqualTo(a.digest());
  }

  @Test
  void faultsReallyHappen() {
    long crashes = 0;
    long partitions = 0;
    long leaders = 0;
    for (long seed = 1; seed <= 10; seed++) {
      SimResult r = new Simulation(SimOptions.of(seed, 3, 2000)).run();
      crashes += r.crashes();
      partitions += r.partitions();
      leaders += r.leadersElected();
    }
    assertThat(crashes).isPositive();
    assertThat(partitions).isPositive();
    assertThat(leaders).isGreaterThan(10);
  }
}
