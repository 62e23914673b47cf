package io.plumbline.store.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code DIR/pids}: one "name pid" line per member process the cluster command started. */
final class PidFile {
  private PidFile() {}

  static Path of(Path dir) {
    return dir.resolve("pids");
  }

  static Map<String, Long> read(Path dir) throws IOException {
    Map<String, Long> out = new LinkedHashMap<>();
    if (Files.exists(of(dir))) {
      for (String line : Files.readAllLines(of(dir))) {
        String[] p = line.strip().split("\\s+");
        if (p.length == 2) {
          out.put(p[0], Long.parseLong(p[1]));
        }
      }
    }
    return out;
  }

  static void write(Path dir, Map<String, Long> pids) throws IOException {
    StringBuilder b = new StringBuilder();
    pids.forEach((n, p) -> b.append(n).append(' ').append(p).append('\n'));
    Files.writeString(of(dir), b);
  }

  /** Whether {@code pid} is alive and is a store member we started (guards against reused PIDs). */
  static boolean isOurs(long pid) {
    return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
        .flatMap(h -> h.info().arguments())
        .map(args -> java.util.Arrays.asList(args).contains("store"))
        .orElse(false);
  }
}
