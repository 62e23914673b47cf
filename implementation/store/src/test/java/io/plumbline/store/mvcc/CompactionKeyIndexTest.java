package io.plumbline.store.mvcc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.CompactionRequest;
import io.etcd.jetcd.api.DeleteRangeRequest;
import io.etcd.jetcd.api.PutRequest;
import org.junit.jupiter.api.Test;

/**
 * Compaction keeps exactly what a read at or after the compact revision can reach (etcd's keyIndex
 * compaction): a live key keeps its version live at that revision and the later ones; a key deleted at
 * or before it leaves the index altogether, so a store with many short-lived keys does not grow with them.
 */
class CompactionKeyIndexTest {
  private final MvccStore store = new MvccStore(1);

  private static ByteString b(String s) {
    return ByteString.copyFromUtf8(s);
  }

  private void put(String k, String v) {
    store.put(PutRequest.newBuilder().setKey(b(k)).setValue(b(v)).build());
  }

  private void delete(String k) {
    store.deleteRange(DeleteRangeRequest.newBuilder().setKey(b(k)).build());
  }

  @Test
  void compactionKeepsOnlyWhatReadsFromItsRevisionOnCanReach() {
    for (int i = 0; i < 50; i++) {
      put("churn/" + i, "v");
      delete("churn/" + i);
    }
    put("live", "1");
    put("live", "2");
    put("gone", "x");
    delete("gone"); // deleted at the compact revision itself
    long compactAt = store.currentRevision();
    put("after", "y");
    delete("after");
    store.compact(CompactionRequest.newBuilder().setRevision(compactAt).build());
    assertThat(store.keys.keySet()).as("keys left in the index").containsExactly(b("after"), b("live"));
    assertThat(store.keys.get(b("live")).versions()).extracting(KeyHistory.Version::modRevision)
        .as("the version live at the compact revision").containsExactly(compactAt - 2);
    assertThat(store.keys.get(b("after")).versions()).as("put and deletion after the compact revision").hasSize(2);
    assertThat(store.versionCount()).isEqualTo(3);
  }
}
