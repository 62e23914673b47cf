package io.plumbline.chaos.cli;

import io.plumbline.chaos.runtime.local.ProxiedCluster;
import io.plumbline.common.UserError;
import io.plumbline.db.HealthProbe;
import io.plumbline.db.MemberCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code --target} launches on the local runtime: the member command template and how to probe
 * a member's health.
 *
 * @param command the member template (with {@code {listen-peer-url}} for the proxies)
 * @param probe the health probe
 */
record Targets(MemberCommand command, HealthProbe probe) {

  /** Resolves {@code etcd}, {@code reference}, {@code cmd:TEMPLATE}; {@code image:REF} needs containers. */
  static Targets resolve(String target, Path root) {
    if (target.equals("etcd")) {
      if (!Files.isExecutable(Path.of("/usr/bin/etcd"))) {
        throw new UserError("--target etcd: /usr/bin/etcd not found; install Debian's etcd-server");
      }
      return new Targets(ProxiedCluster.etcdCommand("/usr/bin/etcd"), HealthProbe.http(Duration.ofSeconds(2)));
    }
    if (target.equals("reference")) {
      // The reference store takes etcd's flag names, so etcd's template with another program fits.
      List<String> args = new ArrayList<>(ProxiedCluster.etcdCommand("store").args());
      args.remove(0);
      args.removeIf(a -> a.startsWith("--pre-vote") || a.equals("--logger") || a.equals("zap")
          || a.equals("--log-outputs") || a.equals("stderr"));
      args.add(0, "store");
      args.add(0, root.resolve("plumbline").toString());
      return new Targets(new MemberCommand(args), HealthProbe.grpcStatus(Duration.ofSeconds(2)));
    }
    if (target.startsWith("cmd:")) {
      MemberCommand c = MemberCommand.parse(target.substring(4));
      if (!target.contains("{listen-peer-url}")) {
        throw new UserError("--target cmd: the template must listen for peers on {listen-peer-url} and advertise "
            + "{peer-url} (see chaos/README.md)");
      }
      return new Targets(c, HealthProbe.grpcStatus(Duration.ofSeconds(2)));
    }
    if (target.startsWith("image:")) {
      throw new UserError("--target image: needs --runtime containers (a Docker daemon); the local runtime runs programs, not images");
    }
    throw new UserError("--target: unknown target '" + target + "'; expected etcd, reference, image:REF or cmd:'TEMPLATE'");
  }
}
