package io.plumbline.conformance.robustness;

import com.google.protobuf.ByteString;
import java.util.List;

/**
 * One request the fuzzer sends: a gRPC method of etcd's API and the serialized message(s) it sends
 * on it, as bytes (so junk that no generated class can build is a request like any other). A unary
 * method carries one message; a stream method (Watch, LeaseKeepAlive) the messages sent on one
 * stream, in order.
 *
 * @param method the full gRPC method name, e.g. {@code etcdserverpb.KV/Txn}
 * @param messages the serialized request messages
 * @param family what the request exercises (kv, txn, watch, lease, maintenance, junk), for progress lines
 */
public record FuzzRequest(String method, List<ByteString> messages, String family) {
  public FuzzRequest {
    messages = List.copyOf(messages);
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("a request sends at least one message");
    }
  }

  /** A one-message request. */
  public static FuzzRequest unary(String method, com.google.protobuf.MessageLite m, String family) {
    return new FuzzRequest(method, List.of(m.toByteString()), family);
  }

  /** Total size of what is sent, in bytes. */
  public int sizeBytes() {
    return messages.stream().mapToInt(ByteString::size).sum();
  }

  /** The request as text (protobuf text format where it parses), for reports. */
  public String text() {
    return Methods.describe(this);
  }
}
