package io.plumbline.chaos.client;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.maintenance.StatusResponse;
import io.plumbline.common.cli.EtcdAccess;
import io.plumbline.store.security.EtcdClientAccess;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** jetcd clients as the harness needs them: no hidden retries, connect timeouts, one member each. */
public final class EtcdClients {
  private EtcdClients() {}

  /**
   * A client bound to one member. Retries are off: a retried non-idempotent request (a cas) could
   * apply twice behind one history operation. Calls must still carry their own deadline.
   */
  public static Client forMember(String clientUrl) {
    return forMember(clientUrl, EtcdAccess.NONE);
  }

  /** As above, speaking TLS and authenticating as {@code access} says ({@code --cacert/--cert/--key/--user}). */
  public static Client forMember(String clientUrl, EtcdAccess access) {
    return EtcdClientAccess.apply(Client.builder().endpoints(clientUrl).retryMaxAttempts(0).waitForReady(false)
        .connectTimeout(Duration.ofSeconds(1)), access).build();
  }

  /** Index of the member that leads now, or -1 when none can be found within about a second per member. */
  public static int leader(List<String> clientUrls) {
    return leader(clientUrls, EtcdAccess.NONE);
  }

  /** As above, over {@code access}. */
  public static int leader(List<String> clientUrls, EtcdAccess access) {
    for (int i = 0; i < clientUrls.size(); i++) {
      try (Client c = forMember(clientUrls.get(i), access)) {
        StatusResponse s = c.getMaintenanceClient().statusMember(clientUrls.get(i)).get(1, TimeUnit.SECONDS);
        if (s.getLeader() != 0 && s.getLeader() == s.getHeader().getMemberId()) {
          return i;
        }
      } catch (Exception e) {
        // a member that cannot answer now is not a leader we can use
      }
    }
    return -1;
  }
}
