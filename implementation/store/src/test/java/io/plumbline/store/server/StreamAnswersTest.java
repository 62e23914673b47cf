package io.plumbline.store.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.CompactionRequest;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.LeaseGrpc;
import io.etcd.jetcd.api.LeaseKeepAliveRequest;
import io.etcd.jetcd.api.LeaseKeepAliveResponse;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.WatchGrpc;
import io.etcd.jetcd.api.WatchRequest;
import io.etcd.jetcd.api.WatchResponse;
import io.grpc.stub.StreamObserver;
import io.plumbline.db.WatchStreamRequests;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a stream answers where etcd 3.4's v3rpc layer decides the answer (checked against etcd 3.4.23 by the
 * conformance checks {@code lease/time-to-live} and {@code hostile/watch-requests}).
 */
class StreamAnswersTest {
  @RegisterExtension final OneMember member = new OneMember();

  /** etcd's leaseKeepAlive turns lease.ErrLeaseNotFound into a response with TTL 0 (clientv3 reads TTL <= 0 as gone). */
  @Test
  void aKeepAliveOfAnUnknownLeaseAnswersTtlZeroWithItsId() throws Exception {
    LinkedBlockingQueue<Object> seen = new LinkedBlockingQueue<>();
    StreamObserver<LeaseKeepAliveRequest> out = LeaseGrpc.newStub(member.channel()).leaseKeepAlive(observer(seen));
    out.onNext(LeaseKeepAliveRequest.newBuilder().setID(0x1234).build());
    Object first = seen.poll(10, TimeUnit.SECONDS);
    out.onCompleted();
    assertThat(first).isInstanceOf(LeaseKeepAliveResponse.class);
    LeaseKeepAliveResponse r = (LeaseKeepAliveResponse) first;
    assertThat(r.getID()).isEqualTo(0x1234);
    assertThat(r.getTTL()).as("TTL of an unknown lease").isZero();
  }

  /** etcd 3.4's LeaseTimeToLive answers an unknown lease with TTL -1 (its keep-alive with 0, above). */
  @Test
  void aTimeToLiveOfAnUnknownLeaseAnswersTtlMinusOne() {
    io.etcd.jetcd.api.LeaseTimeToLiveResponse r = LeaseGrpc.newBlockingStub(member.channel())
        .leaseTimeToLive(io.etcd.jetcd.api.LeaseTimeToLiveRequest.newBuilder().setID(0x1234).build());
    assertThat(r.getID()).isEqualTo(0x1234);
    assertThat(r.getTTL()).as("TTL of an unknown lease").isEqualTo(-1);
  }

  /**
   * etcd 3.4's watchStream keeps a watcher canceled as compacted (at create here) until the client cancels it:
   * its id stays taken (a create with it is a duplicate), and a cancel of it is answered and frees the id.
   */
  @Test
  void aWatchCanceledAsCompactedKeepsItsIdUntilItIsCanceled() throws Exception {
    ByteString key = ByteString.copyFromUtf8("w");
    KVGrpc.KVBlockingStub kv = KVGrpc.newBlockingStub(member.channel());
    kv.put(PutRequest.newBuilder().setKey(key).setValue(ByteString.copyFromUtf8("1")).build());
    long c = kv.put(PutRequest.newBuilder().setKey(key).setValue(ByteString.copyFromUtf8("2")).build())
        .getHeader().getRevision();
    kv.compact(CompactionRequest.newBuilder().setRevision(c).build());
    LinkedBlockingQueue<Object> seen = new LinkedBlockingQueue<>();
    StreamObserver<WatchRequest> out = WatchGrpc.newStub(member.channel()).watch(observer(seen));
    out.onNext(create(key, c - 1, 5L));
    assertThat(describe(seen.poll(10, TimeUnit.SECONDS))).isEqualTo("created id=5");
    assertThat(describe(seen.poll(10, TimeUnit.SECONDS))).isEqualTo("canceled id=5 compact=" + c);
    out.onNext(create(key, 0, 5L));
    assertThat(describe(seen.poll(10, TimeUnit.SECONDS))).as("the compacted watch's id is still taken")
        .isEqualTo("created canceled id=-1 reason=mvcc: duplicate watch ID provided on the WatchStream");
    out.onNext(WatchStreamRequests.cancel(5));
    assertThat(describe(seen.poll(10, TimeUnit.SECONDS))).as("a cancel of it is answered").isEqualTo("canceled id=5");
    out.onNext(create(key, 0, 5L));
    assertThat(describe(seen.poll(10, TimeUnit.SECONDS))).as("then the id is free").isEqualTo("created id=5");
    out.onCompleted();
  }

