package io.plumbline.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the tests find the repository's specs and their own fixtures. */
public final class SpecTestFiles {
  private SpecTestFiles() {}

  /** The repository root (surefire sets plumbline.root; the module's parent otherwise). */
  public static Path root() {
    String root = System.getProperty("plumbline.root");
    return root != null ? Path.of(root) : Path.of("").toAbsolutePath().getParent();
  }

  /** The real spec directory, {@code <root>/spec}. */
  public static Path specDir() {
    return root().resolve("spec");
  }

  /** A test resource as a path. */
  public static Path resource(String name) {
    try {
      return Path.of(SpecTestFiles.class.getResource("/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing test resource " + name, e);
    }
  }

  /** A test resource's text. */
  public static String text(String name) {
    try {
      return Files.readString(resource(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
