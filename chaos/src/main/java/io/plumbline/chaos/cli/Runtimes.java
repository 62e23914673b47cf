package io.plumbline.chaos.cli;

import io.plumbline.chaos.runtime.ChaosCluster;
import io.plumbline.chaos.runtime.containers.BaseImage;
import io.plumbline.chaos.runtime.containers.ContainerCluster;
import io.plumbline.chaos.runtime.containers.ContainerTargets;
import io.plumbline.chaos.runtime.containers.Docker;
import io.plumbline.chaos.runtime.local.LocalTarget;
import io.plumbline.chaos.runtime.local.ProxiedCluster;
import io.plumbline.common.UserError;
import io.plumbline.common.cli.EtcdAccess;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code --runtime}: which runtime a run uses, whether it supports a fault for the target, and how
 * its cluster starts. Everything the user can get wrong is checked before anything starts.
 *
 * @param name {@code containers} or {@code local}
 * @param target the {@code --target} text
 * @param targetArgs extra member arguments (reference store only)
 * @param local the resolved local target, or null on the containers runtime
 * @param why why {@code auto} chose this runtime; empty when the user named it
 */
record Runtimes(String name, String target, List<String> targetArgs, LocalTarget local, String why) {
  static final String AUTO = "auto";

  /**
   * Chooses the runtime and checks the target for it. {@code auto} is containers when a Docker daemon
   * answers, local otherwise: every fault kind works on both runtimes for the same targets (clocks
   * only for the reference store, on either), so no fault forces a fallback any more.
   */
  static Runtimes resolve(String requested, String target, List<String> targetArgs, EtcdAccess access) {
    Runtimes rt = resolve(requested, target, targetArgs);
    if (!access.tls()) {
      return rt;
    }
    if (rt.local == null) {
      throw new UserError("--cacert/--cert/--key: TLS targets run on --runtime local only (the containers runtime "
          + "serves clients in plain text)");
    }
    return new Runtimes(rt.name, target, targetArgs, rt.local.overTls(access), rt.why);
  }

  static Runtimes resolve(String requested, String target, List<String> targetArgs) {
    String why = "";
    String name;
    if (requested.equals(AUTO)) {
      boolean docker = Docker.available();
      name = docker ? "containers" : "local";
      why = docker ? "auto: Docker answers" : "auto: no Docker daemon answers";
    } else {
      name = choose(requested);
    }
    if (name.equals("containers")) {
      ContainerTargets.validate(target, targetArgs);
      return new Runtimes(name, target, targetArgs, null, why);
    }
    return new Runtimes(name, target, targetArgs, Targets.resolve(target, targetArgs), why);
  }

  private static String choose(String requested) {
    return switch (requested) {
      case "local" -> "local";
      case "containers" -> {
        if (!Docker.available()) {
          throw new UserError("--runtime containers: no Docker daemon answers 'docker info'; start one "
              + "(scripts/lib/docker.sh does) or use --runtime local");
        }
        yield "containers";
      }
      default -> throw new UserError("--runtime: unknown runtime '" + requested + "'; expected auto, containers or local");
    };
  }

  /** The chosen runtime and, when it was chosen automatically, why. */
  String describe() {
    return why.isEmpty() ? name : name + " (" + why + ")";
  }

  /** Refuses {@code --nemesis clock} where member clocks cannot be faked, with the reason. */
  void checkClockFaults() {
    if (local != null) {
      ClockSupport.check(target, local);
    } else {
      ClockSupport.checkContainers(target);
    }
  }

  /**
   * Refuses {@code --nemesis clients} where client links cannot be cut, with the reason. Containers
   * always can: iptables in the member's container drops its client port.
   */
  void checkClientCuts() {
    if (local != null && !String.join(" ", local.command().args()).contains("{listen-client-url}")) {
      throw new UserError("--nemesis clients: the member template has no {listen-client-url}, so clients connect "
          + "directly and cannot be cut off");
    }
  }

  /** Starts the cluster (building the base image first when the containers runtime needs it). */
  ChaosCluster start(int nodes, Consumer<String> progress) {
    if (local == null) {
      return ContainerCluster.start(nodes, ContainerTargets.resolve(target, targetArgs, () -> BaseImage.ensure(progress)),
          Duration.ofSeconds(90), progress);
    }
    return ProxiedCluster.start(nodes, local, Duration.ofSeconds(60));
  }
}
