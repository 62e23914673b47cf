package io.plumbline.raft.mbt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plumbline.raft.sim.InvariantViolation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The walk's client-record checks on known-good and known-bad histories. */
class ClientRecordTest {
  @Test
  void aReadMissingAWriteAcknowledgedBeforeItStartedIsNotLinearizable() {
    ClientRecord c = new ClientRecord();
    c.writeInvoked("w1", "n1");
    c.applied("n1", "w1", 3);
    c.readInvoked("r1", "n2", 4, 0);
    assertThatThrownBy(() -> c.readCompleted("r1", List.of(), 5))
        .isInstanceOfSatisfying(InvariantViolation.class,
            v -> assertThat(v.invariant()).isEqualTo("ReadIndexLinearizable"))
        .hasMessageContaining("misses writes acknowledged before it started: [w1]");
  }

  @Test
  void aReadMayMissAWriteAcknowledgedAfterItStartedOrNeverAcknowledged() {
    ClientRecord c = new ClientRecord();
    c.writeInvoked("w1", "n1");
    c.writeInvoked("w2", "n1");
    c.readInvoked("r1", "n2", 2, 0);
    c.applied("n1", "w1", 3); // acknowledged after the read began
    c.readCompleted("r1", List.of(), 4);
    assertThat(c.readsCompleted).isEqualTo(1);
  }

  @Test
  void anAcknowledgedWriteMissingAfterHealingIsLost() {
    ClientRecord c = new ClientRecord();
    c.writeInvoked("w1", "n1");
    c.applied("n1", "w1", 3);
    c.restarted("n1", 4);
    c.checkDurable("n2", List.of("w1"));
    assertThatThrownBy(() -> c.checkDurable("n1", List.of()))
        .isInstanceOfSatisfying(InvariantViolation.class,
            v -> assertThat(v.invariant()).isEqualTo("AcknowledgedWritesDurable"));
  }

  @Test
  void aWriteWhoseMemberCrashedBeforeApplyingItIsIndeterminate() {
    ClientRecord c = new ClientRecord();
    c.writeInvoked("w1", "n1");
    c.restarted("n1", 2);
    c.applied("n1", "w1", 3); // committed after all, but the client never heard
    c.checkDurable("n2", List.of());
    assertThat(c.acknowledgedCount()).isZero();
  }
}
