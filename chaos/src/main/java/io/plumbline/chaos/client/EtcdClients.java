package io.plumbline.chaos.client;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.api.StatusResponse;
import io.plumbline.common.UserError;
import io.plumbline.common.cli.EtcdAccess;
import io.plumbline.db.StatusProbe;
import io.plumbline.store.security.EtcdClientAccess;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

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

  /** Index of the member that leads now ({@link StatusProbe}), or -1 when none can be found within a second per member. */
  public static int leader(List<String> clientUrls) {
    return leader(clientUrls, EtcdAccess.NONE);
  }

  /** As above, over {@code access}. */
  public static int leader(List<String> clientUrls, EtcdAccess access) {
    for (int i = 0; i < clientUrls.size(); i++) {
      try {
        Optional<StatusResponse> s = StatusProbe.withLeader(clientUrls.get(i), Duration.ofSeconds(1), access);
        if (s.isPresent() && s.get().getLeader() == s.get().getHeader().getMemberId()) {
          return i;
        }
      } catch (UserError e) {
        // a handshake cut by a member killed mid-run looks like a refused one; either way it is no leader now
      }
    }
    return -1;
  }
}
