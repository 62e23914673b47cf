package io.plumbline.chaos.junit;

import io.plumbline.history.HistoryRecorder;
import io.plumbline.chaos.runtime.ChaosCluster;
import io.plumbline.chaos.runtime.containers.BaseImage;
import io.plumbline.chaos.runtime.containers.ContainerCluster;
import io.plumbline.chaos.runtime.containers.ContainerTargets;
import io.plumbline.chaos.runtime.containers.Docker;
import io.plumbline.chaos.runtime.local.LocalTarget;
import io.plumbline.chaos.runtime.local.PeerRouting;
import io.plumbline.chaos.runtime.local.ProxiedCluster;
import io.plumbline.db.HealthProbe;
import io.plumbline.db.StatusProbe;
import io.plumbline.db.MemberCommand;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Injects a running cluster, a {@link NemesisController} and a {@link HistoryRecorder} into test
 * methods (see {@link ChaosTarget}). One cluster per test method, started on first use; after the
 * method every fault is healed and every process stopped, whatever the test did.
 */
public final class ChaosExtension implements ParameterResolver {
  private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(ChaosExtension.class);

  /** The per-method state; closing it heals and stops the cluster. */
  private static final class Session implements AutoCloseable {
    final ChaosCluster cluster;
    final HistoryRecorder recorder = new HistoryRecorder(System.nanoTime());
    final NemesisController nemesis;

    Session(ChaosCluster cluster) {
      this.cluster = cluster;
      this.nemesis = new NemesisController(cluster, recorder);
    }

    @Override
    public void close() {
      try {
        nemesis.healAll();
      } finally {
        cluster.close();
      }
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
    Class<?> t = p.getParameter().getType();
    return t == ChaosCluster.class || t == NemesisController.class || t == HistoryRecorder.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext e) {
    Session s = e.getStore(NS).getOrComputeIfAbsent("session", k -> start(e), Session.class);
    Class<?> t = p.getParameter().getType();
    return t == ChaosCluster.class ? s.cluster : t == NemesisController.class ? s.nemesis : s.recorder;
  }

  private static Session start(ExtensionContext e) {
    ChaosTarget spec = AnnotationSupport.findAnnotation(e.getRequiredTestMethod(), ChaosTarget.class)
        .or(() -> AnnotationSupport.findAnnotation(e.getRequiredTestClass(), ChaosTarget.class))
        .orElseThrow(() -> new ParameterResolutionException("a chaos test needs @ChaosTarget"));
    List<String> args = spec.targetArgs().isBlank() ? List.of() : List.of(spec.targetArgs().trim().split("\\s+"));
    if (spec.runtime().equals("containers")) {
      return new Session(startInContainers(spec, args));
    }
    if (!spec.runtime().equals("local")) {
      throw new ParameterResolutionException("@ChaosTarget runtime '" + spec.runtime() + "': expected local or containers");
    }
    LocalTarget target = switch (spec.target()) {
      case "etcd" -> LocalTarget.etcd("/usr/bin/etcd");
      case "reference" -> LocalTarget.reference(args);
      default -> new LocalTarget(MemberCommand.parse(spec.target().substring("cmd:".length())),
          StatusProbe.grpc(Duration.ofSeconds(2)), PeerRouting.ETCD_HEADER, false);
    };
    return new Session(ProxiedCluster.start(spec.nodes(), target, Duration.ofSeconds(60)));
  }

  /** Fails (never skips) without Docker: a chaos test that silently did not run proves nothing. */
  private static ChaosCluster startInContainers(ChaosTarget spec, List<String> args) {
    if (!Docker.available()) {
      throw new ParameterResolutionException("@ChaosTarget runtime containers: no Docker daemon answers 'docker info' "
          + "(start one: scripts/lib/docker.sh)");
    }
    return ContainerCluster.start(spec.nodes(), ContainerTargets.resolve(spec.target(), args,
        () -> BaseImage.ensure(System.out::println)), Duration.ofSeconds(90), System.out::println);
  }
}
