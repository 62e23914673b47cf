package io.plumbline.store.node;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import io.etcd.jetcd.api.CompactionResponse;
import io.etcd.jetcd.api.DeleteRangeResponse;
import io.etcd.jetcd.api.LeaseGrantResponse;
import io.etcd.jetcd.api.LeaseRevokeResponse;
import io.etcd.jetcd.api.PutResponse;
import io.etcd.jetcd.api.TxnResponse;

/**
 * The applied result of a forwarded proposal, as the leader returns it to the member that
 * forwarded it: the response proto's bytes, parsed by the command's type. (Errors travel as gRPC
 * statuses.) Answering from the leader's apply spares the follower waiting to learn the new
 * commit index from the next heartbeat.
 */
final class Results {
  private Results() {}

  static byte[] encode(Object result) {
    return result instanceof MessageLite m ? m.toByteArray() : new byte[0];
  }

  static Object decode(Command.Type type, byte[] bytes) {
    try {
      return switch (type) {
        case PUT -> PutResponse.parseFrom(bytes);
        case DELETE_RANGE -> DeleteRangeResponse.parseFrom(bytes);
        case TXN -> TxnResponse.parseFrom(bytes);
        case COMPACT -> CompactionResponse.parseFrom(bytes);
        case LEASE_GRANT -> LeaseGrantResponse.parseFrom(bytes);
        case LEASE_REVOKE -> LeaseRevokeResponse.parseFrom(bytes);
        case META -> Boolean.TRUE;
      };
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("leader sent an unparsable " + type + " result", e);
    }
  }
}
