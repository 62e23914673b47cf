package io.plumbline.chaos.runtime.containers;

import io.plumbline.db.HealthProbe;
import io.plumbline.db.StatusProbe;
import io.plumbline.db.MemberCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The reference store in containers: the base image's JRE runs {@link io.plumbline.store.cli.StoreMain} from the
 * very classpath of the JVM running the harness — the shaded {@code cli/target/plumbline.jar} under
 * {@code ./plumbline chaos}, the module's classes and Maven jars under surefire — bind-mounted
 * read-only at the same paths. So containers always run the code that was just built, and the Docker
 * engine must run on this machine (a remote engine cannot see these paths).
 */
public final class ReferenceTarget {
  private ReferenceTarget() {}

  /** The reference store with {@code extraArgs} appended to every member's command line. */
  public static ContainerTarget create(String baseImage, List<String> extraArgs) {
    List<Path> classpath = classpath();
    List<String> mounts = new ArrayList<>();
    for (Path p : classpath) {
      mounts.add("-v");
      mounts.add(p + ":" + p + ":ro");
    }
    // "java" as the container's PATH finds it; a bigger heap than local members (a container runs nothing else)
    List<String> args = MemberCommand.referenceStoreLaunchedBy(
        MemberCommand.referenceStoreJvm("java", List.of("-Xmx384m", "-XX:+UseSerialGC",
            "-Dlogback.configurationFile={log-config}"), String.join(":", classpath.stream().map(Path::toString).toList())),
        "{listen-client-url}", "{listen-peer-url}", extraArgs).args();
    return new ContainerTarget("reference", baseImage, args, mounts, StatusProbe.grpc(Duration.ofSeconds(2)), true);
  }

  /**
   * The entries of {@code java.class.path} that exist, with the {@code Class-Path} of manifest-only
   * jars (surefire's booter) expanded.
   */
  static List<Path> classpath() {
    Set<Path> out = new LinkedHashSet<>();
    for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      if (e.isBlank()) {
        continue;
      }
      Path p = Path.of(e).toAbsolutePath().normalize();
      if (Files.exists(p)) {
        out.add(p);
        out.addAll(manifestClassPath(p));
      }
    }
    return List.copyOf(out);
  }

  private static List<Path> manifestClassPath(Path jar) {
    if (!Files.isRegularFile(jar) || !jar.toString().endsWith(".jar")) {
      return List.of();
    }
    try (JarFile f = new JarFile(jar.toFile())) {
      Manifest m = f.getManifest();
      String cp = m == null ? null : m.getMainAttributes().getValue("Class-Path");
      if (cp == null) {
        return List.of();
      }
      List<Path> out = new ArrayList<>();
      for (String u : cp.trim().split("\\s+")) {
        Path p = u.startsWith("file:") ? Path.of(URI.create(u)) : jar.getParent().resolve(u);
        if (Files.exists(p)) {
          out.add(p.toAbsolutePath().normalize());
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the manifest of " + jar, e);
    }
  }
}
