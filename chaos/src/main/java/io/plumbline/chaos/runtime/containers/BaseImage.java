package io.plumbline.chaos.runtime.containers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

/**
 * The image every built-in target runs in (etcd, the reference store, {@code cmd:} templates): Debian
 * bookworm with a JRE, etcd and iptables, built locally by {@code build-base-image.sh} (debootstrap +
 * {@code docker import}, no registry). Its tag carries a hash of that script, which holds the package
 * list, so the image is built once per recipe and reused afterwards. {@code PLUMBLINE_CHAOS_BASE_IMAGE}
 * names another image to use instead (e.g. one built from {@code chaos/docker/Dockerfile}).
 */
public final class BaseImage {
  static final String SCRIPT = "build-base-image.sh";
  static final String OVERRIDE_ENV = "PLUMBLINE_CHAOS_BASE_IMAGE";
  private static final long PROGRESS_EVERY_MS = 10_000;

  private BaseImage() {}

  /** {@code plumbline-chaos-base:<first 12 hex digits of the recipe's SHA-256>}. */
  public static String tag() {
    return "plumbline-chaos-base:" + recipeHash().substring(0, 12);
  }

  /** The image to use, built first when it does not exist yet; {@code progress} gets a line now and then. */
  public static String ensure(Consumer<String> progress) {
    String override = System.getenv(OVERRIDE_ENV);
    if (override != null && !override.isBlank()) {
      if (!exists(override)) {
        throw new IllegalStateException(OVERRIDE_ENV + "=" + override + ": no such image in the local Docker engine");
      }
      return override;
    }
    String tag = tag();
    if (exists(tag)) {
      return tag;
    }
    Path lockFile = Path.of(System.getProperty("java.io.tmpdir"), tag.replace(':', '-') + ".lock");
    try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
         FileLock lock = ch.lock()) {
      if (!exists(tag)) { // another process may have built it while we waited for the lock
        build(tag, progress);
      }
      return tag;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + lockFile + " to build " + tag, e);
    }
  }

  static boolean exists(String image) {
    return Docker.call(List.of("image", "inspect", "--format", "{{.Id}}", image), null,
        java.time.Duration.ofSeconds(30)).ok();
  }

  private static void build(String tag, Consumer<String> progress) throws IOException {
    progress.accept("base image " + tag + " not found: building it from Debian packages (debootstrap, about 2-4 min)");
    Path script = Files.createTempFile("plumbline-build-base-image", ".sh");
    long start = System.nanoTime();
    try {
      Files.write(script, recipe());
      Process p = new ProcessBuilder("bash", script.toString(), tag).redirectErrorStream(true).start();
      String last = relayProgress(p.getInputStream(), progress, start);
      if (p.waitFor() != 0) {
        throw new IllegalStateException("building the base image " + tag + " failed (exit " + p.exitValue() + "): "
            + last + " — needs root, debootstrap and Debian's package archive; or set " + OVERRIDE_ENV
            + " to an image built from chaos/docker/Dockerfile");
      }
      progress.accept(String.format("base image %s built in %.0f s", tag, (System.nanoTime() - start) / 1e9));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while building " + tag, e);
    } finally {
      Files.deleteIfExists(script);
    }
  }

  /** debootstrap prints a line per package step: pass on one line per 10 s plus every other line. */
  private static String relayProgress(InputStream in, Consumer<String> progress, long start) throws IOException {
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String line;
    String last = "";
    int steps = 0;
    long lastShown = start;
    while ((line = r.readLine()) != null) {
      last = line;
      if (!line.startsWith("I: ")) {
        progress.accept("  " + line);
        continue;
      }
      steps++;
      long now = System.nanoTime();
      if ((now - lastShown) / 1_000_000 >= PROGRESS_EVERY_MS) {
        lastShown = now;
        progress.accept(String.format("  [%4.0fs] %d debootstrap steps, now: %s", (now - start) / 1e9, steps, line.substring(3)));
      }
    }
    return last;
  }

  static byte[] recipe() {
    try (InputStream in = BaseImage.class.getResourceAsStream(SCRIPT)) {
      if (in == null) {
        throw new IllegalStateException(SCRIPT + " is missing from the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + SCRIPT, e);
    }
  }

  static String recipeHash() {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(recipe()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}