  /** etcd's recvLoop answers a cancel of a watch the stream has with a canceled response (clientv3 waits for it). */
  @Test
  void aCancelIsAnswered() throws Exception {
    LinkedBlockingQueue<Object> seen = new LinkedBlockingQueue<>();
    StreamObserver<WatchRequest> out = WatchGrpc.newStub(member.channel()).watch(observer(seen));
    out.onNext(WatchStreamRequests.of(WatchStreamRequests.create(ByteString.copyFromUtf8("c"))));
    assertThat(describe(seen.poll(10, TimeUnit.SECONDS))).isEqualTo("created id=0");
    out.onNext(WatchStreamRequests.cancel(0));
    assertThat(describe(seen.poll(10, TimeUnit.SECONDS))).isEqualTo("canceled id=0");
    out.onCompleted();
  }

  /** A watch from a future revision R is created at once and delivers nothing before R (etcd's unsynced watchers). */
  @Test
  void aWatchFromAFutureRevisionDeliversNothingBeforeIt() throws Exception {
    ByteString key = ByteString.copyFromUtf8("f");
    KVGrpc.KVBlockingStub kv = KVGrpc.newBlockingStub(member.channel());
    long now = kv.put(PutRequest.newBuilder().setKey(ByteString.copyFromUtf8("other")).build()).getHeader().getRevision();
    LinkedBlockingQueue<Object> seen = new LinkedBlockingQueue<>();
    StreamObserver<WatchRequest> out = WatchGrpc.newStub(member.channel()).watch(observer(seen));
    out.onNext(create(key, now + 3, null));
    assertThat(describe(seen.poll(10, TimeUnit.SECONDS))).isEqualTo("created id=0");
    for (int v = 1; v <= 3; v++) {
      kv.put(PutRequest.newBuilder().setKey(key).setValue(ByteString.copyFromUtf8("" + v)).build());
    }
    Object first = seen.poll(10, TimeUnit.SECONDS);
    assertThat(first).isInstanceOf(WatchResponse.class);
    assertThat(((WatchResponse) first).getEventsList()).extracting(e -> e.getKv().getModRevision())
        .as("revisions of the first events of a watch from %d", now + 3).containsExactly(now + 3);
    out.onCompleted();
  }

  /**
   * A timed progress notification (etcd's sendLoop ticker, every 10 minutes) goes to a watch created with
   * progress_notify, with its id and the current revision, and to no other watch.
   */
  @Test
  void aTimedProgressNotificationGoesOnlyToAWatchThatAskedForIt() throws Exception {
    ByteString key = ByteString.copyFromUtf8("p");
    LinkedBlockingQueue<Object> asked = new LinkedBlockingQueue<>();
    LinkedBlockingQueue<Object> plain = new LinkedBlockingQueue<>();
    StreamObserver<WatchRequest> a = WatchGrpc.newStub(member.channel()).watch(observer(asked));
    StreamObserver<WatchRequest> b = WatchGrpc.newStub(member.channel()).watch(observer(plain));
    a.onNext(WatchStreamRequests.of(WatchStreamRequests.create(key).setProgressNotify(true)));
    b.onNext(WatchStreamRequests.of(WatchStreamRequests.create(key)));
    assertThat(describe(asked.poll(10, TimeUnit.SECONDS))).isEqualTo("created id=0");
    assertThat(describe(plain.poll(10, TimeUnit.SECONDS))).isEqualTo("created id=0");
    StoreServer server = member.cluster().servers[0];
    long now = server.node().read(m -> {
      server.watchHub().progress(m.currentRevision()); // what the progress timer runs
      return m.currentRevision();
    });
    KVGrpc.newBlockingStub(member.channel()).put(PutRequest.newBuilder().setKey(key).setValue(key).build());
    WatchResponse progress = (WatchResponse) asked.poll(10, TimeUnit.SECONDS);
    assertThat(progress.getEventsCount()).as("events of the progress notification").isZero();
    assertThat(progress.getHeader().getRevision()).isEqualTo(now);
    assertThat(((WatchResponse) plain.poll(10, TimeUnit.SECONDS)).getEventsCount())
        .as("events of the first response after its create, to the watch without progress_notify").isEqualTo(1);
    a.onCompleted();
    b.onCompleted();
  }

  private static WatchRequest create(ByteString key, long start, Long watchId) {
    return WatchStreamRequests.of(WatchStreamRequests.create(key, ByteString.EMPTY, start, watchId));
  }

  private static String describe(Object o) {
    if (!(o instanceof WatchResponse r)) {
      return String.valueOf(o);
    }
    return ((r.getCreated() ? "created " : "") + (r.getCanceled() ? "canceled " : "") + "id=" + r.getWatchId()
        + (r.getCompactRevision() > 0 ? " compact=" + r.getCompactRevision() : "")
        + (r.getCancelReason().isEmpty() ? "" : " reason=" + r.getCancelReason())).trim();
  }

  private static <T> StreamObserver<T> observer(LinkedBlockingQueue<Object> seen) {
    return OneMember.into(seen, seen);
  }
}
