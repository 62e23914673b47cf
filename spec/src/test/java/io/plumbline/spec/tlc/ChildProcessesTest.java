package io.plumbline.spec.tlc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plumbline.spec.SpecTestFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A TLC child dies with the JVM that started it through {@link TlcLauncher}: a host JVM
 * ({@link TlcHostMain}) runs TLC on a model that never finishes; once TLC explores, the test
 * signals the host by PID and waits (generous bound) until the TLC child is gone. SIGTERM runs the
 * host's shutdown hooks, which stop the child before the host exits; SIGKILL runs none, and the
 * child's stdin watcher ({@link DieWithParent}) ends it. The test kills only the two processes it
 * started, by PID.
 */
class ChildProcessesTest {
  private static final Duration BOUND = Duration.ofSeconds(90);
  private static final Map<Long, Path> SCRATCH = new ConcurrentHashMap<>();

  @Test
  void sigtermOfTheParentStopsTheTlcChildBeforeTheParentExits() throws Exception {
    Process host = startHost();
    ProcessHandle child = null;
    try {
      child = exploringChild(host);
      host.destroy(); // SIGTERM to the host's PID
      assertThat(host.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)).as("host exits").isTrue();
      assertThat(host.exitValue()).as("ended by SIGTERM (128 + 15)").isEqualTo(143);
      // The hook waits until the child is reaped, so it is gone as soon as the host is: the
      // stdin watcher could only have ended it after the host's exit.
      assertThat(child.isAlive()).as("TLC child alive after its parent's shutdown hooks").isFalse();
      assertThat(scratchOf(child)).as("TLC's scratch directory, removed by the launcher's hook")
          .doesNotExist();
    } finally {
      cleanUp(host, child);
    }
  }

  @Test
  void sigkillOfTheParentEndsTheTlcChildThroughItsStdinWatcher() throws Exception {
    Process host = startHost();
    ProcessHandle child = null;
    try {
      child = exploringChild(host);
      host.destroyForcibly(); // SIGKILL to the host's PID: no shutdown hook runs
      assertThat(host.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)).as("host exits").isTrue();
      ProcessHandle tlc = child;
      await().atMost(BOUND).pollInterval(Duration.ofMillis(100))
          .untilAsserted(() -> assertThat(tlc.isAlive()).as("orphaned TLC child alive").isFalse());
      assertThat(scratchOf(child)).as("TLC's scratch directory, removed by the orphaned child")
          .doesNotExist();
    } finally {
      cleanUp(host, child);
    }
  }

  /** The host JVM on this test's class path, running TLC on Forever.tla. */
  private static Process startHost() throws IOException {
    Path model = SpecTestFiles.resource("forever/Forever.tla");
    ProcessBuilder pb = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
        "-XX:+UseSerialGC", TlcHostMain.class.getName(), model.toString(),
        model.resolveSibling("Forever.cfg").toString()).redirectErrorStream(true);
    pb.environment().put("CLASSPATH", System.getProperty("java.class.path"));
    return pb.start();
  }

  /** Waits until the host's TLC child explores; returns the child (checked to be the host's). */
  private static ProcessHandle exploringChild(Process host) {
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread reader = new Thread(() -> readLines(host, lines), "host-output");
    reader.setDaemon(true);
    reader.start();
    await().atMost(BOUND).pollInterval(Duration.ofMillis(100))
        .until(() -> lines.contains("exploring") || !host.isAlive());
    assertThat(lines).as("host output").contains("exploring");
    long pid = lines.stream().filter(l -> l.startsWith("child ")).findFirst()
        .map(l -> Long.parseLong(l.substring("child ".length()))).orElseThrow();
    ProcessHandle child = ProcessHandle.of(pid).orElseThrow();
    assertThat(child.parent().map(ProcessHandle::pid)).contains(host.pid());
    assertThat(child.isAlive()).as("TLC explores Forever.tla until stopped").isTrue();
    assertThat(scratchOf(child)).isDirectory();
    return child;
  }

  /** The child's scratch directory, from its command line (read while it runs, then cached). */
  private static Path scratchOf(ProcessHandle child) {
    return SCRATCH.computeIfAbsent(child.pid(), pid -> child.info().arguments().stream()
        .flatMap(Arrays::stream)
        .filter(a -> a.startsWith("-D" + DieWithParent.SCRATCH_PROPERTY + "="))
        .map(a -> Path.of(a.substring(a.indexOf('=') + 1)))
        .findFirst().orElseThrow(() -> new AssertionError("no scratch directory on the command line")));
  }

  private static void readLines(Process host, List<String> into) {
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(host.getInputStream(), StandardCharsets.UTF_8))) {
      for (String l = out.readLine(); l != null; l = out.readLine()) {
        into.add(l);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whatever of the two processes this test started is still alive, killed by PID. */
  private static void cleanUp(Process host, ProcessHandle child) {
    host.destroyForcibly();
    Optional.ofNullable(child).filter(ProcessHandle::isAlive).ifPresent(ProcessHandle::destroyForcibly);
  }
}
