package io.plumbline.checker;

import java.nio.file.Path;
import java.util.List;

/** Manifest rows of the shared histories, for tests in other packages. */
public final class ManifestRows {
  private ManifestRows() {}

  /** Files listed in the manifests under {@code folder} ("knossos" or "porcupine"). */
  public static List<Path> files(String folder) throws java.io.IOException {
    Path root = ManifestVerdictsTest.historiesRoot();
    return ManifestVerdictsTest.manifestRows(root).stream()
        .map(r -> Path.of(r[0]))
        .filter(p -> p.startsWith(root.resolve(folder)))
        .toList();
  }
}
