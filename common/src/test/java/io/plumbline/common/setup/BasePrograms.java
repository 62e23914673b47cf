package io.plumbline.common.setup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The programs every Debian machine has before any set-up: those of the packages Debian marks
 * Essential or of priority "required" (coreutils, bash, tar, apt, util-linux, …), read from dpkg.
 * Anything else the code starts must come from the set-up.
 */
final class BasePrograms {
  private BasePrograms() {}

  static Set<String> onDebian() throws IOException, InterruptedException {
    List<String> packages = new ArrayList<>();
    for (String row : run("dpkg-query", "-W", "-f=${Package} ${Essential} ${Priority}\\n").split("\n")) {
      String[] f = row.split(" ");
      if (f.length == 3 && (f[1].equals("yes") || f[2].equals("required"))) {
        packages.add(f[0]);
      }
    }
    List<String> listing = new ArrayList<>(List.of("dpkg", "-L"));
    listing.addAll(packages);
    Set<String> programs = new TreeSet<>();
    for (String path : run(listing.toArray(String[]::new)).split("\n")) {
      if (path.matches("(/usr)?/s?bin/[^/]+")) {
        programs.add(path.substring(path.lastIndexOf('/') + 1));
      }
    }
    programs.addAll(alternativesOf(programs));
    return programs;
  }

  /** Names Debian's alternatives system gives those programs ({@code awk} → {@code mawk}). */
  private static Set<String> alternativesOf(Set<String> programs) throws IOException {
    Set<String> names = new TreeSet<>();
    java.nio.file.Path dir = java.nio.file.Path.of("/etc/alternatives");
    if (!java.nio.file.Files.isDirectory(dir)) {
      return names;
    }
    try (var links = java.nio.file.Files.list(dir)) {
      for (java.nio.file.Path link : (Iterable<java.nio.file.Path>) links::iterator) {
        java.nio.file.Path target = link.toRealPath();
        if (programs.contains(target.getFileName().toString())) {
          names.add(link.getFileName().toString());
        }
      }
    }
    return names;
  }

  private static String run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed: " + out.lines().findFirst().orElse(""));
    }
    return out;
  }
}
