package io.plumbline.chaos.storesim;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.Event;
import io.etcd.jetcd.api.KeyValue;
import io.plumbline.store.mvcc.RevisionEvents;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RevisionAgreement on restored revisions: a snapshot that brings back other events than were applied is caught. */
class StoreInvariantsTest {
  private static RevisionEvents put(long rev, String key, String value) {
    KeyValue kv = KeyValue.newBuilder().setKey(ByteString.copyFromUtf8(key)).setValue(ByteString.copyFromUtf8(value))
        .setModRevision(rev).build();
    return new RevisionEvents(rev, List.of(Event.newBuilder().setType(Event.EventType.PUT).setKv(kv).build()));
  }

  @Test
  void aRestartThatRestoresTheAppliedEventsPasses() {
    StoreInvariants inv = new StoreInvariants();
    inv.onEvents("n1", 1, put(2, "k0", "a"));
    assertThatCode(() -> inv.restored("n2", List.of(put(2, "k0", "a"), put(3, "k1", "unseen")))).doesNotThrowAnyException();
  }

  @Test
  void aRestartThatRestoresOtherEventsThanWereAppliedIsCaught() {
    StoreInvariants inv = new StoreInvariants();
    inv.onEvents("n1", 1, put(2, "k0", "a"));
    assertThatThrownBy(() -> inv.restored("n2", List.of(put(2, "k0", "b"))))
        .isInstanceOf(StoreInvariants.Violation.class).hasMessageStartingWith("RevisionAgreement: n2 restarted with other events at revision 2");
  }
}
