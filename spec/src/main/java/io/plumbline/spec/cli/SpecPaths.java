package io.plumbline.spec.cli;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** Where specs are read from and run evidence is written to. */
final class SpecPaths {
  private SpecPaths() {}

  /** {@code <plumbline.root>}, set by ./plumbline; the current directory otherwise. */
  static Path root() {
    String root = System.getProperty("plumbline.root");
    return (root == null || root.isBlank() ? Path.of("") : Path.of(root)).toAbsolutePath().normalize();
  }

  /** The spec directory: the one given, else {@code <root>/spec}. */
  static Path specDir(Path override) {
    return override != null ? override.toAbsolutePath().normalize() : root().resolve("spec");
  }

  /** A fresh evidence directory for this run: {@code <root>/runs/spec-check/<timestamp>}. */
  static Path evidenceDir() {
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    return root().resolve("runs").resolve("spec-check").resolve(stamp);
  }

  /** The path relative to the root when it lies inside it (shorter to read), else absolute. */
  static String display(Path path) {
    Path abs = path.toAbsolutePath().normalize();
    return abs.startsWith(root()) ? root().relativize(abs).toString() : abs.toString();
  }
}
