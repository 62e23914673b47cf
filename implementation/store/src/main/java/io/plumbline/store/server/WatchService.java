package io.plumbline.store.server;

import io.etcd.jetcd.api.WatchGrpc;
import io.etcd.jetcd.api.WatchResponse;
import io.etcd.jetcd.api.WatchCreateRequest;
import io.grpc.stub.StreamObserver;
import io.plumbline.store.mvcc.StoreException;
import io.plumbline.store.node.StoreNode;

/** etcd's Watch service: one {@link WatchStream} per client stream. */
final class WatchService implements WatchGrpc.AsyncService {
  private final StoreNode node;
  private final WatchHub hub;
  private final AuthGate auth;

  WatchService(StoreNode node, WatchHub hub, AuthGate auth) {
    this.node = node;
    this.hub = hub;
    this.auth = auth;
  }

  /** The stream's caller is fixed when it opens; each create is checked against the auth state of its time. */
  @Override
  public StreamObserver<io.etcd.jetcd.api.WatchRequest> watch(StreamObserver<WatchResponse> out) {
    String token = Callers.TOKEN.get();
    String certUser = Callers.CERT_USER.get();
    return new WatchStream(node, hub, out, c -> refusal(token, certUser, c));
  }

  /** etcd's isWatchPermitted: an invalid token or a range the user may not read cancels the create. */
  private String refusal(String token, String certUser, WatchCreateRequest c) {
    try {
      String user = auth.user(token, certUser);
      if (user != null) {
        auth.permissions().checkRange(user, c.getKey(), c.getRangeEnd());
      }
      return null;
    } catch (StoreException e) {
      return AuthGate.WATCH_DENIED;
    }
  }
}
