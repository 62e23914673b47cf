package io.plumbline.controller;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;

/**
 * The three Lease calls of {@link LeaderElector}, each with its own deadline: the elector's only
 * I/O, so a deterministic test can answer it from memory on the fake clock of an
 * {@link ElectionClock}. A call that gets no answer within its deadline throws
 * {@link ApiClient.Unreachable} (indefinite: a write may still land).
 */
public interface LeaseApi {
  ApiClient.Response get(String path, long timeoutMs);

  ApiClient.Response create(String path, ObjectNode body, long timeoutMs);

  ApiClient.Response update(String path, ObjectNode body, long timeoutMs);

  /** The calls over HTTP through {@code client}, with each call's deadline as its timeout. */
  static LeaseApi over(ApiClient client) {
    return new LeaseApi() {
      @Override
      public ApiClient.Response get(String path, long timeoutMs) {
        return client.withTimeout(Duration.ofMillis(Math.max(1, timeoutMs))).get(path);
      }

      @Override
      public ApiClient.Response create(String path, ObjectNode body, long timeoutMs) {
        return client.withTimeout(Duration.ofMillis(Math.max(1, timeoutMs))).create(path, body);
      }

      @Override
      public ApiClient.Response update(String path, ObjectNode body, long timeoutMs) {
        return client.withTimeout(Duration.ofMillis(Math.max(1, timeoutMs))).update(path, body);
      }
    };
  }
}
