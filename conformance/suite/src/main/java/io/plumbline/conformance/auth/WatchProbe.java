package io.plumbline.conformance.auth;

import io.etcd.jetcd.api.WatchCreateRequest;
import io.etcd.jetcd.api.WatchGrpc;
import io.etcd.jetcd.api.WatchRequest;
import io.etcd.jetcd.api.WatchResponse;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Opens one watch and reports how its create was answered: "created", the cancel reason, or the stream error. */
final class WatchProbe {
  private WatchProbe() {}

  static String createReason(WatchGrpc.WatchStub stub, String key, Duration timeout) throws Exception {
    CompletableFuture<String> answer = new CompletableFuture<>();
    StreamObserver<WatchRequest> requests = stub.watch(new StreamObserver<>() {
      @Override
      public void onNext(WatchResponse r) {
        if (r.getCanceled()) {
          answer.complete("canceled: " + r.getCancelReason());
        } else if (r.getCreated()) {
          answer.complete("created");
        }
      }

      @Override
      public void onError(Throwable t) {
        answer.complete("stream error: " + t.getMessage());
      }

      @Override
      public void onCompleted() {
        answer.complete("stream ended");
      }
    });
    requests.onNext(WatchRequest.newBuilder().setCreateRequest(WatchCreateRequest.newBuilder().setKey(AuthCalls.bytes(key))).build());
    try {
      return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      return "no answer within " + timeout.toMillis() + " ms";
    } finally {
      requests.onCompleted();
    }
  }
}
