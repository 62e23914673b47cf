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
    return start(command, log, null);
  }

  /** As {@link #start(List, Path)}, with {@code CLASSPATH} set when {@code classPath} is given. */
  public static ProcessHandle start(List<String> command, Path log, String classPath)
      throws IOException {
    Files.createDirectories(log.getParent());
    List<String> full = new ArrayList<>();
    if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
      full.add("/usr/bin/setsid");
    }
    full.addAll(command);
    ProcessBuilder pb = new ProcessBuilder(full);
    if (classPath != null) {
      pb.environment().put("CLASSPATH", classPath);
    }
    Process p = pb.redirectErrorStream(true)
        .redirectInput(new File("/dev/null"))
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    return p.toHandle();
  }

  /**
   * {@code java ... ComponentMain <component>}: this program's JVM again; the class path goes in
   * {@code CLASSPATH} (see {@link #javaClassPath}), because the JDK reads no arguments of a
   * process whose command line is as long as a test class path, and {@code down} needs them.
   */
  public static List<String> javaCommand(String marker, String component) {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.addAll(List.of("-Xmx512m", "-XX:+UseSerialGC", "-Dplumbline.up=" + marker,
        ComponentMain.class.getName(), component));
    return cmd;
  }

  /** This program's class path, for the {@code CLASSPATH} of the Java components. */
  public static String javaClassPath() {
    return System.getProperty("java.class.path");
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
