package io.plumbline.chaos.runtime.containers;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.chaos.junit.ChaosTarget;
import io.plumbline.chaos.nemesis.FaultKind;
import io.plumbline.chaos.nemesis.TimelineEntry;
import io.plumbline.chaos.run.RunResult;
import io.plumbline.chaos.runtime.ChaosCluster;
import io.plumbline.history.Operation;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Real etcd 3.4, one container per member, through the JUnit extension (so this also shows {@code
 * @ChaosTarget(runtime = "containers")} works), under partition, kill, pause and client cuts (iptables
 * in the cut member's container). Fails, never skips, when Docker is absent.
 */
class ContainerEtcdChaosTest {
  private static final Pattern CUT_MEMBER = Pattern.compile("clients cut from \\[(\\d+)]");
  /** Margin after a cut starts: the {@code docker exec} loading its table may take a while on a loaded machine. */
  private static final long SETTLE_NANOS = TimeUnit.MILLISECONDS.toNanos(1500);

  @Test
  @ChaosTarget(target = "etcd", nodes = 3, runtime = "containers")
  void registerUnderPartitionKillPauseAndClientCutsIsLinearizableAndRecovers(ChaosCluster cluster) {
    assertThat(cluster).isInstanceOf(ContainerCluster.class);
    assertThat(cluster.supportsClientCuts()).isTrue();
    RunResult r = ContainerChaosRuns.assertValidUnderFaults(cluster, ContainerChaosRuns.basicAnd(FaultKind.CLIENTS), 1L);
    for (TimelineEntry cut : r.timeline().stream().filter(t -> t.kind() == FaultKind.CLIENTS).toList()) {
      assertCutMembersClientsGotNoAnswer(r, cut, cluster.size());
    }
  }

  /**
   * The processes bound to the cut member (process p talks to member (p mod concurrency) mod n)
   * invoked operations during the cut and got no answer: none that also ended before the heal
   * succeeded (they timed out: info, or failed), and not all of them succeeded (one invoked just
   * before the heal may still succeed once its dropped packets are retransmitted).
   */
  private static void assertCutMembersClientsGotNoAnswer(RunResult r, TimelineEntry cut, int n) {
    Matcher m = CUT_MEMBER.matcher(cut.description());
    assertThat(m.find()).as(cut.description()).isTrue();
    int member = Integer.parseInt(m.group(1));
    List<Operation> during = r.history().operations().stream()
        .filter(op -> Integer.parseInt(op.process()) % ContainerChaosRuns.CONCURRENCY % n == member)
        .filter(op -> op.invoke().timeNanos() >= cut.startNanos() + SETTLE_NANOS && op.invoke().timeNanos() < cut.endNanos())
        .toList();
    System.out.println(cut.description() + ": " + during.size() + " operations of its clients, outcomes "
        + during.stream().map(op -> op.outcome().name()).toList());
    assertThat(during).as("operations of member %d's clients during %s", member, cut.description())
        .anyMatch(op -> op.outcome() != Operation.Outcome.OK)
        .filteredOn(op -> op.completion().timeNanos() <= cut.endNanos())
        .noneMatch(op -> op.outcome() == Operation.Outcome.OK);
  }

  @AfterAll
  static void everyContainerAndNetworkOfTheRunIsGone() {
    assertThat(ContainerChaosRuns.leftovers()).isBlank();
  }
}
