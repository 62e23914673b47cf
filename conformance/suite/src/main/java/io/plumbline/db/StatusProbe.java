package io.plumbline.db;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.maintenance.StatusResponse;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The {@link HealthProbe} for stores without an HTTP {@code /health}: gRPC, so it lives beside the gRPC client. */
public final class StatusProbe {
  private StatusProbe() {}

  /** A {@code Maintenance.Status} call that must name a leader. */
  public static HealthProbe grpc(Duration timeout) {
    return clientUrl -> {
      try (Client c = Client.builder().endpoints(clientUrl).build()) {
        StatusResponse s = c.getMaintenanceClient().statusMember(clientUrl).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return s.getLeader() != 0;
      } catch (ExecutionException | TimeoutException | RuntimeException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    };
  }
}
