package io.plumbline.chaos.cli;

import io.plumbline.chaos.runtime.ChaosCluster;
import io.plumbline.chaos.runtime.containers.BaseImage;
import io.plumbline.chaos.runtime.containers.ContainerCluster;
import io.plumbline.chaos.runtime.containers.ContainerTargets;
import io.plumbline.chaos.runtime.containers.Docker;
import io.plumbline.chaos.runtime.local.ProxiedCluster;
import io.plumbline.common.UserError;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/** {@code --runtime}: which runtime a run uses and how its cluster starts. */
final class Runtimes {
  static final String AUTO = "auto";

  private Runtimes() {}

  /** {@code auto} is containers when a Docker daemon answers, local processes otherwise. */
  static String choose(String requested) {
    return switch (requested) {
      case AUTO -> Docker.available() ? "containers" : "local";
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
  static String describe(String requested, String chosen) {
    if (!requested.equals(AUTO)) {
      return chosen;
    }
    return chosen + (chosen.equals("containers") ? " (auto: Docker answers)" : " (auto: no Docker daemon answers)");
  }

  /** Checks the target for {@code runtime} before anything starts. */
  static void validate(String runtime, String target, Path root) {
    if (runtime.equals("containers")) {
      ContainerTargets.validate(target);
    } else {
      Targets.resolve(target, root);
    }
  }

  /** Why the clock nemesis is refused on {@code runtime} for {@code target}. */
  static String clockRefusal(String runtime, String target) {
    return "--nemesis clock: unsupported on the " + runtime + " runtime for " + target + ": etcd is a Go program and "
        + "reads time through the vDSO, not libc, so libfaketime cannot shift its clock"
        + (runtime.equals("containers") ? "; faking the reference store's JVM clock in containers is not built yet" : "");
  }

  /** Starts the cluster (building the base image first when the containers runtime needs it). */
  static ChaosCluster start(String runtime, String target, int nodes, Path root, Consumer<String> progress) {
    if (runtime.equals("containers")) {
      return ContainerCluster.start(nodes, ContainerTargets.resolve(target, () -> BaseImage.ensure(progress)),
          Duration.ofSeconds(90), progress);
    }
    Targets t = Targets.resolve(target, root);
    return ProxiedCluster.start(nodes, t.command(), t.probe(), Duration.ofSeconds(60));
  }
}
