package io.plumbline.spec.cli;

import io.plumbline.spec.manifest.ModelEntry;
import io.plumbline.spec.manifest.ModelManifest;

/** {@code spec check --list}: the manifest as a readable table. */
final class ManifestListing {
  private static final String ROW = "%-32s %-5s %-40s %s%n";

  private ManifestListing() {}

  static String render(ModelManifest manifest) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(ROW, "MODEL", "SUITE", "EXPECTED", "DESCRIPTION"));
    for (ModelEntry e : manifest.entries()) {
      out.append(String.format(ROW, e.name(), e.suite().label(), e.expected(), e.description()));
    }
    return out.toString();
  }
}
