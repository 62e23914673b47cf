package io.plumbline.controlplane;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Starting and recognising the background processes of a control plane. Each runs in its own
 * session ({@code setsid}), so it outlives the {@code up} command and its terminal, with stdin from
 * /dev/null and output appended to its log file.
 */
public final class DetachedProcess {
  private DetachedProcess() {}

  /** Starts {@code command} detached; returns its PID (setsid execs, so it is the program's). */
  public static ProcessHandle start(List<String> command, Path log) throws IOException {
    Files.createDirectories(log.getParent());
    List<String> full = new ArrayList<>();
    if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
      full.add("/usr/bin/setsid");
    }
    full.addAll(command);
    Process p = new ProcessBuilder(full).redirectErrorStream(true)
        .redirectInput(new File("/dev/null"))
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    return p.toHandle();
  }

  /** {@code java ... ComponentMain <component>}: this program's JVM and class path again. */
  public static List<String> javaCommand(String marker, String component) {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.addAll(List.of("-Xmx512m", "-XX:+UseSerialGC", "-Dplumbline.up=" + marker));
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"),
        ComponentMain.class.getName(), component));
    return cmd;
  }

  /** The start time of a live process in epoch ms, when the OS tells. */
  public static long startedAtMs(ProcessHandle h) {
    return h.info().startInstant().map(i -> i.toEpochMilli()).orElse(0L);
  }

  /**
   * The live process {@code c} recorded, or empty when that PID is gone or now belongs to another
   * program (its command line lacks the signature, or it started at another time).
   */
  public static Optional<ProcessHandle> find(Component c) {
    return ProcessHandle.of(c.pid()).filter(ProcessHandle::isAlive).filter(h -> {
      boolean hasSignature = h.info().arguments()
          .map(a -> Arrays.asList(a).contains(c.signature())).orElse(false);
      long started = startedAtMs(h);
      boolean sameStart = c.startedAtMs() == 0 || started == 0
          || Math.abs(started - c.startedAtMs()) < 2_000;
      return hasSignature && sameStart;
    });
  }
}
