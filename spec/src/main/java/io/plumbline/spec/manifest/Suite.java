package io.plumbline.spec.manifest;

import java.util.Locale;

/** Which runs a model belongs to: the build ({@code ci}), long runs ({@code deep}), model-based testing ({@code mbt}). */
public enum Suite {
  CI, DEEP, MBT;

  /** The manifest and command-line spelling. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a manifest or flag value; throws {@link IllegalArgumentException} listing the choices. */
  public static Suite parse(String text) {
    for (Suite s : values()) {
      if (s.label().equals(text)) {
        return s;
      }
    }
    throw new IllegalArgumentException("suite must be ci, deep or mbt, found '" + text + "'");
  }
}
