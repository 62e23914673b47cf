package io.plumbline.conformance.robustness;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.TextFormat;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.LeaseGrpc;
import io.etcd.jetcd.api.MaintenanceGrpc;
import io.etcd.jetcd.api.WatchGrpc;
import io.grpc.MethodDescriptor;
import io.plumbline.conformance.RawBytes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The etcd methods the fuzzer calls, by the names in jetcd-grpc's generated service classes, with
 * their request and response types. Calls go through byte-array method descriptors so that any
 * bytes can be sent and the response parsed (or shown raw) afterwards.
 */
public final class Methods {
  /** A method: its descriptor from the generated classes, and empty request/response messages to parse with. */
  record Spec(MethodDescriptor<?, ?> descriptor, Message requestType, Message responseType) {
    String name() {
      return descriptor.getFullMethodName();
    }

    boolean streaming() {
      return descriptor.getType() != MethodDescriptor.MethodType.UNARY;
    }
  }

  private static final Map<String, Spec> SPECS = new LinkedHashMap<>();

  static {
    add(KVGrpc.getRangeMethod(), io.etcd.jetcd.api.RangeRequest.getDefaultInstance(),
        io.etcd.jetcd.api.RangeResponse.getDefaultInstance());
    add(KVGrpc.getPutMethod(), io.etcd.jetcd.api.PutRequest.getDefaultInstance(),
        io.etcd.jetcd.api.PutResponse.getDefaultInstance());
    add(KVGrpc.getDeleteRangeMethod(), io.etcd.jetcd.api.DeleteRangeRequest.getDefaultInstance(),
        io.etcd.jetcd.api.DeleteRangeResponse.getDefaultInstance());
    add(KVGrpc.getTxnMethod(), io.etcd.jetcd.api.TxnRequest.getDefaultInstance(),
        io.etcd.jetcd.api.TxnResponse.getDefaultInstance());
    add(LeaseGrpc.getLeaseGrantMethod(), io.etcd.jetcd.api.LeaseGrantRequest.getDefaultInstance(),
        io.etcd.jetcd.api.LeaseGrantResponse.getDefaultInstance());
    add(LeaseGrpc.getLeaseRevokeMethod(), io.etcd.jetcd.api.LeaseRevokeRequest.getDefaultInstance(),
        io.etcd.jetcd.api.LeaseRevokeResponse.getDefaultInstance());
    add(LeaseGrpc.getLeaseTimeToLiveMethod(), io.etcd.jetcd.api.LeaseTimeToLiveRequest.getDefaultInstance(),
        io.etcd.jetcd.api.LeaseTimeToLiveResponse.getDefaultInstance());
    add(LeaseGrpc.getLeaseKeepAliveMethod(), io.etcd.jetcd.api.LeaseKeepAliveRequest.getDefaultInstance(),
        io.etcd.jetcd.api.LeaseKeepAliveResponse.getDefaultInstance());
    add(WatchGrpc.getWatchMethod(), io.etcd.jetcd.api.WatchRequest.getDefaultInstance(),
        io.etcd.jetcd.api.WatchResponse.getDefaultInstance());
    add(MaintenanceGrpc.getStatusMethod(), io.etcd.jetcd.api.StatusRequest.getDefaultInstance(),
        io.etcd.jetcd.api.StatusResponse.getDefaultInstance());
    add(MaintenanceGrpc.getHashMethod(), io.etcd.jetcd.api.HashRequest.getDefaultInstance(),
        io.etcd.jetcd.api.HashResponse.getDefaultInstance());
    add(MaintenanceGrpc.getHashKVMethod(), io.etcd.jetcd.api.HashKVRequest.getDefaultInstance(),
        io.etcd.jetcd.api.HashKVResponse.getDefaultInstance());
    add(MaintenanceGrpc.getAlarmMethod(), io.etcd.jetcd.api.AlarmRequest.getDefaultInstance(),
        io.etcd.jetcd.api.AlarmResponse.getDefaultInstance());
  }

  public static final String RANGE = KVGrpc.getRangeMethod().getFullMethodName();
  public static final String PUT = KVGrpc.getPutMethod().getFullMethodName();
  public static final String DELETE = KVGrpc.getDeleteRangeMethod().getFullMethodName();
  public static final String TXN = KVGrpc.getTxnMethod().getFullMethodName();
  public static final String LEASE_GRANT = LeaseGrpc.getLeaseGrantMethod().getFullMethodName();
  public static final String LEASE_REVOKE = LeaseGrpc.getLeaseRevokeMethod().getFullMethodName();
  public static final String LEASE_TTL = LeaseGrpc.getLeaseTimeToLiveMethod().getFullMethodName();
  public static final String LEASE_KEEPALIVE = LeaseGrpc.getLeaseKeepAliveMethod().getFullMethodName();
  public static final String WATCH = WatchGrpc.getWatchMethod().getFullMethodName();
  public static final String STATUS = MaintenanceGrpc.getStatusMethod().getFullMethodName();
  public static final String HASH = MaintenanceGrpc.getHashMethod().getFullMethodName();
  public static final String HASH_KV = MaintenanceGrpc.getHashKVMethod().getFullMethodName();
  public static final String ALARM = MaintenanceGrpc.getAlarmMethod().getFullMethodName();

  private Methods() {}

  private static void add(MethodDescriptor<?, ?> d, Message req, Message resp) {
    SPECS.put(d.getFullMethodName(), new Spec(d, req, resp));
  }

  static Spec spec(String method) {
    Spec s = SPECS.get(method);
    if (s == null) {
      throw new IllegalArgumentException("not a method the fuzzer knows: " + method + "; expected one of " + SPECS.keySet());
    }
    return s;
  }

  /** The same method as a descriptor that sends and receives raw bytes. */
  static MethodDescriptor<byte[], byte[]> raw(String method) {
    return RawBytes.method(spec(method).descriptor());
  }

  /** A request message parsed with its method's request type, or null when the bytes do not parse. */
  static Message parseRequest(String method, ByteString bytes) {
    try {
      return spec(method).requestType().getParserForType().parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      return null;
    }
  }

  /** A response parsed with its method's response type, or null when the bytes do not parse. */
  static Message parseResponse(String method, byte[] bytes) {
    try {
      return spec(method).responseType().getParserForType().parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      return null;
    }
  }

  /** Human-readable: the method, then each message in one-line text format (or hex when it does not parse). */
  static String describe(FuzzRequest r) {
    List<String> parts = new ArrayList<>();
    for (ByteString b : r.messages()) {
      Message m = parseRequest(r.method(), b);
      parts.add(m == null ? "junk[" + b.size() + " bytes] " + hex(b, 48) : "{" + shortText(m) + "}");
    }
    return r.method() + " " + String.join(" ; ", parts);
  }

  /** One-line text format with long byte fields cut to keep report lines readable. */
  static String shortText(Message m) {
    String t = TextFormat.printer().shortDebugString(m).trim();
    return t.length() > 600 ? t.substring(0, 600) + "…(" + t.length() + " chars)" : t;
  }

  static String hex(ByteString b, int max) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Math.min(b.size(), max); i++) {
      sb.append(String.format("%02x", b.byteAt(i)));
    }
    return b.size() > max ? sb + "…" : sb.toString();
  }
}
