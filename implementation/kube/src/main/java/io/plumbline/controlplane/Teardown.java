package io.plumbline.controlplane;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Stops exactly the processes a control plane recorded: clients of the store first (controller
 * managers, HAProxy, API servers), the store last. SIGTERM, then SIGKILL after 10 s. A PID that
 * is no longer the process {@code up} started is left alone and reported.
 */
public final class Teardown {
  private static final long GRACE_SECONDS = 10;

  private Teardown() {}

  /** Stops what {@code DIR/state.json} records and removes that file; reports one line each. */
  public static List<String> down(Path dir, Consumer<String> report) throws IOException {
    Optional<ControlPlaneState> state = ControlPlaneState.read(dir);
    if (state.isEmpty()) {
      report.accept("nothing recorded in " + dir.toAbsolutePath() + " (no state.json)");
      return List.of();
    }
    List<String> lines = stop(state.get().components(), report);
    Files.deleteIfExists(ControlPlaneState.file(dir));
    return lines;
  }

  /** Stops {@code components} in teardown order; returns the report lines. */
  public static List<String> stop(List<Component> components, Consumer<String> report) {
    List<String> lines = new ArrayList<>();
    Consumer<String> both = l -> {
      lines.add(l);
      report.accept(l);
    };
    for (Component.Kind kind : List.of(Component.Kind.CONTROLLER_MANAGER, Component.Kind.HAPROXY,
        Component.Kind.APISERVER, Component.Kind.STORE)) {
      List<Component> ofKind = components.stream().filter(c -> c.kind() == kind).toList();
      List<Optional<ProcessHandle>> handles = ofKind.stream().map(DetachedProcess::find).toList();
      handles.forEach(h -> h.ifPresent(ProcessHandle::destroy));
      for (int i = 0; i < ofKind.size(); i++) {
        both.accept(awaitExit(ofKind.get(i), handles.get(i)));
      }
    }
    return lines;
  }

  private static String awaitExit(Component c, Optional<ProcessHandle> handle) {
    if (handle.isEmpty()) {
      boolean pidAlive = ProcessHandle.of(c.pid()).map(ProcessHandle::isAlive).orElse(false);
      return c.name() + " (pid " + c.pid() + ") was not running"
          + (pidAlive ? "; that pid now belongs to another process, left alone" : "");
    }
    ProcessHandle h = handle.get();
    try {
      h.onExit().get(GRACE_SECONDS, TimeUnit.SECONDS);
      return "stopped " + c.name() + " (pid " + c.pid() + ")";
    } catch (TimeoutException e) {
      h.destroyForcibly();
      h.onExit().join();
      return "killed " + c.name() + " (pid " + c.pid() + ") after " + GRACE_SECONDS
          + " s without exiting on SIGTERM";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return c.name() + " (pid " + c.pid() + "): interrupted while stopping";
    } catch (ExecutionException e) {
      return "stopped " + c.name() + " (pid " + c.pid() + ")";
    }
  }
}
