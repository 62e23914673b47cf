package io.plumbline.conformance.hostile;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RequestOp;
import io.etcd.jetcd.api.TxnRequest;
import io.grpc.Status;
import io.plumbline.conformance.Check;
import io.plumbline.conformance.RawChannel;
import io.plumbline.conformance.Session;
import io.plumbline.conformance.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A hostile client's small request must not take a member down: a txn nested {@value #DEPTH} levels deep
 * (each level a put and the next txn in its success branch, a few hundred bytes) is answered or refused
 * within the call timeout, and afterwards every member reports the same leader and term as before. A
 * store whose check does work exponential in the nesting (the reference's {@code --fault nested-txn-hang})
 * never answers it.
 */
final class NestedTxnDeep implements Check {
  static final int DEPTH = 40;

  @Override
  public String name() {
    return "nested-txn-deep";
  }

  @Override
  public String description() {
    return "a " + DEPTH + "-deep nested txn is answered or refused in time and the cluster keeps its leader and term";
  }

  @Override
  public Verdict run(Session s) throws Exception {
    List<String> ev = new ArrayList<>();
    List<String> before = Members.leaders(s);
    ev.add("before: " + before);
    TxnRequest t = nested(s, DEPTH);
    Outcome o;
    try (RawChannel raw = new RawChannel(s.options().endpoints().get(0), s.options().tls())) {
      o = Outcome.of(() -> KVGrpc.newBlockingStub(raw.channel())
          .withDeadlineAfter(s.options().callTimeout().toMillis(), TimeUnit.MILLISECONDS).txn(t).getSucceeded());
    }
    ev.add("txn nested " + DEPTH + " deep (" + t.getSerializedSize() + " bytes) -> " + o);
    List<String> after = Members.leaders(s);
    ev.add("after: " + after);
    List<String> problems = new ArrayList<>();
    if (o.code() == Status.Code.DEADLINE_EXCEEDED) {
      problems.add("no answer to a " + t.getSerializedSize() + "-byte txn within " + s.options().callTimeout());
    }
    if (!before.equals(after)) {
      problems.add("leader or term changed: before " + before + ", after " + after);
    }
    return Verdict.of("answered (" + o.code() + "), leader and term unchanged", problems, ev);
  }

  /** {@code depth} levels, each a put of its own key and the next level in the success branch. */
  static TxnRequest nested(Session s, int depth) {
    TxnRequest t = TxnRequest.newBuilder().addSuccess(put(s, depth)).build();
    for (int i = depth - 1; i > 0; i--) {
      t = TxnRequest.newBuilder().addSuccess(put(s, i)).addSuccess(RequestOp.newBuilder().setRequestTxn(t)).build();
    }
    return t;
  }

  private static RequestOp put(Session s, int i) {
    return RequestOp.newBuilder().setRequestPut(PutRequest.newBuilder()
        .setKey(ByteString.copyFromUtf8(s.prefix() + "hostile/n" + i)).setValue(ByteString.copyFromUtf8("v"))).build();
  }
}
