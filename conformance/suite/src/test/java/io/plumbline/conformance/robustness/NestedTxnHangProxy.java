package io.plumbline.conformance.robustness;

import com.google.protobuf.InvalidProtocolBufferException;
import io.etcd.jetcd.api.RequestOp;
import io.etcd.jetcd.api.TxnRequest;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Grpc;
import io.grpc.HandlerRegistry;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.Status;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A known-bad etcd-API server for the robustness group's tests: it forwards every call, byte for
 * byte, to a reference store member, but first runs the txn check the reference store had before
 * issue #16 — every nested txn's branches walked again by its parent, so the work doubles per
 * nesting level — on the one thread that serves all calls. A deeply nested txn therefore hangs the
 * whole server, as it hung the reference store. The check gives up when the proxy is closed, so no
 * thread outlives the test.
 */
final class NestedTxnHangProxy implements AutoCloseable {
  private final ManagedChannel backend;
  private final Server server;
  private final ExecutorService serving = Executors.newSingleThreadExecutor();
  private volatile boolean closed;

  NestedTxnHangProxy(String backendUrl) {
    URI u = URI.create(backendUrl);
    this.backend = Grpc.newChannelBuilderForAddress(u.getHost(), u.getPort(), InsecureChannelCredentials.create())
        .build();
    try {
      this.server = Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
          .executor(serving).fallbackHandlerRegistry(new Forwarding()).build().start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String url() {
    return "http://127.0.0.1:" + server.getPort();
  }

  /** The pre-#16 check: walks each nested txn, then walks its branches again for the parent. */
  private void oldCheck(TxnRequest t) {
    writes(t.getSuccessList());
    writes(t.getFailureList());
  }

  private Set<Object> writes(List<RequestOp> ops) {
    if (closed) {
      throw Status.CANCELLED.withDescription("proxy closed").asRuntimeException();
    }
    Set<Object> keys = new HashSet<>();
    for (RequestOp op : ops) {
      if (op.hasRequestPut()) {
        keys.add(op.getRequestPut().getKey());
      } else if (op.hasRequestTxn()) {
        oldCheck(op.getRequestTxn());
        keys.addAll(writes(op.getRequestTxn().getSuccessList()));
        keys.addAll(writes(op.getRequestTxn().getFailureList()));
      }
    }
    return keys;
  }

  @Override
  public void close() {
    closed = true;
    server.shutdownNow();
    backend.shutdownNow();
    serving.shutdownNow();
  }

  /** Every method, forwarded as raw bytes in both directions. */
  private final class Forwarding extends HandlerRegistry {
    @Override
    public ServerMethodDefinition<?, ?> lookupMethod(String methodName, String authority) {
      MethodDescriptor<byte[], byte[]> raw = rawDescriptor(methodName);
      return ServerMethodDefinition.create(raw, new Forward(raw));
    }
  }

  private static MethodDescriptor<byte[], byte[]> rawDescriptor(String methodName) {
    try {
      return Methods.raw(methodName);
    } catch (IllegalArgumentException notFuzzed) {
      MethodDescriptor<byte[], byte[]> any = Methods.raw(Methods.WATCH);
      return any.toBuilder().setFullMethodName(methodName).build();
    }
  }

  private final class Forward implements ServerCallHandler<byte[], byte[]> {
    private final MethodDescriptor<byte[], byte[]> method;

    Forward(MethodDescriptor<byte[], byte[]> method) {
      this.method = method;
    }

    @Override
    public ServerCall.Listener<byte[]> startCall(ServerCall<byte[], byte[]> call, Metadata headers) {
      ClientCall<byte[], byte[]> out = backend.newCall(method, CallOptions.DEFAULT);
      out.start(new ClientCall.Listener<>() {
        @Override
        public void onMessage(byte[] m) {
          synchronized (call) {
            call.sendMessage(m);
          }
          out.request(1);
        }

        @Override
        public void onClose(Status status, Metadata trailers) {
          synchronized (call) {
            call.close(status, trailers);
          }
        }
      }, new Metadata());
      out.request(1);
      synchronized (call) {
        call.sendHeaders(new Metadata());
        call.request(1);
      }
      return new ServerCall.Listener<>() {
        @Override
        public void onMessage(byte[] m) {
          if (method.getFullMethodName().equals(Methods.TXN)) {
            try {
              oldCheck(TxnRequest.parseFrom(m));
            } catch (InvalidProtocolBufferException junk) {
              // the backend answers junk itself
            } catch (io.grpc.StatusRuntimeException closing) {
              return; // the proxy is closing: stop walking, answer nothing
            }
          }
          out.sendMessage(m);
          synchronized (call) {
            call.request(1);
          }
        }

        @Override
        public void onHalfClose() {
          out.halfClose();
        }

        @Override
        public void onCancel() {
          out.cancel("client cancelled", null);
        }
      };
    }
  }
}
