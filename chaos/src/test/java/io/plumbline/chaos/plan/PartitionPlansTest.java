package io.plumbline.chaos.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class PartitionPlansTest {

  @Property
  void randomHalvesCutEveryLinkBetweenTheTwoSidesAndNoOther(@ForAll @IntRange(min = 2, max = 9) int n,
      @ForAll long seed) {
    PartitionPlan p = PartitionPlans.randomHalves(n, new SplittableRandom(seed));
    Set<Integer> side = p.reachableFrom(0);
    for (int x = 0; x < n; x++) {
      for (int y = 0; y < n; y++) {
        assertThat(p.isCut(x, y)).isEqualTo(side.contains(x) != side.contains(y));
      }
    }
    assertThat(Math.min(side.size(), n - side.size())).isEqualTo(n / 2);
  }

  @Property
  void majorityMinorityLeavesExactlyOneComponentWithQuorum(@ForAll @IntRange(min = 3, max = 9) int n,
      @ForAll long seed) {
    PartitionPlan p = PartitionPlans.majorityMinority(n, new SplittableRandom(seed));
    int withQuorum = 0;
    for (int x = 0; x < n; x++) {
      if (p.reachableFrom(x).size() > n / 2) {
        withQuorum++;
      }
    }
    assertThat(withQuorum).isEqualTo(n / 2 + 1);
  }

  @Test
  void isolateCutsOneMemberFromAllOthers() {
    PartitionPlan p = PartitionPlans.isolate(5, 2);
    assertThat(p.cut()).containsExactly(new Link(0, 2), new Link(1, 2), new Link(2, 3), new Link(2, 4));
    assertThat(p.reachableFrom(2)).containsExactly(2);
    assertThat(p.reachableFrom(0)).containsExactly(0, 1, 3, 4);
  }

  @Test
  void isolateRejectsAMemberOutsideTheCluster() {
    assertThatThrownBy(() -> PartitionPlans.isolate(3, 3)).hasMessageContaining("not in 0..2");
  }

  @Property
  void bridgeMemberSeesEveryoneWhileTheSidesDoNotSeeEachOther(@ForAll @IntRange(min = 3, max = 9) int n,
      @ForAll long seed) {
    PartitionPlan p = PartitionPlans.bridge(n, new SplittableRandom(seed));
    int bridges = 0;
    for (int x = 0; x < n; x++) {
      if (p.reachableFrom(x).size() == n) {
        bridges++;
      } else {
        assertThat(p.reachableFrom(x).size()).isLessThanOrEqualTo(n / 2 + 1);
      }
    }
    assertThat(bridges).isEqualTo(1);
  }

  @Test
  void bridgeOfFiveGivesBothSidesAMajorityThroughTheBridge() {
    PartitionPlan p = PartitionPlans.bridge(5, new SplittableRandom(7));
    Set<Integer> sizes = new HashSet<>();
    for (int x = 0; x < 5; x++) {
      sizes.add(p.reachableFrom(x).size());
    }
    assertThat(sizes).containsExactlyInAnyOrder(3, 5);
    assertThat(p.cut()).hasSize(4);
  }

  @Property
  void majoritiesRingLetsEveryMemberSeeAMajorityButNotTheSameOne(@ForAll @IntRange(min = 3, max = 9) int n,
      @ForAll long seed) {
    PartitionPlan p = PartitionPlans.majoritiesRing(n, new SplittableRandom(seed));
    Set<Set<Integer>> views = new HashSet<>();
    for (int x = 0; x < n; x++) {
      assertThat(p.reachableFrom(x).size()).isGreaterThan(n / 2);
      views.add(p.reachableFrom(x));
    }
    assertThat(views).hasSize(n);
    assertThat(p.cut()).as("a ring plan that cuts nothing is no fault").isNotEmpty();
  }

  @Test
  void majoritiesRingOfThreeOpensTheRingIntoALine() {
    PartitionPlan p = PartitionPlans.majoritiesRing(3, new SplittableRandom(1));
    assertThat(p.cut()).hasSize(1);
    assertThatThrownBy(() -> PartitionPlans.majoritiesRing(2, new SplittableRandom(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Property
  void theSameSeedGivesTheSamePlan(@ForAll @IntRange(min = 3, max = 7) int n, @ForAll long seed) {
    assertThat(PartitionPlans.bridge(n, new SplittableRandom(seed)))
        .isEqualTo(PartitionPlans.bridge(n, new SplittableRandom(seed)));
    assertThat(PartitionPlans.majoritiesRing(n, new SplittableRandom(seed)))
        .isEqualTo(PartitionPlans.majoritiesRing(n, new SplittableRandom(seed)));
  }
}
