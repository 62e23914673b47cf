package io.plumbline.chaos.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.chaos.generator.Generator;
import io.plumbline.chaos.generator.Generators;
import io.plumbline.chaos.generator.Invocation;
import io.plumbline.chaos.nemesis.FaultKind;
import io.plumbline.chaos.nemesis.FaultWindow;
import io.plumbline.chaos.nemesis.NemesisSchedule;
import io.plumbline.chaos.plan.PartitionPlan;
import io.plumbline.chaos.runtime.ChaosCluster;
import io.plumbline.chaos.workload.Completion;
import io.plumbline.chaos.workload.Workload;
import io.plumbline.chaos.workload.WorkloadClient;
import io.plumbline.checker.Validity;
import io.plumbline.history.History;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The whole runner, end to end: a run whose only fault is a partition that cut no link ends
 * unknown, although its checker says valid — a run that saw no fault vouches for nothing.
 */
class NothingCutIsUnknownTest {
  @Test
  void aPartitionThatCutNoLinkMakesAValidRunUnknown() {
    List<PartitionPlan> applied = new ArrayList<>();
    NemesisSchedule schedule = new NemesisSchedule(List.of(
        new FaultWindow(FaultKind.PARTITION, 300, 700, "halves", List.of(), false, 1L)));
    RunOptions options = new RunOptions(1, 2, 200, Duration.ofMillis(1_500), Duration.ofSeconds(1),
        Duration.ofSeconds(5));
    RunResult r = new ChaosRunner(new OneMember(applied), new AlwaysOk(), schedule, options, () -> 0, line -> { })
        .run();
    assertThat(applied).singleElement().satisfies(p -> assertThat(p.cut()).isEmpty()); // halves of one member
    assertThat(r.verdicts()).filteredOn(v -> v.checker().equals("always ok"))
        .singleElement().satisfies(v -> assertThat(v.validity()).isEqualTo(Validity.TRUE));
    assertThat(r.verdicts()).filteredOn(v -> v.checker().equals("evidence")).singleElement()
        .satisfies(v -> assertThat(v.details()).contains("no effect (the partition cut no link)"));
    assertThat(r.validity()).isEqualTo(Validity.UNKNOWN);
    assertThat(r.timeline()).singleElement().satisfies(e -> assertThat(e.tookEffect()).isFalse());
  }

  /** A one-member "cluster" whose partitions can cut nothing; it records the plans it was given. */
  private record OneMember(List<PartitionPlan> applied) implements ChaosCluster {
    @Override public int size() {
      return 1;
    }

    @Override public List<String> clientUrls() {
      return List.of("mem://0");
    }

    @Override public void partition(PartitionPlan plan) {
      applied.add(plan);
    }

    @Override public void healNetwork() { }

    @Override public void kill(int i) {
      throw new UnsupportedOperationException("not in this test");
    }

    @Override public void restart(int i) { }

    @Override public boolean isRunning(int i) {
      return true;
    }

    @Override public void pause(int i) {
      throw new UnsupportedOperationException("not in this test");
    }

    @Override public void resume(int i) { }

    @Override public void saveLogs(Path dir) { }

    @Override public void close() { }
  }

  /** Writes that always succeed, and a checker that always says valid. */
  private static final class AlwaysOk implements Workload {
    @Override public String name() {
      return "always ok";
    }

    @Override public WorkloadClient client(int process, String clientUrl) {
      return new WorkloadClient() {
        @Override public Completion invoke(Invocation op) {
          return Completion.ok(op.value());
        }

        @Override public void close() { }
      };
    }

    @Override public Generator generator() {
      return Generators.repeat(ctx -> new Invocation(Invocation.ANY, "write", 0L, 1L, 0));
    }

    @Override public Generator finalGenerator(List<Integer> processes) {
      return Generators.eachProcess(Set.copyOf(processes),
          p -> Generators.once(new Invocation(p, "write", 0L, 2L, 0)));
    }

    @Override public Verdict check(History history) {
      return new Verdict("always ok", Validity.TRUE, "valid by construction", "");
    }
  }
}
