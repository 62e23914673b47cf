package io.plumbline.store.server;

import com.google.protobuf.MessageLite;
import io.etcd.jetcd.api.CompactionRequest;
import io.etcd.jetcd.api.CompactionResponse;
import io.etcd.jetcd.api.DeleteRangeRequest;
import io.etcd.jetcd.api.DeleteRangeResponse;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.PutResponse;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.RangeResponse;
import io.etcd.jetcd.api.TxnRequest;
import io.etcd.jetcd.api.TxnResponse;
import io.grpc.stub.StreamObserver;
import io.plumbline.store.auth.AuthCommand;
import io.plumbline.store.fault.QuadraticTxnChecks;
import io.plumbline.store.mvcc.StoreError;
import io.plumbline.store.mvcc.StoreException;
import io.plumbline.store.mvcc.TxnChecks;
import io.plumbline.store.node.Command;
import io.plumbline.store.node.StoreNode;
import java.util.function.Function;

/**
 * etcd's KV service. Writes go through Raft and answer once applied on this member; linearizable
 * reads wait for a ReadIndex round and the local apply; serializable reads answer from local state.
 */
final class KvService implements KVGrpc.AsyncService {
  private final StoreNode node;
  private final AuthGate auth;

  KvService(StoreNode node, AuthGate auth) {
    this.node = node;
    this.auth = auth;
  }

  @Override
  public void range(RangeRequest r, StreamObserver<RangeResponse> reply) {
    try {
      if (r.getKey().isEmpty()) { // etcd's checkRangeRequest; a range never enters the log, so no size check
        throw StoreError.EMPTY_KEY.exception();
      }
      String user = auth.user(); // resolved now: the call's context is gone in the callback
      if (r.getSerializable() || node.config().faults().skipsReadIndex()) { // fault hook: stale-read
        checkRange(user, r);
        answer(reply, node.read(m -> m.range(r)), RangeResponse::getHeader, (x, h) -> x.toBuilder().setHeader(h).build());
        return;
      }
      node.readBarrier().whenComplete((ok, err) -> {
        if (err != null) {
          Errors.fail(reply, err);
        } else {
          try {
            checkRange(user, r); // after the barrier: a role revoked before this read is in force
            answer(reply, node.read(m -> m.range(r)), RangeResponse::getHeader, (x, h) -> x.toBuilder().setHeader(h).build());
          } catch (StoreException e) {
            Errors.fail(reply, e);
          }
        }
      });
    } catch (StoreException e) {
      Errors.fail(reply, e);
    }
  }

  @Override
  public void put(PutRequest r, StreamObserver<PutResponse> reply) {
    try {
      TxnChecks.checkPut(r);
    } catch (StoreException e) {
      Errors.fail(reply, e);
      return;
    }
    write(Command.Type.PUT, r, reply, (PutResponse x) -> x.toBuilder().setHeader(node.header(x.getHeader().getRevision())).build());
  }

  @Override
  public void deleteRange(DeleteRangeRequest r, StreamObserver<DeleteRangeResponse> reply) {
    if (r.getKey().isEmpty()) {
      Errors.fail(reply, StoreError.EMPTY_KEY.exception());
      return;
    }
    write(Command.Type.DELETE_RANGE, r, reply,
        (DeleteRangeResponse x) -> x.toBuilder().setHeader(node.header(x.getHeader().getRevision())).build());
  }

  @Override
  public void txn(TxnRequest r, StreamObserver<TxnResponse> reply) {
    try {
      if (node.config().faults().checksTxnsQuadratically()) { // fault hook: nested-txn-hang
        QuadraticTxnChecks.check(r, node.config().maxTxnOps());
      } else {
        TxnChecks.check(r, node.config().maxTxnOps());
      }
    } catch (StoreException e) {
      Errors.fail(reply, e);
      return;
    }
    write(Command.Type.TXN, r, reply, (TxnResponse x) -> x.toBuilder().setHeader(node.header(x.getHeader().getRevision())).build());
  }

  @Override
  public void compact(CompactionRequest r, StreamObserver<CompactionResponse> reply) {
    write(Command.Type.COMPACT, r, reply,
        (CompactionResponse x) -> x.toBuilder().setHeader(node.header(x.getHeader().getRevision())).build());
  }

  private void checkRange(String user, RangeRequest r) {
    if (user != null) {
      auth.permissions().checkRange(user, r.getKey(), r.getRangeEnd());
    }
  }

  /** A user's write (auth on) enters the log wrapped with the user's name: permissions are checked when applied. */
  private <T> void write(Command.Type type, MessageLite r, StreamObserver<T> reply, Function<T, T> withHeader) {
    String user;
    try {
      checkSize(r);
      user = auth.user();
    } catch (StoreException e) {
      Errors.fail(reply, e);
      return;
    }
    (user == null ? node.propose(type, r)
        : node.propose(Command.Type.AS_USER, new AuthCommand(user, (byte) type.ordinal(), r.toByteArray()).encode()))
        .whenComplete((res, err) -> {
      if (err != null) {
        Errors.fail(reply, err);
      } else {
        @SuppressWarnings("unchecked")
        T typed = (T) res;
        reply.onNext(withHeader.apply(typed));
        reply.onCompleted();
      }
    });
  }

  private <T> void answer(StreamObserver<T> reply, T res, Function<T, io.etcd.jetcd.api.ResponseHeader> header,
      java.util.function.BiFunction<T, io.etcd.jetcd.api.ResponseHeader, T> setHeader) {
    reply.onNext(setHeader.apply(res, node.header(header.apply(res).getRevision())));
    reply.onCompleted();
  }

  /**
   * etcd limits the Raft entry, not the client's message: the request wrapped in an InternalRaftRequest with
   * a header (field 100) carrying a 64-bit request id. So a request of exactly --max-request-bytes is already
   * too large there, as here. The id's varint takes 9 or 10 bytes in etcd; counted as 10.
   */
  private void checkSize(MessageLite r) {
    int size = r.getSerializedSize();
    int header = 2 + 1 + 1 + 10;
    int wrapped = header + 1 + com.google.protobuf.CodedOutputStream.computeUInt32SizeNoTag(size) + size;
    if (wrapped > node.config().maxRequestBytes()) {
      throw StoreError.REQUEST_TOO_LARGE.exception();
    }
  }
}
