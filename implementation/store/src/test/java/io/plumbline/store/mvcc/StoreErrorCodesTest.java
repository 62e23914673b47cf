package io.plumbline.store.mvcc;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The gRPC codes clients act on, as etcd 3.4's {@code rpctypes/error.go} gives them: clientv3 retries and
 * fails over on UNAVAILABLE (a history records the request as indeterminate), refreshes its token on
 * UNAUTHENTICATED, and treats OUT_OF_RANGE (compacted or future revision, e.g. a watch or a lister restarting
 * from an old revision) and NOT_FOUND as definite. A code changed here changes what every client does.
 */
class StoreErrorCodesTest {
  private static final Map<StoreError, Status.Code> ETCD_3_4 = Map.ofEntries(
      Map.entry(StoreError.COMPACTED, Status.Code.OUT_OF_RANGE),
      Map.entry(StoreError.FUTURE_REV, Status.Code.OUT_OF_RANGE),
      Map.entry(StoreError.LEASE_TTL_TOO_LARGE, Status.Code.OUT_OF_RANGE),
      Map.entry(StoreError.LEASE_NOT_FOUND, Status.Code.NOT_FOUND),
      Map.entry(StoreError.LEASE_EXISTS, Status.Code.FAILED_PRECONDITION),
      Map.entry(StoreError.NO_LEADER, Status.Code.UNAVAILABLE),
      Map.entry(StoreError.TIMEOUT, Status.Code.UNAVAILABLE),
      Map.entry(StoreError.LEADER_CHANGED, Status.Code.UNAVAILABLE),
      Map.entry(StoreError.STOPPED, Status.Code.UNAVAILABLE),
      Map.entry(StoreError.TOO_MANY_REQUESTS, Status.Code.RESOURCE_EXHAUSTED),
      Map.entry(StoreError.INVALID_AUTH_TOKEN, Status.Code.UNAUTHENTICATED),
      Map.entry(StoreError.PERMISSION_DENIED, Status.Code.PERMISSION_DENIED),
      Map.entry(StoreError.EMPTY_KEY, Status.Code.INVALID_ARGUMENT),
      Map.entry(StoreError.KEY_NOT_FOUND, Status.Code.INVALID_ARGUMENT),
      Map.entry(StoreError.TOO_MANY_OPS, Status.Code.INVALID_ARGUMENT),
      Map.entry(StoreError.REQUEST_TOO_LARGE, Status.Code.INVALID_ARGUMENT));

  @Test
  void theCodesClientsActOnAreEtcds() {
    ETCD_3_4.forEach((e, code) -> {
      assertThat(e.code()).as("%s (%s)", e, e.message()).isEqualTo(code);
      assertThat(e.status().getCode()).isEqualTo(code);
      assertThat(e.message()).startsWith(e == StoreError.MAINTENANCE_DENIED ? "auth:" : "etcdserver: ");
    });
  }
}
