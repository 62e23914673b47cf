package io.plumbline.conformance.hostile;

import io.etcd.jetcd.api.ClusterGrpc;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.LeaseGrpc;
import io.etcd.jetcd.api.MaintenanceGrpc;
import io.etcd.jetcd.api.WatchGrpc;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.stub.ClientCalls;
import io.plumbline.conformance.Check;
import io.plumbline.conformance.RawBytes;
import io.plumbline.conformance.RawChannel;
import io.plumbline.conformance.Session;
import io.plumbline.conformance.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Bytes that are not a protobuf message, sent to every method of etcd's v3 API (streams included): etcd 3.4
 * answers INTERNAL to each (grpc-go's "grpc: error unmarshalling request", or its stream's receive error), a
 * definite refusal; the message text is grpc-go's own and not compared. Afterwards the member still answers a
 * proper request.
 */
final class JunkProtobuf implements Check {
  /** A field with wire type 7, which protobuf does not have. */
  static final byte[] JUNK = {(byte) 0x0f, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};

  /** Every method of etcd 3.4's KV, Watch, Lease, Cluster and Maintenance services in jetcd-grpc 0.8.6. */
  static final List<MethodDescriptor<?, ?>> METHODS = List.of(KVGrpc.getRangeMethod(), KVGrpc.getPutMethod(),
      KVGrpc.getDeleteRangeMethod(), KVGrpc.getTxnMethod(), KVGrpc.getCompactMethod(), WatchGrpc.getWatchMethod(),
      LeaseGrpc.getLeaseGrantMethod(), LeaseGrpc.getLeaseRevokeMethod(), LeaseGrpc.getLeaseKeepAliveMethod(),
      LeaseGrpc.getLeaseTimeToLiveMethod(), ClusterGrpc.getMemberListMethod(),
      MaintenanceGrpc.getStatusMethod(), MaintenanceGrpc.getHashMethod(), MaintenanceGrpc.getHashKVMethod(),
      MaintenanceGrpc.getAlarmMethod(), MaintenanceGrpc.getDefragmentMethod(), MaintenanceGrpc.getSnapshotMethod());

  @Override
  public String name() {
    return "junk-protobuf";
  }

  @Override
  public String description() {
    return "a request that is not a protobuf message is refused with INTERNAL by every method and the member keeps serving";
  }

  @Override
  public Verdict run(Session s) throws Exception {
    List<String> ev = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    try (RawChannel ch = new RawChannel(s.options().endpoints().get(0), s.options().tls())) {
      for (MethodDescriptor<?, ?> m : METHODS) {
        // sent as a unary call whatever the method's kind: one message, half-close, one answer or a status
        MethodDescriptor<byte[], byte[]> raw = RawBytes.method(m).toBuilder()
            .setType(MethodDescriptor.MethodType.UNARY).build();
        Outcome o = Outcome.of(() -> ClientCalls.blockingUnaryCall(ch.channel(), raw,
            io.grpc.CallOptions.DEFAULT.withDeadlineAfter(s.options().callTimeout().toMillis(), TimeUnit.MILLISECONDS),
            JUNK).length + " bytes");
        ev.add(m.getFullMethodName() + " with 5 junk bytes -> " + o.code() + " (etcd: INTERNAL)");
        if (o.code() != Status.Code.INTERNAL) {
          problems.add(m.getFullMethodName() + " with junk -> " + o + "; etcd answers INTERNAL");
        }
      }
    }
    s.await("put after junk", s.kv().put(s.key("hostile/junk"), Session.bytes("1")));
    ev.add("put ~/hostile/junk after it -> OK");
    return Verdict.of("refused with INTERNAL by " + METHODS.size() + " methods; the member still serves", problems, ev);
  }
}
