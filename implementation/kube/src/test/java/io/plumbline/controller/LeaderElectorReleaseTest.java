package io.plumbline.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.apiserver.api.LeaseTraceSink;
import io.plumbline.controller.FakeLeaseApi.WriteFault;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * {@link LeaderElector#close(boolean) close(true)} gives up only a lease this candidate still
 * holds: client-go's ReleaseOnCancel clears the holder only of its own record. A leader closed
 * after a rival took the Lease over (it was paused, its renewals failed) must leave the rival's
 * record alone, or a third candidate takes the Lease at once while the rival still leads, and the
 * release hands the rival's generation to whoever comes next.
 */
class LeaderElectorReleaseTest {
  private static final long T0 = 1_000_000;
  private static final ElectionConfig CONFIG = new ElectionConfig("kube-system", "cm", "a",
      15_000, 10_000, 3_000);

  @Test
  void aLeaderClosedAfterARivalTookOverLeavesTheRivalsLeaseAlone() {
    // At a's first renewal (3 s) the rival b holds the Lease at generation 1 (a's lease record
    // changed under it: b took over meanwhile), and a is closed while its loop still leads.
    FakeLeaseApi api = closedWhileLeading(lease -> lease.heldBy("b", 1, 3_000, T0 + 20_000, 0));
    assertThat(api.holderIdentity()).isEqualTo("b");
  }

  @Test
  void aLeaderClosedWhileItHoldsTheLeaseReleasesIt() {
    FakeLeaseApi api = closedWhileLeading(lease -> {});
    assertThat(api.holderIdentity()).isEmpty();
  }

  /**
   * Runs candidate a on a fake clock; at its first renewal (3 s) {@code beforeClose} changes the
   * Lease and a is closed with release while its loop still leads. Returns the Lease afterwards.
   */
  private static FakeLeaseApi closedWhileLeading(Consumer<FakeLeaseApi> beforeClose) {
    FakeElectionClock clock = new FakeElectionClock(T0, T0 + 20_000);
    FakeLeaseApi api = new FakeLeaseApi(clock);
    LeaderElector[] elector = new LeaderElector[1];
    boolean[] closed = {false};
    api.writeFault = t -> {
      if (t >= T0 + 3_000 && !closed[0]) {
        closed[0] = true;
        beforeClose.accept(api);
        elector[0].close(true);
      }
      return WriteFault.NONE;
    };
    elector[0] = new LeaderElector(api, CONFIG, clock, LeaderElectorTimingTest.HALF,
        LeaseTraceSink.OFF, Set.of());

    elector[0].run();

    assertThat(closed[0]).as("a was closed while leading").isTrue();
    return api;
  }
}
