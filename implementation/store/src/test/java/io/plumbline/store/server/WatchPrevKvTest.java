package io.plumbline.store.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.DeleteRangeRequest;
import io.etcd.jetcd.api.Event;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.WatchGrpc;
import io.etcd.jetcd.api.WatchRequest;
import io.etcd.jetcd.api.WatchResponse;
import io.grpc.stub.StreamObserver;
import io.plumbline.db.WatchStreamRequests;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A watch that asks for prev_kv gets the key's previous value on every event, a DELETE's included (etcd's
 * {@code mvcc/watchable_store.go} attaches it to both); a watch that does not ask gets none.
 */
class WatchPrevKvTest {
  @RegisterExtension final OneMember member = new OneMember();

  @Test
  void aPrevKvWatchGetsThePreviousValueOnPutsAndDeletesAndAPlainWatchGetsNone() throws Exception {
    ByteString key = ByteString.copyFromUtf8("p");
    LinkedBlockingQueue<WatchResponse> withPrev = new LinkedBlockingQueue<>();
    LinkedBlockingQueue<WatchResponse> plain = new LinkedBlockingQueue<>();
    StreamObserver<WatchRequest> a = WatchGrpc.newStub(member.channel()).watch(observer(withPrev));
    StreamObserver<WatchRequest> b = WatchGrpc.newStub(member.channel()).watch(observer(plain));
    a.onNext(WatchStreamRequests.of(WatchStreamRequests.create(key).setPrevKv(true)));
    b.onNext(WatchStreamRequests.of(WatchStreamRequests.create(key)));
    assertThat(withPrev.poll(10, TimeUnit.SECONDS).getCreated()).isTrue();
    assertThat(plain.poll(10, TimeUnit.SECONDS).getCreated()).isTrue();
    KVGrpc.KVBlockingStub kv = KVGrpc.newBlockingStub(member.channel());
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
    return OneMember.into(seen, null);
  }
}
