package io.plumbline.store.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The command line that starts this same program again (same java, same jar or class path).
 * Extra JVM options for the members (e.g. {@code -XX:StartFlightRecording=...} to profile them)
 * come from the environment variable {@code PLUMBLINE_MEMBER_JAVA_OPTS}, split on spaces.
 */
final class SelfLauncher {
  private SelfLauncher() {}

  static List<String> javaCommand() {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.add("-Xmx512m");
    cmd.add("-XX:+UseParallelGC");
    String extra = System.getenv("PLUMBLINE_MEMBER_JAVA_OPTS");
    if (extra != null && !extra.isBlank()) {
      cmd.addAll(List.of(extra.trim().split("\\s+")));
    }
    String root = System.getProperty("plumbline.root");
    if (root != null) {
      cmd.add("-Dplumbline.root=" + root);
    }
    String main = System.getProperty("sun.java.command", "").split(" ")[0];
    if (main.endsWith(".jar")) {
      cmd.add("-jar");
      cmd.add(main);
    } else {
      cmd.add("-cp");
      cmd.add(System.getProperty("java.class.path"));
      cmd.add(main);
    }
    return cmd;
  }
}
