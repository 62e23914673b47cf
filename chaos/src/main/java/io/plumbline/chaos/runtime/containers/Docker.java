package io.plumbline.chaos.runtime.containers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Docker engine, driven through its command-line client. Why the CLI and not Testcontainers:
 * Testcontainers 2.0.5 reads {@code TESTCONTAINERS_RYUK_DISABLED} and {@code
 * TESTCONTAINERS_HOST_OVERRIDE} only with {@code System.getenv} (in {@code ResourceReaper.instance}
 * and {@code DockerClientProviderStrategy.resolveDockerHostIpAddress}), which a running JVM cannot
 * set; this machine needs both (no Ryuk image, {@code /.dockerenv} present). The CLI needs neither,
 * and behaves the same from {@code ./plumbline chaos}, surefire and users' JUnit tests.
 */
public final class Docker {
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);

  private Docker() {}

  /** What one {@code docker} call returned. */
  public record Result(int exitCode, String out, String err) {
    public boolean ok() {
      return exitCode == 0;
    }
  }

  /** True when a Docker daemon answers within a few seconds. */
  public static boolean available() {
    try {
      return call(List.of("info", "--format", "{{.ServerVersion}}"), null, Duration.ofSeconds(10)).ok();
    } catch (IllegalStateException e) {
      return false; // no docker client installed, or it hung
    }
  }

  /** Runs {@code docker ARGS}; returns trimmed stdout or throws naming the command and its stderr. */
  public static String run(String... args) {
    return run(List.of(args), null);
  }

  /** Runs {@code docker ARGS} with {@code stdin} (may be null) and fails unless it exits 0. */
  public static String run(List<String> args, String stdin) {
    Result r = call(args, stdin, DEFAULT_TIMEOUT);
    if (!r.ok()) {
      throw new IllegalStateException("docker " + String.join(" ", abbreviate(args)) + " failed (exit "
          + r.exitCode() + "): " + r.err().strip());
    }
    return r.out().strip();
  }

  /** Runs {@code docker ARGS} and returns whatever happened (for cleanup, where failure is expected). */
  public static Result call(List<String> args, String stdin, Duration timeout) {
    List<String> cmd = new ArrayList<>();
    cmd.add("docker");
    cmd.addAll(args);
    Process p;
    try {
      p = new ProcessBuilder(cmd).start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run docker (is the docker.io package installed?): " + e.getMessage(), e);
    }
    CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
    CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
    try (var in = p.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      // the command exited before reading its input; its exit code and stderr say why
    }
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("docker " + String.join(" ", abbreviate(args)) + " did not finish within "
            + timeout.toSeconds() + " s");
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running docker " + args.get(0), e);
    }
    return new Result(p.exitValue(), out.join(), err.join());
  }

  /** Writes {@code docker logs CONTAINER} (stdout and stderr interleaved) to {@code file}. */
  public static void logsTo(String container, Path file) {
    try {
      Process p = new ProcessBuilder("docker", "logs", container).redirectErrorStream(true)
          .redirectOutput(file.toFile()).start();
      p.waitFor(60, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new IllegalStateException("cannot save the log of " + container + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String read(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** Long run commands (dozens of mounts) are cut so error messages stay one readable line. */
  private static List<String> abbreviate(List<String> args) {
    return args.size() <= 12 ? args : List.of(String.join(" ", args.subList(0, 12)), "…");
  }
}
