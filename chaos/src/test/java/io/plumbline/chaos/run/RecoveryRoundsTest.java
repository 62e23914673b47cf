package io.plumbline.chaos.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.chaos.workload.Workload;
import io.plumbline.checker.Validity;
import io.plumbline.history.HistoryRecorder;
import io.plumbline.history.Op;
import io.plumbline.history.OpType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The recovery verdict judges the last round of final operations and names the earlier ones. */
class RecoveryRoundsTest {

  private static void read(HistoryRecorder r, String process, OpType outcome) {
    r.record(process, OpType.INVOKE, "read", "all", null);
    r.record(process, outcome, "read", "all", outcome == OpType.OK ? "v" : null);
  }

  @Test
  void aSlowFirstRoundFollowedByAnAllOkRoundIsRecovered() {
    HistoryRecorder r = new HistoryRecorder(System.nanoTime());
    read(r, "0", OpType.OK);
    read(r, "1", OpType.INFO);
    int second = r.size();
    read(r, "0", OpType.OK);
    read(r, "1", OpType.OK);
    List<Op> events = r.history("t").events();

    Workload.Verdict v = ChaosRunner.recovery(events, List.of(0, second), 2);

    assertThat(v.validity()).isEqualTo(Validity.TRUE);
    assertThat(v.summary()).contains("2 of 2").contains("round 2").contains("earlier rounds: 1/2");
  }

  @Test
  void aStoreThatNeverRecoversFailsItsLastRound() {
    HistoryRecorder r = new HistoryRecorder(System.nanoTime());
    read(r, "0", OpType.INFO);
    int second = r.size();
    read(r, "0", OpType.FAIL);
    List<Op> events = r.history("t").events();

    assertThat(ChaosRunner.recovery(events, List.of(0, second), 1).validity()).isEqualTo(Validity.FALSE);
  }

  @Test
  void noFinalOperationsIsNotRecovered() {
    assertThat(ChaosRunner.recovery(List.of(), List.of(0), 3).validity()).isEqualTo(Validity.FALSE);
  }

  /** One member serving is not a recovered cluster: every process's final operation must be ok. */
  @Test
  void aLastRoundWithOneOperationNotOkIsNotRecovered() {
    HistoryRecorder r = new HistoryRecorder(System.nanoTime());
    read(r, "0", OpType.OK);
    read(r, "1", OpType.INFO);
    Workload.Verdict v = ChaosRunner.recovery(r.history("t").events(), List.of(0), 2);
    assertThat(v.validity()).isEqualTo(Validity.FALSE);
    assertThat(v.summary()).contains("1 of 2 final operations ok");
  }
}
