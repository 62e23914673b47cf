package io.plumbline.controlplane;

import io.etcd.jetcd.api.StatusResponse;
import io.plumbline.common.net.PortTakenException;
import io.plumbline.common.net.Ports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Waits for a tier of components to be ready, polling separate processes (there is no event to
 * wait on). Fails fast, naming the log, when one of them exits; fails after the timeout otherwise.
 */
final class Readiness {
  private static final long POLL_MS = 200;
  private final long timeoutNanos;
  /** Log length at each component's launch, by log path (kept up to date by the launcher). */
  private final Map<String, Long> logStarts;

  /** How the probes reach the components (TLS and credentials once {@code up} made them). */
  private Probes.Access access = Probes.Access.PLAIN;

  Readiness(int timeoutSeconds, Map<String, Long> logStarts) {
    this.timeoutNanos = TimeUnit.SECONDS.toNanos(timeoutSeconds);
    this.logStarts = logStarts;
  }

  void use(Probes.Access access) {
    this.access = access;
  }

  /** Every member answers and knows a leader; returns "leader store-i (term t)". */
  String awaitStoreLeader(List<Component> members) {
    return await(members, "a store leader known to every member", () -> {
      String leader = null;
      for (Component m : members) {
        Optional<StatusResponse> s = Probes.storeWithLeader(access, m.url());
        if (s.isEmpty()) {
          return null;
        }
        if (s.get().getLeader() == s.get().getHeader().getMemberId()) {
          leader = "leader " + m.name() + " (" + m.url() + ", term " + s.get().getRaftTerm() + ")";
        }
      }
      return leader;
    });
  }

  /** {@code GET url+path} answers 200 for every component. */
  void awaitHttp(List<Component> components, String path) {
    await(components, "200 from " + path, () -> components.stream()
        .allMatch(c -> Probes.httpStatus(access, c.url() + path) == 200) ? "ok" : null);
  }

  /** HAProxy's health checks have marked all {@code n} API servers UP. */
  void awaitHaproxyBackendsUp(Component haproxy, String statsUrl, int n) {
    await(List.of(haproxy), n + " API servers UP in HAProxy's health checks", () -> {
      Map<String, String> backends = Probes.haproxyBackends(statsUrl);
      return backends.size() == n && backends.values().stream().allMatch(s -> s.equals("UP"))
          ? "ok" : null;
    });
  }

  /** One of {@code managers} holds the Lease; returns its name. */
  String awaitLeaseHolder(List<Component> managers, String serverUrl) {
    return await(managers, "a controller manager holding the lease", () -> {
      String holder = Probes.leaseHolder(access, serverUrl, ControlPlane.LEASE_NAMESPACE,
          ControlPlane.LEASE_NAME).orElse("");
      return managers.stream().anyMatch(m -> m.name().equals(holder)) ? holder : null;
    });
  }

  private String await(List<Component> watched, String what, Supplier<String> probe) {
    long deadline = System.nanoTime() + timeoutNanos;
    while (System.nanoTime() < deadline) {
      for (Component c : watched) {
        String bindFailure = bindFailure(c);
        if (bindFailure != null) {
          throw new PortTakenException(c.name() + " could not bind its port: " + bindFailure);
        }
      }
      for (Component c : watched) {
        // the PID alone: just after the start its command line may still be the spawn helper's
        if (!ProcessHandle.of(c.pid()).map(ProcessHandle::isAlive).orElse(false)) {
          throw new ControlPlane.StartFailed(c.name() + " exited while waiting for " + what
              + "; its log " + c.log() + " ends with: " + lastLine(Path.of(c.log())));
        }
      }
      String answer = probe.get();
      if (answer != null) {
        return answer;
      }
      try {
        TimeUnit.MILLISECONDS.sleep(POLL_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ControlPlane.StartFailed("interrupted while waiting for " + what);
      }
    }
    throw new ControlPlane.StartFailed("no " + what + " after "
        + TimeUnit.NANOSECONDS.toSeconds(timeoutNanos) + " s; logs in "
        + Path.of(watched.get(0).log()).getParent());
  }

  /** The line of {@code c}'s log since its launch that says it could not bind, or null. */
  private String bindFailure(Component c) {
    Path log = Path.of(c.log());
    try (var in = Files.newInputStream(log)) {
      in.skipNBytes(Math.min(logStarts.getOrDefault(c.log(), 0L), Files.size(log)));
      // Latin-1 never fails to decode; the phrases looked for are ASCII. A start's log is small.
      String sinceLaunch = new String(in.readNBytes(1 << 20), StandardCharsets.ISO_8859_1);
      return sinceLaunch.lines().filter(Ports::mentionsBindFailure).findFirst()
          .map(String::strip).orElse(null);
    } catch (IOException e) {
      return null; // no log yet: the next poll reads it again
    }
  }

  /** The log's last line that is not part of a stack trace: usually the error itself. */
  private static String lastLine(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      for (int i = lines.size() - 1; i >= 0; i--) {
        String line = lines.get(i);
        if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))
            && !line.startsWith("Caused by:")) {
          return line.strip();
        }
      }
      return "(empty)";
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }
}
