package io.plumbline.chaos.cli;

import io.plumbline.chaos.runtime.local.LocalTarget;
import io.plumbline.chaos.runtime.local.PeerRouting;
import io.plumbline.common.UserError;
import io.plumbline.db.HealthProbe;
import io.plumbline.db.StatusProbe;
import io.plumbline.db.MemberCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** What {@code --target} launches on the local runtime: template, health probe, peer routing, clock. */
final class Targets {
  private Targets() {}

  /**
   * Resolves {@code etcd}, {@code reference}, {@code cmd:TEMPLATE}; {@code image:REF} needs
   * containers. {@code targetArgs} are appended to the reference store's or etcd's command line (e.g. a fault
   * mode, TLS flags); {@code cmd:} refuses them.
   */
  static LocalTarget resolve(String target, List<String> targetArgs) {
    if (!target.equals("reference") && !target.equals("etcd") && !targetArgs.isEmpty()) {
      throw new UserError("--target-args: only for --target reference or etcd (put arguments of cmd: into its template)");
    }
    if (target.equals("etcd")) {
      if (!Files.isExecutable(Path.of("/usr/bin/etcd"))) {
        throw new UserError("--target etcd: /usr/bin/etcd not found; install Debian's etcd-server");
      }
      return LocalTarget.etcd("/usr/bin/etcd", targetArgs);
    }
    if (target.equals("reference")) {
      return LocalTarget.reference(targetArgs);
    }
    if (target.startsWith("cmd:")) {
      MemberCommand c = MemberCommand.parse(target.substring(4));
      if (!target.contains("{listen-peer-url}")) {
        throw new UserError("--target cmd: the template must listen for peers on {listen-peer-url} and advertise "
            + "{peer-url} (see chaos/README.md)");
      }
      return new LocalTarget(c, StatusProbe.grpc(Duration.ofSeconds(2)), PeerRouting.ETCD_HEADER, false);
    }
    if (target.startsWith("image:")) {
      throw new UserError("--target image: needs --runtime containers (a Docker daemon); the local runtime runs programs, not images");
    }
    throw new UserError("--target: unknown target '" + target + "'; expected etcd, reference, image:REF or cmd:'TEMPLATE'");
  }
}
