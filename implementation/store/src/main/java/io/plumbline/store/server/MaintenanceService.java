package io.plumbline.store.server;

import io.etcd.jetcd.api.AlarmRequest;
import io.etcd.jetcd.api.AlarmResponse;
import io.etcd.jetcd.api.HashKVRequest;
import io.etcd.jetcd.api.HashKVResponse;
import io.etcd.jetcd.api.MaintenanceGrpc;
import io.etcd.jetcd.api.StatusRequest;
import io.etcd.jetcd.api.StatusResponse;
import io.grpc.stub.StreamObserver;
import io.plumbline.store.mvcc.StoreError;
import io.plumbline.store.node.StoreNode;
import java.util.zip.CRC32C;

/**
 * etcd's Maintenance service: status (version, an estimate of the database size, leader, Raft
 * index and term), hash of the key space, and an always-empty alarm list.
 */
final class MaintenanceService implements MaintenanceGrpc.AsyncService {
  /** The etcd API version this store answers as. */
  static final String VERSION = "3.4.23";
  /** Rough bytes per retained version, for a database-size figure comparable in magnitude to etcd's. */
  private static final long BYTES_PER_VERSION = 128;
  private final StoreNode node;
  private final AuthGate auth;

  MaintenanceService(StoreNode node, AuthGate auth) {
    this.node = node;
    this.auth = auth;
  }

  /** etcd's authMaintenanceServer: hash, hash-kv and defragment are root's alone while auth is on. */
  private boolean refusedUnlessRoot(StreamObserver<?> reply) {
    try {
      auth.requireRoot();
      return false;
    } catch (io.plumbline.store.mvcc.StoreException e) {
      Errors.fail(reply, e);
      return true;
    }
  }

  @Override
  public void status(StatusRequest r, StreamObserver<StatusResponse> reply) {
    StatusResponse.Builder b = StatusResponse.newBuilder().setVersion(VERSION)
        .setRaftIndex(node.commitIndex()).setRaftTerm(node.term()).setRaftAppliedIndex(node.appliedIndex());
    String leader = node.leader();
    if (leader != null) {
      b.setLeader(node.memberId(leader));
    } else {
      b.addErrors(StoreError.NO_LEADER.message());
    }
    node.read(m -> {
      long size = 20_480 + m.versionCount() * BYTES_PER_VERSION;
      b.setHeader(node.header(m.currentRevision())).setDbSize(size).setDbSizeInUse(size);
      return null;
    });
    reply.onNext(b.build());
    reply.onCompleted();
  }

  @Override
  public void hashKV(HashKVRequest r, StreamObserver<HashKVResponse> reply) {
    if (refusedUnlessRoot(reply)) {
      return;
    }
    HashKVResponse resp = node.read(m -> {
      CRC32C crc = new CRC32C();
      long rev = r.getRevision() > 0 ? r.getRevision() : m.currentRevision();
      var all = m.range(io.etcd.jetcd.api.RangeRequest.newBuilder()
          .setKey(com.google.protobuf.ByteString.copyFrom(new byte[] {0}))
          .setRangeEnd(com.google.protobuf.ByteString.copyFrom(new byte[] {0})).setRevision(rev).build());
      all.getKvsList().forEach(kv -> crc.update(kv.toByteArray()));
      return HashKVResponse.newBuilder().setHeader(node.header(m.currentRevision()))
          .setHash((int) crc.getValue()).setCompactRevision(m.compactRevision()).build();
    });
    reply.onNext(resp);
    reply.onCompleted();
  }

  /**
   * etcd hashes its whole bbolt file; this store has no such file, so the hash covers what it holds: every
   * retained version of every key (the same key space HashKV covers, without the compaction bound). Equal on
   * members that applied the same writes, as etcd's is; never comparable with an etcd member's.
   */
  @Override
  public void hash(io.etcd.jetcd.api.HashRequest r, StreamObserver<io.etcd.jetcd.api.HashResponse> reply) {
    if (refusedUnlessRoot(reply)) {
      return;
    }
    io.etcd.jetcd.api.HashResponse resp = node.read(m -> {
      CRC32C crc = new CRC32C();
      var all = m.range(io.etcd.jetcd.api.RangeRequest.newBuilder()
          .setKey(com.google.protobuf.ByteString.copyFrom(new byte[] {0}))
          .setRangeEnd(com.google.protobuf.ByteString.copyFrom(new byte[] {0})).build());
      all.getKvsList().forEach(kv -> crc.update(kv.toByteArray()));
      return io.etcd.jetcd.api.HashResponse.newBuilder().setHeader(node.header(m.currentRevision()))
          .setHash((int) crc.getValue()).build();
    });
    reply.onNext(resp);
    reply.onCompleted();
  }

  /** The store keeps its state in memory and a WAL that is only appended: nothing to defragment, so success. */
  @Override
  public void defragment(io.etcd.jetcd.api.DefragmentRequest r,
      StreamObserver<io.etcd.jetcd.api.DefragmentResponse> reply) {
    if (refusedUnlessRoot(reply)) {
      return;
    }
    reply.onNext(io.etcd.jetcd.api.DefragmentResponse.newBuilder()
        .setHeader(node.header(node.read(m -> m.currentRevision()))).build());
    reply.onCompleted();
  }

  @Override
  public void alarm(AlarmRequest r, StreamObserver<AlarmResponse> reply) {
    reply.onNext(AlarmResponse.newBuilder().setHeader(node.header(node.read(m -> m.currentRevision()))).build());
    reply.onCompleted();
  }

}
