package io.plumbline.apiserver.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The store interface's conditional writes against real etcd, including the fencing guard. */
class EtcdObjectStoreTest {
  static io.plumbline.apiserver.EtcdTestCluster etcd;
  static EtcdObjectStore store;

  @BeforeAll
  static void start() throws Exception {
    etcd = io.plumbline.apiserver.EtcdTestCluster.start(1);
    store = new EtcdObjectStore(etcd.clientUrls(), Duration.ofSeconds(5));
  }

  @AfterAll
  static void stop() throws Exception {
    store.close();
    etcd.close();
  }

  @Test
  void createIsRefusedWhenTheKeyExistsAndReportsWhatIsThere() {
    WriteResult first = store.create("/t/create", bytes("a"), List.of());
    assertThat(first).isInstanceOf(WriteResult.Committed.class);
    WriteResult second = store.create("/t/create", bytes("b"), List.of());
    assertThat(second).isInstanceOf(WriteResult.PreconditionFailed.class);
    StoredValue current = ((WriteResult.PreconditionFailed) second).current();
    assertThat(new String(current.value(), StandardCharsets.UTF_8)).isEqualTo("a");
    assertThat(current.modRevision()).isEqualTo(((WriteResult.Committed) first).revision());
  }

  @Test
  void updateAndDeleteNeedTheCurrentModRevision() {
    long rev = ((WriteResult.Committed) store.create("/t/cas", bytes("1"), List.of())).revision();
    assertThat(store.update("/t/cas", bytes("2"), rev - 1, List.of()))
        .isInstanceOf(WriteResult.PreconditionFailed.class);
    long rev2 = ((WriteResult.Committed) store.update("/t/cas", bytes("2"), rev, List.of()))
        .revision();
    assertThat(store.delete("/t/cas", rev, List.of()))
        .isInstanceOf(WriteResult.PreconditionFailed.class);
    assertThat(store.delete("/t/cas", rev2, List.of())).isInstanceOf(WriteResult.Committed.class);
    assertThat(store.get("/t/cas")).isEmpty();
  }

  @Test
  void aWriteWhoseGuardKeyMovedIsRefusedAndChangesNothing() {
    long leaseRev = ((WriteResult.Committed) store.create("/t/lease", bytes("gen-1"), List.of()))
        .revision();
    WriteGuard guard = new WriteGuard("/t/lease", leaseRev);
    assertThat(store.create("/t/fenced-1", bytes("ok"), List.of(guard)))
        .isInstanceOf(WriteResult.Committed.class);
    store.update("/t/lease", bytes("gen-2"), leaseRev, List.of());
    WriteResult stale = store.create("/t/fenced-2", bytes("late"), List.of(guard));
    assertThat(stale).isEqualTo(new WriteResult.GuardFailed(guard));
    assertThat(store.get("/t/fenced-2")).isEmpty();
  }

  @Test
  void listReadsEveryKeyUnderThePrefixAtOneRevision() {
    store.create("/t/list/a", bytes("1"), List.of());
    store.create("/t/list/b", bytes("2"), List.of());
    store.create("/t/listing-is-not-under-the-prefix", bytes("3"), List.of());
    ListResult list = store.list("/t/list/");
    assertThat(list.items()).extracting(StoredValue::key).containsExactly("/t/list/a",
        "/t/list/b");
    assertThat(list.revision()).isGreaterThanOrEqualTo(list.items().get(1).modRevision());
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
