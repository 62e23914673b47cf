package io.plumbline.store.server;

import io.etcd.jetcd.api.LeaseGrantRequest;
import io.etcd.jetcd.api.LeaseGrantResponse;
import io.etcd.jetcd.api.LeaseGrpc;
import io.etcd.jetcd.api.LeaseKeepAliveRequest;
import io.etcd.jetcd.api.LeaseKeepAliveResponse;
import io.etcd.jetcd.api.LeaseRevokeRequest;
import io.etcd.jetcd.api.LeaseRevokeResponse;
import io.etcd.jetcd.api.LeaseTimeToLiveRequest;
import io.etcd.jetcd.api.LeaseTimeToLiveResponse;
import io.grpc.stub.StreamObserver;
import io.plumbline.store.mvcc.Lease;
import io.plumbline.store.mvcc.StoreError;
import io.plumbline.store.mvcc.StoreException;
import io.plumbline.store.node.Command;
import io.plumbline.store.node.StoreNode;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * etcd's Lease service. Grants and revokes go through Raft (a grant without an id gets a random
 * one first, as etcd's server does); keep-alives and time-to-live ask the leader, which alone
 * tracks deadlines. As in etcd, keep-alive of an unknown lease answers TTL 0 and time-to-live -1.
 */
final class LeaseService implements LeaseGrpc.AsyncService {
  private final StoreNode node;
  private final AuthGate auth;

  LeaseService(StoreNode node, AuthGate auth) {
    this.node = node;
    this.auth = auth;
  }

  @Override
  public void leaseGrant(LeaseGrantRequest r, StreamObserver<LeaseGrantResponse> reply) {
    try {
      auth.user(); // only an invalid token is refused
    } catch (StoreException e) {
      Errors.fail(reply, e);
      return;
    }
    LeaseGrantRequest withId = r.getID() != 0 ? r
        : r.toBuilder().setID(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE)).build();
    node.propose(Command.Type.LEASE_GRANT, withId.toByteArray()).whenComplete((res, err) -> {
      if (err != null) {
        Errors.fail(reply, err);
      } else {
        LeaseGrantResponse g = (LeaseGrantResponse) res;
        reply.onNext(g.toBuilder().setHeader(node.header(node.read(m -> m.currentRevision()))).build());
        reply.onCompleted();
      }
    });
  }

  /** etcd 3.4 lets any valid caller grant; revoking needs write permission on every attached key. */
  @Override
  public void leaseRevoke(LeaseRevokeRequest r, StreamObserver<LeaseRevokeResponse> reply) {
    try {
      String user = auth.user();
      if (user != null) {
        io.plumbline.store.auth.Permissions p = auth.permissions();
        for (com.google.protobuf.ByteString key : node.read(m -> {
          Lease l = m.leases().get(r.getID());
          return l == null ? java.util.List.<com.google.protobuf.ByteString>of() : java.util.List.copyOf(l.keys());
        })) {
          p.checkWrite(user, key);
        }
      }
    } catch (StoreException e) {
      Errors.fail(reply, e);
      return;
    }
    node.propose(Command.Type.LEASE_REVOKE, r.toByteArray()).whenComplete((res, err) -> {
      if (err != null) {
        Errors.fail(reply, err);
      } else {
        reply.onNext(LeaseRevokeResponse.newBuilder().setHeader(node.header(node.read(m -> m.currentRevision()))).build());
        reply.onCompleted();
      }
    });
  }

  @Override
  public StreamObserver<LeaseKeepAliveRequest> leaseKeepAlive(StreamObserver<LeaseKeepAliveResponse> reply) {
    return new StreamObserver<>() {
      @Override
      public void onNext(LeaseKeepAliveRequest r) {
        node.leaseRenew(r.getID()).whenComplete((ttl, err) -> {
          if (err != null && !isLeaseNotFound(err)) {
            synchronized (reply) {
              Errors.fail(reply, err);
            }
            return;
          }
          LeaseKeepAliveResponse resp = LeaseKeepAliveResponse.newBuilder().setID(r.getID())
              .setTTL(err != null ? 0 : ttl).setHeader(node.header(node.read(m -> m.currentRevision()))).build();
          synchronized (reply) {
            reply.onNext(resp);
          }
        });
      }

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onCompleted() {
        synchronized (reply) {
          reply.onCompleted();
        }
      }
    };
  }

  @Override
  public void leaseTimeToLive(LeaseTimeToLiveRequest r, StreamObserver<LeaseTimeToLiveResponse> reply) {
    node.leaseRemaining(r.getID()).whenComplete((remaining, err) -> {
      if (err != null) {
        Errors.fail(reply, err);
        return;
      }
      LeaseTimeToLiveResponse.Builder b = LeaseTimeToLiveResponse.newBuilder().setID(r.getID()).setTTL(remaining);
      node.read(m -> {
        Lease l = m.leases().get(r.getID());
        b.setHeader(node.header(m.currentRevision()));
        if (l != null && remaining >= 0) {
          b.setGrantedTTL(l.ttlSeconds());
          if (r.getKeys()) {
            b.addAllKeys(l.keys());
          }
        } else {
          b.setTTL(-1);
        }
        return null;
      });
      reply.onNext(b.build());
      reply.onCompleted();
    });
  }

  private static boolean isLeaseNotFound(Throwable t) {
    Throwable c = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    return c instanceof StoreException se && se.error() == StoreError.LEASE_NOT_FOUND;
  }
}
