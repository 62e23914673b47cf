package io.plumbline.store.server;

import io.etcd.jetcd.api.WatchGrpc;
import io.etcd.jetcd.api.WatchResponse;
import io.grpc.stub.StreamObserver;
import io.plumbline.store.node.StoreNode;

/** etcd's Watch service: one {@link WatchStream} per client stream. */
final class WatchService implements WatchGrpc.AsyncService {
  private final StoreNode node;
  private final WatchHub hub;

  WatchService(StoreNode node, WatchHub hub) {
    this.node = node;
    this.hub = hub;
  }

  @Override
  public StreamObserver<io.etcd.jetcd.api.WatchRequest> watch(StreamObserver<WatchResponse> out) {
    return new WatchStream(node, hub, out);
  }
}
