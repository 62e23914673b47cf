package io.plumbline.store.server;

import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A request that does not parse gets INTERNAL "grpc: error unmarshalling request: …", as grpc-go (so etcd)
 * answers it. grpc-java parses before any interceptor sees the message and turns a failure into UNKNOWN plus a
 * logged stack trace; so the service takes raw bytes here, each message is parsed once to try it, and only a
 * good one goes on (where the service's own marshaller parses it again: a second parse of a message that is at
 * most --max-request-bytes, the price of answering as etcd).
 */
final class JunkRequests {
  private JunkRequests() {}

  static ServerServiceDefinition refusedAsInternal(ServerServiceDefinition service) {
    Map<String, MethodDescriptor<?, ?>> typed = new HashMap<>();
    for (ServerMethodDefinition<?, ?> m : service.getMethods()) {
      typed.put(m.getMethodDescriptor().getFullMethodName(), m.getMethodDescriptor());
    }
    return ServerInterceptors.intercept(ServerInterceptors.useInputStreamMessages(service), new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
          ServerCallHandler<Q, R> next) {
        return new Tried<>(next.startCall(call, headers), call, typed.get(call.getMethodDescriptor().getFullMethodName()));
      }
    });
  }

  /** Tries each message against the method's request type; ends the call on the first that does not parse. */
  private static final class Tried<Q> extends ForwardingServerCallListener.SimpleForwardingServerCallListener<Q> {
    private final ServerCall<Q, ?> call;
    private final MethodDescriptor<?, ?> method;
    private boolean refused;

    Tried(ServerCall.Listener<Q> next, ServerCall<Q, ?> call, MethodDescriptor<?, ?> method) {
      super(next);
      this.call = call;
      this.method = method;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void onMessage(Q message) {
      if (refused) {
        return;
      }
      byte[] bytes = read((InputStream) message);
      try {
        method.parseRequest(new ByteArrayInputStream(bytes));
      } catch (RuntimeException e) {
        refused = true;
        call.close(Status.INTERNAL.withDescription("grpc: error unmarshalling request: "
            + Status.fromThrowable(e).getDescription()), new Metadata());
        return;
      }
      super.onMessage((Q) new ByteArrayInputStream(bytes));
    }

    @Override
    public void onHalfClose() {
      if (!refused) {
        super.onHalfClose();
      }
    }

    private static byte[] read(InputStream in) {
      try (in) {
        return in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
