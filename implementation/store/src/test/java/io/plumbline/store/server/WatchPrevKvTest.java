package io.plumbline.store.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.DeleteRangeRequest;
import io.etcd.jetcd.api.Event;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.WatchCreateRequest;
import io.etcd.jetcd.api.WatchGrpc;
import io.etcd.jetcd.api.WatchRequest;
import io.etcd.jetcd.api.WatchResponse;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A watch that asks for prev_kv gets the key's previous value on every event, a DELETE's included (etcd's
 * {@code mvcc/watchable_store.go} attaches it to both); a watch that does not ask gets none.
 */
class WatchPrevKvTest {
  @TempDir Path dir;
  private LocalCluster cluster;
  private ManagedChannel channel;

  @BeforeEach
  void start() throws Exception {
    cluster = new LocalCluster(1, dir, c -> c);
    await().atMost(Duration.ofSeconds(30)).until(() -> cluster.leader() == 0);
    channel = NettyChannelBuilder.forAddress("127.0.0.1", cluster.configs.get(0).clientUrl().getPort()).usePlaintext()
        .build();
  }

  @AfterEach
  void stop() throws Exception {
    channel.shutdownNow();
    cluster.close();
  }

  @Test
  void aPrevKvWatchGetsThePreviousValueOnPutsAndDeletesAndAPlainWatchGetsNone() throws Exception {
    ByteString key = ByteString.copyFromUtf8("p");
    LinkedBlockingQueue<WatchResponse> withPrev = new LinkedBlockingQueue<>();
    LinkedBlockingQueue<WatchResponse> plain = new LinkedBlockingQueue<>();
    StreamObserver<WatchRequest> a = WatchGrpc.newStub(channel).watch(observer(withPrev));
    StreamObserver<WatchRequest> b = WatchGrpc.newStub(channel).watch(observer(plain));
    a.onNext(WatchRequest.newBuilder().setCreateRequest(WatchCreateRequest.newBuilder().setKey(key).setPrevKv(true)).build());
    b.onNext(WatchRequest.newBuilder().setCreateRequest(WatchCreateRequest.newBuilder().setKey(key)).build());
    assertThat(withPrev.poll(10, TimeUnit.SECONDS).getCreated()).isTrue();
    assertThat(plain.poll(10, TimeUnit.SECONDS).getCreated()).isTrue();
    KVGrpc.KVBlockingStub kv = KVGrpc.newBlockingStub(channel);
    kv.put(PutRequest.newBuilder().setKey(key).setValue(ByteString.copyFromUtf8("1")).build());
    kv.put(PutRequest.newBuilder().setKey(key).setValue(ByteString.copyFromUtf8("2")).build());
    kv.deleteRange(DeleteRangeRequest.newBuilder().setKey(key).build());
    assertThat(events(withPrev)).containsExactly("PUT p=1 prev -", "PUT p=2 prev 1", "DELETE p= prev 2");
    assertThat(events(plain)).containsExactly("PUT p=1 prev -", "PUT p=2 prev -", "DELETE p= prev -");
    a.onCompleted();
    b.onCompleted();
  }

  private static List<String> events(LinkedBlockingQueue<WatchResponse> q) throws InterruptedException {
    List<String> out = new ArrayList<>();
    while (out.size() < 3) {
      WatchResponse r = q.poll(10, TimeUnit.SECONDS);
      if (r == null) {
        break;
      }
      for (Event e : r.getEventsList()) {
        out.add(e.getType() + " " + e.getKv().getKey().toStringUtf8() + "=" + e.getKv().getValue().toStringUtf8()
            + " prev " + (e.hasPrevKv() ? e.getPrevKv().getValue().toStringUtf8() : "-"));
      }
    }
    return out;
  }

  private static StreamObserver<WatchResponse> observer(LinkedBlockingQueue<WatchResponse> seen) {
    return new StreamObserver<>() {
      @Override
      public void onNext(WatchResponse r) {
        seen.add(r);
      }

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onCompleted() {}
    };
  }
}
