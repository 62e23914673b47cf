package io.plumbline.store.server;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.plumbline.store.mvcc.StoreError;
import io.plumbline.store.mvcc.StoreException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Turns anything a request failed with into the gRPC status etcd would send: our typed errors
 * carry etcd's code and message; a timeout is etcd's "request timed out" (Unavailable, so clients
 * retry and histories record it as indeterminate).
 */
final class Errors {
  private Errors() {}

  static StatusRuntimeException toStatus(Throwable t) {
    Throwable c = t;
    while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
      c = c.getCause();
    }
    if (c instanceof StoreException se) {
      return se.error().status().asRuntimeException();
    }
    if (c instanceof TimeoutException) {
      return StoreError.TIMEOUT.status().asRuntimeException();
    }
    if (c instanceof StatusRuntimeException s) {
      return s;
    }
    return Status.INTERNAL.withDescription(String.valueOf(c)).withCause(c).asRuntimeException();
  }

  static void fail(StreamObserver<?> reply, Throwable t) {
    reply.onError(toStatus(t));
  }
}
