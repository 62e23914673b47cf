package io.plumbline.store.transport;

import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.plumbline.store.mvcc.StoreException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** The server side of {@link PeerMethods}, bound to a {@link PeerHandler}. */
public final class PeerServer {
  private PeerServer() {}

  public static ServerServiceDefinition service(PeerHandler handler) {
    return ServerServiceDefinition.builder(PeerMethods.SERVICE)
        .addMethod(PeerMethods.SEND, ServerCalls.asyncClientStreamingCall(reply -> receiver(handler, reply)))
        .addMethod(PeerMethods.CALL, ServerCalls.asyncUnaryCall((req, reply) -> call(handler, req, reply)))
        .build();
  }

  private static StreamObserver<byte[]> receiver(PeerHandler handler, StreamObserver<byte[]> reply) {
    return new StreamObserver<>() {
      @Override
      public void onNext(byte[] frame) {
        ByteBuffer body = ByteBuffer.wrap(frame, 1, frame.length - 1);
        if (frame[0] == PeerMethods.FRAME_RAFT) {
          handler.receive(MessageCodec.decode(body));
        } else {
          handler.receiveFrame(frame[0], body);
        }
      }

      @Override
      public void onError(Throwable t) {
        // the peer went away; it reconnects with a new stream
      }

      @Override
      public void onCompleted() {
        reply.onNext(new byte[0]);
        reply.onCompleted();
      }
    };
  }

  private static void call(PeerHandler handler, byte[] req, StreamObserver<byte[]> reply) {
    handler.call(req[0], Arrays.copyOfRange(req, 1, req.length)).whenComplete((res, err) -> {
      if (err == null) {
        reply.onNext(res);
        reply.onCompleted();
      } else {
        Throwable cause = err instanceof java.util.concurrent.CompletionException ? err.getCause() : err;
        reply.onError(cause instanceof StoreException se ? se.error().status().asRuntimeException()
            : Status.UNAVAILABLE.withDescription(String.valueOf(cause)).asRuntimeException());
      }
    });
  }
}
