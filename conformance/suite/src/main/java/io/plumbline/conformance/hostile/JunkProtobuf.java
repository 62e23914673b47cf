package io.plumbline.conformance.hostile;

import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.stub.ClientCalls;
import io.etcd.jetcd.api.KVGrpc;
import io.plumbline.conformance.Check;
import io.plumbline.conformance.RawBytes;
import io.plumbline.conformance.RawChannel;
import io.plumbline.conformance.Session;
import io.plumbline.conformance.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Bytes that are not a protobuf message, sent as a KV.Put request: etcd answers INTERNAL (grpc-go's
 * "grpc: error unmarshalling request"), a definite refusal; the message text is grpc-go's own and not compared.
 * Afterwards the member still answers a proper request.
 */
final class JunkProtobuf implements Check {
  /** A field with wire type 7, which protobuf does not have. */
  static final byte[] JUNK = {(byte) 0x0f, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};

  @Override
  public String name() {
    return "junk-protobuf";
  }

  @Override
  public String description() {
    return "a request that is not a protobuf message is refused with INTERNAL and the member keeps serving";
  }

  @Override
  public Verdict run(Session s) throws Exception {
    List<String> ev = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    MethodDescriptor<byte[], byte[]> raw = RawBytes.method(KVGrpc.getPutMethod());
    try (RawChannel ch = new RawChannel(s.options().endpoints().get(0), s.options().tls())) {
      Outcome o = Outcome.of(() -> ClientCalls.blockingUnaryCall(ch.channel(), raw,
          io.grpc.CallOptions.DEFAULT.withDeadlineAfter(s.options().callTimeout().toMillis(), TimeUnit.MILLISECONDS),
          JUNK).length + " bytes");
      ev.add("KV.Put with 5 junk bytes -> " + o + " (etcd: INTERNAL)");
      if (o.code() != Status.Code.INTERNAL) {
        problems.add("junk protobuf -> " + o.code() + "; etcd answers INTERNAL");
      }
    }
    s.await("put after junk", s.kv().put(s.key("hostile/junk"), Session.bytes("1")));
    ev.add("put ~/hostile/junk after it -> OK");
    return Verdict.of("refused with INTERNAL; the member still serves", problems, ev);
  }
}
