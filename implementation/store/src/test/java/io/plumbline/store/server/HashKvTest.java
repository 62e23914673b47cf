package io.plumbline.store.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.CompactionRequest;
import io.etcd.jetcd.api.HashKVRequest;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.MaintenanceGrpc;
import io.etcd.jetcd.api.PutRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * HashKV's revision bounds as etcd 3.4's {@code mvcc.HashByRev}: a revision at or below the compact revision is
 * compacted, one past the current revision is future. etcd 3.4.23, four puts, compaction at 3: {@code etcdctl
 * endpoint hashkv --rev 3} fails "mvcc: required revision has been compacted", {@code --rev 4} answers a hash.
 */
class HashKvTest {
  @RegisterExtension final OneMember member = new OneMember();

  @Test
  void aHashAtTheCompactRevisionIsCompactedAsInEtcd() throws Exception {
    ManagedChannel channel = member.channel();
    KVGrpc.KVBlockingStub kv = KVGrpc.newBlockingStub(channel);
    long current = 0;
    for (int i = 1; i <= 4; i++) {
      current = kv.put(PutRequest.newBuilder().setKey(ByteString.copyFromUtf8("k" + i)).setValue(ByteString.copyFromUtf8("v"))
          .build()).getHeader().getRevision();
    }
    kv.compact(CompactionRequest.newBuilder().setRevision(3).build());
    MaintenanceGrpc.MaintenanceBlockingStub m = MaintenanceGrpc.newBlockingStub(channel);
    for (long rev : new long[] {2, 3}) {
      assertThatThrownBy(() -> m.hashKV(HashKVRequest.newBuilder().setRevision(rev).build()))
          .as("hash at revision %d, compacted at 3", rev)
          .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.OUT_OF_RANGE);
            assertThat(e.getStatus().getDescription()).contains("required revision has been compacted");
          });
    }
    assertThat(m.hashKV(HashKVRequest.newBuilder().setRevision(4).build()).getCompactRevision()).isEqualTo(3);
    long future = current + 1;
    assertThatThrownBy(() -> m.hashKV(HashKVRequest.newBuilder().setRevision(future).build()))
        .hasMessageContaining("future revision");
  }

  /**
   * A hash at revision R covers the keys as they were at R: the same after later writes, other than the hash of
   * the current revision once a write changed the keys. etcd 3.4.23: two puts, {@code endpoint hashkv --rev 5}
   * answers the same hash before and after a third put, and plain {@code endpoint hashkv} another.
   */
  @Test
  void aHashAtARevisionCoversTheKeysAsTheyWereThen() {
    KVGrpc.KVBlockingStub kv = KVGrpc.newBlockingStub(member.channel());
    MaintenanceGrpc.MaintenanceBlockingStub m = MaintenanceGrpc.newBlockingStub(member.channel());
    long r = 0;
    for (String k : new String[] {"h1", "h2"}) {
      r = kv.put(PutRequest.newBuilder().setKey(ByteString.copyFromUtf8(k)).setValue(ByteString.copyFromUtf8("v")).build())
          .getHeader().getRevision();
    }
    long at = r;
    int before = m.hashKV(HashKVRequest.newBuilder().setRevision(at).build()).getHash();
    kv.put(PutRequest.newBuilder().setKey(ByteString.copyFromUtf8("h3")).setValue(ByteString.copyFromUtf8("v")).build());
    assertThat(m.hashKV(HashKVRequest.newBuilder().setRevision(at).build()).getHash())
        .as("hash at revision %d after a later put", at).isEqualTo(before);
    assertThat(m.hashKV(HashKVRequest.newBuilder().build()).getHash()).as("hash of the current revision")
        .isNotEqualTo(before);
  }
}
