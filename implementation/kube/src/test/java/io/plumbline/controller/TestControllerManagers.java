package io.plumbline.controller;

import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import javax.net.ssl.SSLContext;

/**
 * A started controller manager with the quick timings the tests use: lease 2 s, renew deadline
 * 1.5 s, retry 0.2 s, a pass every 0.2 s, 5 s request deadline; randomness seeded by identity.
 */
public final class TestControllerManagers {
  private TestControllerManagers() {}

  /** Over plain HTTP. */
  public static ControllerManager start(String server, String lease, String identity,
      boolean fencing) {
    return start(server, lease, identity, fencing, null);
  }

  /** Over HTTPS with {@code tls} (its client certificate is the controller manager's identity). */
  public static ControllerManager start(String server, String lease, String identity,
      boolean fencing, SSLContext tls) {
    ElectionConfig election = new ElectionConfig("kube-system", lease, identity, 2_000, 1_500,
        200);
    return new ControllerManager(new ControllerManager.Settings(server, election, 200,
        Duration.ofSeconds(5), fencing, tls), Clock.systemUTC(), new Random(identity.hashCode()))
        .start();
  }
}
