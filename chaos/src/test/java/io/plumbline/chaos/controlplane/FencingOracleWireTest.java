package io.plumbline.chaos.controlplane;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.chaos.workload.Workload.Verdict;
import io.plumbline.checker.Validity;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link FencingOracle#judge}: every write kind a controller manager sends, as its link saw it. cm-2 takes
 * the lease at generation 2 (its lease write answered at t=10); a write of generation 1 that left after
 * that is a deposed leader's, whatever its kind.
 */
class FencingOracleWireTest {
  private static final ControllerWrite TAKEOVER = write("cm-2", 2, "PUT leases", 9, 10, 200);
  private static final ControllerWrite OLD_LEADER_BEFORE = write("cm-1", 1, "POST pods", 1, 2, 201);
  private static final ControllerWrite NEW_LEADER_CREATE = write("cm-2", 2, "POST pods", 11, 12, 201);

  private static ControllerWrite write(String who, long generation, String kind, long sent, long answered, int code) {
    return new ControllerWrite(who, generation, kind, "/api/v1/namespaces/default/x", sent, answered, code, false);
  }

  /** Refused by the fence: a 409 whose message said so. */
  private static ControllerWrite fencedOff(String who, long generation, String kind, long sent, long answered) {
    return new ControllerWrite(who, generation, kind, "/api/v1/namespaces/default/x", sent, answered, 409, true);
  }

  @Test
  void everyKindOfDeposedWriteAcceptedIsInvalid() {
    for (String kind : List.of("POST pods", "DELETE pods", "PATCH pods", "PATCH replicationcontrollers/status",
        "POST events", "PUT leases")) {
      Verdict v = FencingOracle.judge(List.of(OLD_LEADER_BEFORE, TAKEOVER, write("cm-1", 1, kind, 15, 16, 200)));
      assertThat(v.validity()).as(kind + ": " + v.summary()).isEqualTo(Validity.FALSE);
      assertThat(v.details()).contains(kind + " ").contains("cm-1@1").contains("PUT leases");
    }
  }

  @Test
  void deposedWritesAllRefusedAreValid() {
    Verdict v = FencingOracle.judge(List.of(OLD_LEADER_BEFORE, TAKEOVER, NEW_LEADER_CREATE,
        fencedOff("cm-1", 1, "DELETE pods", 15, 16), write("cm-1", 1, "PATCH replicationcontrollers/status", 15, 17,
            404)));
    assertThat(v.validity()).as(v.summary()).isEqualTo(Validity.TRUE);
    assertThat(v.summary()).contains("answered: 2 [DELETE pods, PATCH replicationcontrollers/status]")
        .contains("refused by the fence: 1, refused otherwise: 1");
  }

  @Test
  void deposedWritesRefusedOnlyForOtherReasonsAreNoEvidence() {
    // the run that once came out valid with fencing off: a renewal whose precondition failed (409) and a
    // status patch of an RC deleted meanwhile (404) are refused with or without fencing
    Verdict v = FencingOracle.judge(List.of(OLD_LEADER_BEFORE, TAKEOVER, NEW_LEADER_CREATE,
        write("cm-1", 1, "PUT leases", 15, 16, 409), write("cm-1", 1, "PATCH replicationcontrollers/status", 15, 17,
            404)));
    assertThat(v.validity()).as(v.summary()).isEqualTo(Validity.UNKNOWN);
    assertThat(v.summary()).contains("no deposed leader's write was refused by the fence");
    assertThat(v.details()).contains("PUT leases").contains("answered 404");
  }

  @Test
  void withoutADeposedLeadersWriteThereIsNoEvidence() {
    // two generations wrote, but the old one only before the takeover: nothing tested fencing
    Verdict v = FencingOracle.judge(List.of(OLD_LEADER_BEFORE, TAKEOVER, NEW_LEADER_CREATE));
    assertThat(v.validity()).as(v.summary()).isEqualTo(Validity.UNKNOWN);
    assertThat(FencingOracle.judge(List.of()).validity()).isEqualTo(Validity.UNKNOWN);
  }

  @Test
  void aDeposedWriteWithoutAnAnswerIsNoEvidence() {
    // it may or may not have landed: neither a refusal to count nor an acceptance to blame
    Verdict v = FencingOracle.judge(List.of(TAKEOVER, write("cm-1", 1, "POST pods", 15, 20, -1),
        write("cm-1", 1, "POST pods", 15, 21, 503)));
    assertThat(v.validity()).as(v.summary()).isEqualTo(Validity.UNKNOWN);
  }

  @Test
  void aWriteSentBeforeTheNewerOneWasAnsweredIsNotCalledStale() {
    // overlapping in time: the store may have ordered it first, so real time alone cannot blame it
    Verdict v = FencingOracle.judge(List.of(TAKEOVER, write("cm-1", 1, "POST pods", 9, 11, 201)));
    assertThat(v.validity()).as(v.summary()).isEqualTo(Validity.UNKNOWN);
  }

  @Test
  void resourcePathsNameTheKind() {
    assertThat(ControllerLink.resource("/api/v1/namespaces/default/pods")).isEqualTo("pods");
    assertThat(ControllerLink.resource("/api/v1/namespaces/default/pods/p-1")).isEqualTo("pods");
    assertThat(ControllerLink.resource("/api/v1/namespaces/default/replicationcontrollers/rc-1/status?x=1"))
        .isEqualTo("replicationcontrollers/status");
    assertThat(ControllerLink.resource("/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/cm"))
        .isEqualTo("leases");
  }
}
