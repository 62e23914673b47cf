package io.plumbline.store.server;

import com.google.protobuf.CodedOutputStream;
import io.etcd.jetcd.api.LeaseGrpc;
import io.etcd.jetcd.api.ResponseHeader;
import io.grpc.MethodDescriptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCalls;
import io.plumbline.store.node.StoreNode;
import io.plumbline.store.transport.PeerMethods;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * etcd's {@code Lease/LeaseLeases} (what {@code etcdctl lease list} calls), which the proto in
 * jetcd-grpc 0.8.6 lacks: the method is added to the generated Lease service by hand, with the
 * response encoded field by field as etcd's {@code rpc.proto} defines it:
 * {@code LeaseLeasesResponse { ResponseHeader header = 1; repeated LeaseStatus leases = 2; }},
 * {@code LeaseStatus { int64 ID = 1; }}. The request ({@code LeaseLeasesRequest {}}) has no fields.
 * Like etcd 3.4, a member answers from its own (replicated) lease table, without Raft.
 */
final class LeaseLeases {
  static final MethodDescriptor<byte[], byte[]> METHOD = MethodDescriptor.<byte[], byte[]>newBuilder()
      .setType(MethodDescriptor.MethodType.UNARY)
      .setFullMethodName(MethodDescriptor.generateFullMethodName(LeaseGrpc.SERVICE_NAME, "LeaseLeases"))
      .setRequestMarshaller(PeerMethods.BYTES).setResponseMarshaller(PeerMethods.BYTES).build();

  private LeaseLeases() {}

  /** The Lease service: the generated methods of {@code service} plus LeaseLeases. */
  static ServerServiceDefinition bind(LeaseGrpc.AsyncService service, StoreNode node) {
    ServerServiceDefinition generated = LeaseGrpc.bindService(service);
    ServerServiceDefinition.Builder b = ServerServiceDefinition.builder(LeaseGrpc.SERVICE_NAME);
    for (ServerMethodDefinition<?, ?> m : generated.getMethods()) {
      b.addMethod(m);
    }
    b.addMethod(METHOD, ServerCalls.asyncUnaryCall((req, reply) -> {
      reply.onNext(answer(node));
      reply.onCompleted();
    }));
    return b.build();
  }

  private static byte[] answer(StoreNode node) {
    record Snapshot(long revision, List<Long> ids) {}
    Snapshot s = node.read(m -> new Snapshot(m.currentRevision(), m.leases().keySet().stream().sorted().toList()));
    return encode(node.header(s.revision()), s.ids());
  }

  /** The LeaseLeasesResponse wire bytes; ids sorted (etcd's order is its map's, i.e. arbitrary). */
  static byte[] encode(ResponseHeader header, List<Long> ids) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      CodedOutputStream out = CodedOutputStream.newInstance(bytes);
      out.writeMessage(1, header);
      for (long id : ids) {
        out.writeTag(2, com.google.protobuf.WireFormat.WIRETYPE_LENGTH_DELIMITED);
        out.writeUInt32NoTag(CodedOutputStream.computeInt64Size(1, id));
        out.writeInt64(1, id);
      }
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
