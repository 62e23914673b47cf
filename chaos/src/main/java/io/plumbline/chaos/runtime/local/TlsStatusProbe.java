package io.plumbline.chaos.runtime.local;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.maintenance.StatusResponse;
import io.plumbline.chaos.client.EtcdClients;
import io.plumbline.common.UserError;
import io.plumbline.common.cli.EtcdAccess;
import io.plumbline.db.HealthProbe;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * The gRPC status probe (a member that names a leader is healthy) over the run's TLS files and user. A TLS
 * handshake the member refuses is not "not ready yet": it ends the start at once with a usage error naming
 * the flags, instead of a start timeout a minute later.
 */
final class TlsStatusProbe implements HealthProbe {
  private final EtcdAccess access;
  private final Duration timeout;

  TlsStatusProbe(EtcdAccess access, Duration timeout) {
    this.access = access;
    this.timeout = timeout;
  }

  @Override
  public boolean healthy(String clientUrl) {
    try (Client c = EtcdClients.forMember(clientUrl, access)) {
      StatusResponse s = c.getMaintenanceClient().statusMember(clientUrl).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return s.getLeader() != 0;
    } catch (ExecutionException e) {
      refusedHandshake(clientUrl, e);
      return false;
    } catch (TimeoutException | RuntimeException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void refusedHandshake(String clientUrl, Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SSLException) {
        throw new UserError("TLS to " + clientUrl + " failed: " + t.getMessage() + " (check --cacert, and --cert/--key "
            + "when the member requires client certificates: " + access + ")");
      }
    }
  }
}
