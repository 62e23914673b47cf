package io.plumbline.conformance.txn;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import io.etcd.jetcd.api.Compare;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RequestOp;
import io.etcd.jetcd.api.TxnRequest;
import io.etcd.jetcd.options.PutOption;
import io.grpc.StatusRuntimeException;
import io.plumbline.conformance.CallError;
import io.plumbline.conformance.Check;
import io.plumbline.conformance.ErrorTable;
import io.plumbline.conformance.RawChannel;
import io.plumbline.conformance.Session;
import io.plumbline.conformance.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Compare on a key's lease (etcd >= 3.3, {@code Compare.LEASE}): equal to the attached lease holds,
 * to another lease does not, and a key without a lease compares as lease 0. jetcd 0.8.6's protocol
 * classes lack the target, so the request is built by hand: target 4 and field 8 ({@code lease}) of
 * etcd's rpc.proto, sent on a plain grpc-java channel.
 */
final class LeaseCompare implements Check {
  /** {@code Compare.CompareTarget.LEASE} and the {@code lease} field of {@code target_union} in rpc.proto. */
  static final int TARGET_LEASE = 4;
  static final int FIELD_LEASE = 8;

  @Override
  public String name() {
    return "lease-compare";
  }

  @Override
  public String description() {
    return "compares on a key's lease select the documented branch";
  }

  @Override
  public Verdict run(Session s) throws Exception {
    long lease = s.await("grant", s.client().getLeaseClient().grant(60)).getID();
    String leased = s.prefix() + "txn/lease/leased";
    String plain = s.prefix() + "txn/lease/plain";
    s.await("put", s.kv().put(Session.bytes(leased), Session.bytes("1"), PutOption.builder().withLeaseId(lease).build()));
    s.await("put", s.kv().put(Session.bytes(plain), Session.bytes("1")));
    List<String> ev = new ArrayList<>();
    ev.add("grant 60 s -> lease " + lease + "; put ~/txn/lease/leased with it, ~/txn/lease/plain without");
    List<String> problems = new ArrayList<>();
    try (RawChannel raw = new RawChannel(s.options().endpoints().get(0), s.options().tls())) {
      expect(s, raw, leased, lease, true, "lease(leased) = " + lease, problems, ev);
      expect(s, raw, leased, lease + 1, false, "lease(leased) = " + (lease + 1), problems, ev);
      expect(s, raw, plain, 0, true, "lease(plain) = 0", problems, ev);
    } finally {
      s.await("revoke", s.client().getLeaseClient().revoke(lease));
    }
    return Verdict.of("3 lease compares chose the documented branch", problems, ev);
  }

  private static void expect(Session s, RawChannel raw, String key, long lease, boolean expected, String what,
      List<String> problems, List<String> ev) throws CallError {
    Compare cmp = Compare.newBuilder().setKey(bytes(key)).setResultValue(Compare.CompareResult.EQUAL_VALUE)
        .setTargetValue(TARGET_LEASE)
        .setUnknownFields(UnknownFieldSet.newBuilder()
            .addField(FIELD_LEASE, UnknownFieldSet.Field.newBuilder().addVarint(lease).build()).build())
        .build();
    TxnRequest req = TxnRequest.newBuilder().addCompare(cmp)
        .addSuccess(put(s.prefix() + "txn/lease/then")).addFailure(put(s.prefix() + "txn/lease/else")).build();
    boolean succeeded;
    try {
      succeeded = KVGrpc.newBlockingStub(raw.channel())
          .withDeadlineAfter(s.options().callTimeout().toMillis(), TimeUnit.MILLISECONDS).txn(req).getSucceeded();
    } catch (StatusRuntimeException e) {
      throw new CallError("txn if " + what, ErrorTable.classify(e), e);
    }
    ev.add("txn if " + what + " -> succeeded=" + succeeded + " (expected " + expected + ")");
    if (succeeded != expected) {
      problems.add("txn if " + what + " -> succeeded=" + succeeded + "; expected " + expected);
    }
  }

  private static RequestOp put(String key) {
    return RequestOp.newBuilder().setRequestPut(PutRequest.newBuilder().setKey(bytes(key)).setValue(bytes("1"))).build();
  }

  private static ByteString bytes(String s) {
    return ByteString.copyFrom(s, StandardCharsets.UTF_8);
  }
}
