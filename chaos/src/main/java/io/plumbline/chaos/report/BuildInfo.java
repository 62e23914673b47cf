package io.plumbline.chaos.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which plumbline made a run: its version (the build's {@code project.version}, which Maven's
 * resource filtering writes into {@code build.properties} beside this class; the jar manifest's
 * when that is missing) and the git commit checked out in the repository it ran from ({@code plumbline.root}, set by
 * {@code ./plumbline} and surefire; else the working directory). The commit is read from the
 * repository's files ({@code HEAD}, the branch's ref file or {@code packed-refs}; worktrees too)
 * rather than by starting {@code git}, which a user's machine need not have. Uncommitted changes
 * are not detected: the commit names what the sources were based on.
 */
public record BuildInfo(String version, String commit) {
  /** What this JVM runs. */
  public static BuildInfo current() {
    Path root = Path.of(System.getProperty("plumbline.root", ".")).toAbsolutePath().normalize();
    return new BuildInfo(buildVersion(), commitOf(root).orElse("unknown"));
  }

  /** The build's version: {@code build.properties} (filtered by Maven), else the manifest's, else unknown. */
  static String buildVersion() {
    try (java.io.InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
      if (in != null) {
        java.util.Properties p = new java.util.Properties();
        p.load(in);
        String v = p.getProperty("version", "");
        if (!v.isEmpty() && !v.startsWith("${")) { // an unfiltered copy names no version
          return v;
        }
      }
    } catch (IOException e) {
      // an unreadable resource: fall back to the manifest
    }
    String v = BuildInfo.class.getPackage().getImplementationVersion();
    return v == null ? "unknown" : v;
  }

  /** The commit checked out at {@code root} or one of its parents; empty when none is found. */
  static Optional<String> commitOf(Path root) {
    try {
      for (Path dir = root; dir != null; dir = dir.getParent()) {
        Path dotGit = dir.resolve(".git");
        if (Files.isDirectory(dotGit)) {
          return headOf(dotGit, dotGit);
        }
        if (Files.isRegularFile(dotGit)) { // a worktree: "gitdir: <main>/.git/worktrees/<name>"
          String line = Files.readString(dotGit).trim();
          if (!line.startsWith("gitdir:")) {
            return Optional.empty();
          }
          Path gitDir = dir.resolve(line.substring("gitdir:".length()).trim()).normalize();
          Path common = Files.isRegularFile(gitDir.resolve("commondir"))
              ? gitDir.resolve(Files.readString(gitDir.resolve("commondir")).trim()).normalize() : gitDir;
          return headOf(gitDir, common);
        }
      }
    } catch (IOException e) {
      return Optional.empty(); // an unreadable repository names no commit
    }
    return Optional.empty();
  }

  /** HEAD of {@code gitDir}: a detached commit, or its branch's ref (loose in {@code common}, else packed). */
  private static Optional<String> headOf(Path gitDir, Path common) throws IOException {
    String head = Files.readString(gitDir.resolve("HEAD")).trim();
    if (!head.startsWith("ref:")) {
      return Optional.of(head);
    }
    String ref = head.substring("ref:".length()).trim();
    for (Path dir : new Path[] {gitDir, common}) {
      Path loose = dir.resolve(ref);
      if (Files.isRegularFile(loose)) {
        return Optional.of(Files.readString(loose).trim());
      }
    }
    Path packed = common.resolve("packed-refs");
    if (Files.isRegularFile(packed)) {
      for (String line : Files.readAllLines(packed)) {
        if (line.endsWith(" " + ref)) {
          return Optional.of(line.substring(0, line.indexOf(' ')));
        }
      }
    }
    return Optional.empty();
  }
}
