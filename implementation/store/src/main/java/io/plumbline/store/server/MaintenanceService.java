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
 * index and term), hash of the key space, a snapshot as a bbolt file, and an always-empty alarm list.
 */
final class MaintenanceService implements MaintenanceGrpc.AsyncService {
  /** The etcd API version this store answers as. */
  static final String VERSION = "3.4.23";
  /** Rough bytes per retained version, for a database-size figure comparable in magnitude to etcd's. */
  private static final long BYTES_PER_VERSION = 128;
  /** etcd's snapshotSendBufferSize. */
  private static final int SNAPSHOT_CHUNK_BYTES = 32 * 1024;
  private final StoreNode node;
  private final AuthGate auth;

  MaintenanceService(StoreNode node, AuthGate auth) {
    this.node = node;
    this.auth = auth;
  }

  /** etcd's authMaintenanceServer: hash, hash-kv, defragment and snapshot are root's alone while auth is on. */
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
      long size = dbSizeBytes(m);
      b.setHeader(node.header(m.currentRevision())).setDbSize(size).setDbSizeInUse(size);
      return null;
    });
    reply.onNext(b.build());
    reply.onCompleted();
  }

  /** An estimate of etcd's database size for the same contents (Status and etcd_mvcc_db_total_size_in_bytes). */
  static long dbSizeBytes(io.plumbline.store.mvcc.MvccStore m) {
    return 20_480 + m.versionCount() * BYTES_PER_VERSION;
  }

  @Override
  public void hashKV(HashKVRequest r, StreamObserver<HashKVResponse> reply) {
    if (refusedUnlessRoot(reply)) {
      return;
    }
    HashKVResponse resp;
    try {
      resp = hashKV(r);
    } catch (RuntimeException e) {
      Errors.fail(reply, e);
      return;
    }
    reply.onNext(resp);
    reply.onCompleted();
  }

  /** As etcd's mvcc HashByRev: a revision past the current one is future, one at or before the compaction compacted. */
  private HashKVResponse hashKV(HashKVRequest r) {
    return node.read(m -> {
      if (r.getRevision() > m.currentRevision()) {
        throw StoreError.FUTURE_REV.exception();
      }
      if (r.getRevision() > 0 && r.getRevision() <= m.compactRevision()) {
        throw StoreError.COMPACTED.exception();
      }
      CRC32C crc = new CRC32C();
      long rev = r.getRevision() > 0 ? r.getRevision() : m.currentRevision();
      var all = m.range(io.etcd.jetcd.api.RangeRequest.newBuilder()
          .setKey(com.google.protobuf.ByteString.copyFrom(new byte[] {0}))
          .setRangeEnd(com.google.protobuf.ByteString.copyFrom(new byte[] {0})).setRevision(rev).build());
      all.getKvsList().forEach(kv -> crc.update(kv.toByteArray()));
      return HashKVResponse.newBuilder().setHeader(node.header(m.currentRevision()))
          .setHash((int) crc.getValue()).setCompactRevision(m.compactRevision()).build();
    });
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

  /**
   * The member's state as a bbolt file ({@link SnapshotFile}), streamed as etcd does: chunks of 32 KiB with the
   * bytes still to come, then the file's SHA-256 as a last chunk (etcdctl snapshot restore checks it).
   */
  @Override
  public void snapshot(io.etcd.jetcd.api.SnapshotRequest r,
      StreamObserver<io.etcd.jetcd.api.SnapshotResponse> reply) {
    if (refusedUnlessRoot(reply)) {   // etcd's authMaintenanceServer: a snapshot holds every key
      return;
    }
    byte[] file;
    try {
      file = SnapshotFile.of(node);
    } catch (RuntimeException e) {
      Errors.fail(reply, e);
      return;
    }
    int sent = 0;
    while (sent < file.length) {
      int n = Math.min(SNAPSHOT_CHUNK_BYTES, file.length - sent);
      reply.onNext(io.etcd.jetcd.api.SnapshotResponse.newBuilder()
          .setHeader(node.header(node.read(m -> m.currentRevision())))
          .setRemainingBytes(file.length - sent - n)
          .setBlob(com.google.protobuf.ByteString.copyFrom(file, sent, n)).build());
      sent += n;
    }
    byte[] sha;
    try {
      sha = java.security.MessageDigest.getInstance("SHA-256").digest(file);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
    reply.onNext(io.etcd.jetcd.api.SnapshotResponse.newBuilder().setRemainingBytes(0)
        .setBlob(com.google.protobuf.ByteString.copyFrom(sha)).build());
    reply.onCompleted();
  }

  @Override
  public void alarm(AlarmRequest r, StreamObserver<AlarmResponse> reply) {
    reply.onNext(AlarmResponse.newBuilder().setHeader(node.header(node.read(m -> m.currentRevision()))).build());
    reply.onCompleted();
  }

}
