package io.plumbline.store.server;

import io.etcd.jetcd.api.ClusterGrpc;
import io.etcd.jetcd.api.Member;
import io.etcd.jetcd.api.MemberListRequest;
import io.etcd.jetcd.api.MemberListResponse;
import io.grpc.stub.StreamObserver;
import io.plumbline.store.node.StoreNode;
import java.net.URI;
import java.util.Map;

/**
 * etcd's Cluster service, member list only (membership is static). Client URLs come from the
 * attributes each member publishes through the log once it has a leader, as etcd members do; a
 * member that has not published yet is listed without a name, which etcdctl shows as "unstarted".
 */
final class ClusterService implements ClusterGrpc.AsyncService {
  private final StoreNode node;

  ClusterService(StoreNode node) {
    this.node = node;
  }

  @Override
  public void memberList(MemberListRequest r, StreamObserver<MemberListResponse> reply) {
    MemberListResponse.Builder b = MemberListResponse.newBuilder();
    node.read(m -> {
      b.setHeader(node.header(m.currentRevision()));
      for (Map.Entry<String, URI> e : node.config().initialCluster().entrySet()) {
        String clientUrl = m.meta().get("member/" + e.getKey());
        Member.Builder mb = Member.newBuilder().setID(node.memberId(e.getKey()))
            .addPeerURLs(e.getValue().toString());
        if (clientUrl != null) {
          mb.setName(e.getKey()).addClientURLs(clientUrl);
        }
        b.addMembers(mb);
      }
      return null;
    });
    reply.onNext(b.build());
    reply.onCompleted();
  }
}
