package io.plumbline.raft.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A few short seeds, cheap enough for mutation testing to run per mutant. */
class SimulationSmokeTest {
  @Test
  void shortSeedsPassOnThreeAndFiveMembers() {
    for (long seed = 1; seed <= 4; seed++) {
      SimResult r = new Simulation(SimOptions.of(seed, seed % 2 == 0 ? 5 : 3, 600)).run();
      assertThat(r.ok()).as("seed %d: %s", seed, r.detail()).isTrue();
      assertThat(r.writesAcknowledged()).isPositive();
    }
  }
}
