package io.plumbline.spec.tlc;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one place that starts TLC's child JVMs and makes sure they die with this JVM.
 *
 * <p>Two guards, for the two ways the parent can go:
 *
 * <ul>
 *   <li>SIGTERM, Ctrl-C or System.exit run shutdown hooks: one hook stops every child still alive
 *       that was started here (and its descendants), first with SIGTERM, then, after {@link
 *       #GRACE}, with SIGKILL.
 *   <li>SIGKILL (or a crash) runs no hook: the child's standard input is a pipe from this JVM,
 *       which the kernel closes when this JVM dies, and {@link DieWithParent} inside the child
 *       halts it at that end of file. So a child must be started with {@link #command} (its main
 *       class wrapped) and keep its stdin piped, which {@link #start} enforces.
 * </ul>
 *
 * <p>A child stays registered until it exits, which also keeps its {@link Process} (and so the
 * write end of its stdin pipe) reachable: a collected Process could close the pipe and end a
 * healthy child.
 */
public final class ChildProcesses {
  /** How long the hook waits for children to end after SIGTERM before it sends SIGKILL. */
  static final Duration GRACE = Duration.ofSeconds(3);
  /** How long {@link #stop} waits for a SIGKILLed child to be reaped. */
  static final Duration REAP_WAIT = Duration.ofSeconds(5);

  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(ChildProcesses::stopAll, "tlc-children-stop"));
  }

  private ChildProcesses() {}

  /**
   * A child JVM's command line: this JVM's {@code java}, then {@code jvmOptions}, the class path
   * of TLC and of {@link DieWithParent}, {@code DieWithParent}, then {@code mainClass} and its
   * {@code args}.
   */
  public static List<String> command(List<String> jvmOptions, String mainClass, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(java());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", TlcJar.classPath(), DieWithParent.class.getName(), mainClass));
    command.addAll(args);
    return command;
  }

  /** Starts {@code builder}'s command with its stdin piped from this JVM and tracks the child. */
  public static Process start(ProcessBuilder builder) throws IOException {
    Process child = builder.redirectInput(ProcessBuilder.Redirect.PIPE).start();
    LIVE.add(child);
    child.onExit().thenRun(() -> LIVE.remove(child));
    return child;
  }

  /**
   * Stops {@code child} and its descendants: SIGTERM, then SIGKILL for whatever is still alive
   * after {@link #GRACE}. Returns once they are gone (the child reaped), or at most {@link
   * #REAP_WAIT} after the SIGKILL.
   */
  public static void stop(Process child) {
    stop(List.of(child));
  }

  private static void stopAll() {
    stop(List.copyOf(LIVE));
  }

  private static void stop(List<Process> children) {
    List<ProcessHandle> descendants = new ArrayList<>();
    for (Process child : children) {
      // Listed before the child goes: an orphaned descendant is re-parented and not found.
      child.descendants().forEach(descendants::add);
    }
    descendants.forEach(ProcessHandle::destroy);
    children.forEach(Process::destroy);
    long deadline = System.nanoTime() + GRACE.toNanos();
    for (ProcessHandle d : descendants) {
      if (!exited(d.onExit(), deadline)) {
        d.destroyForcibly();
      }
    }
    for (Process child : children) {
      // Process.onExit completes once the child is reaped, so it is gone from the process table.
      if (!exited(child.onExit(), deadline)) {
        child.destroyForcibly();
        exited(child.onExit(), System.nanoTime() + REAP_WAIT.toNanos());
      }
    }
  }

  /** Whether {@code exit} completes before {@code deadline} (System.nanoTime). */
  private static boolean exited(CompletableFuture<?> exit, long deadline) {
    try {
      exit.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
  }

  private static String java() {
    return java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
