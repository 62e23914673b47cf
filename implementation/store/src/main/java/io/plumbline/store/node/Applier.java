package io.plumbline.store.node;

import com.google.protobuf.InvalidProtocolBufferException;
import io.etcd.jetcd.api.CompactionRequest;
import io.etcd.jetcd.api.DeleteRangeRequest;
import io.etcd.jetcd.api.LeaseGrantRequest;
import io.etcd.jetcd.api.LeaseGrantResponse;
import io.etcd.jetcd.api.LeaseRevokeRequest;
import io.etcd.jetcd.api.LeaseRevokeResponse;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.TxnRequest;
import io.plumbline.store.mvcc.Lease;
import io.plumbline.store.mvcc.MvccStore;
import io.plumbline.store.mvcc.StoreException;
import java.nio.charset.StandardCharsets;

/**
 * Applies one committed {@link Command} to the MVCC store. The result is the response proto, or
 * the {@link StoreException} the request deterministically failed with (every member fails it
 * the same way, so the state stays identical).
 */
final class Applier {
  private Applier() {}

  static Object apply(MvccStore s, Command c) {
    try {
      return switch (c.type()) {
        case PUT -> s.put(PutRequest.parseFrom(c.payload()));
        case DELETE_RANGE -> s.deleteRange(DeleteRangeRequest.parseFrom(c.payload()));
        case TXN -> s.txn(TxnRequest.parseFrom(c.payload()));
        case COMPACT -> s.compact(CompactionRequest.parseFrom(c.payload()));
        case LEASE_GRANT -> grant(s, LeaseGrantRequest.parseFrom(c.payload()));
        case LEASE_REVOKE -> {
          s.leaseRevoke(LeaseRevokeRequest.parseFrom(c.payload()).getID());
          yield LeaseRevokeResponse.getDefaultInstance();
        }
        case META -> {
          String[] kv = new String(c.payload(), StandardCharsets.UTF_8).split("\0", 2);
          s.putMeta(kv[0], kv[1]);
          yield Boolean.TRUE;
        }
        case AUTH -> AuthApply.auth(s, c.payload());
        case AS_USER -> AuthApply.asUser(s, c);
      };
    } catch (StoreException e) {
      return e;
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("committed entry " + c.requestId() + " does not parse", e);
    }
  }

  private static LeaseGrantResponse grant(MvccStore s, LeaseGrantRequest r) {
    Lease l = s.leaseGrant(r.getID(), r.getTTL());
    return LeaseGrantResponse.newBuilder().setID(l.id()).setTTL(l.ttlSeconds()).build();
  }
}
