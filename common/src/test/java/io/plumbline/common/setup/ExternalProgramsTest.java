package io.plumbline.common.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fresh machine has only what Debian ships plus what the set-up ({@code scripts/test}) installs.
 * This test finds every program the code and scripts start and fails, naming the program and the
 * file that starts it, when neither provides it.
 */
class ExternalProgramsTest {
  private static final Path ROOT = Path.of(System.getProperty("plumbline.root", "..")).toAbsolutePath().normalize();
  private static List<ProgramReference> started;
  private static Set<String> base;

  @BeforeAll
  static void scan() throws Exception {
    started = RepositoryPrograms.scan(ROOT);
    base = BasePrograms.onDebian();
  }

  @Test
  void everyProgramTheCodeStartsIsInstalledByTheSetUp() throws IOException {
    Map<String, String> setUp = SetupScript.provided(ROOT);
    System.out.println("programs the code starts (set-up package or 'debian base'):");
    started.stream().collect(Collectors.groupingBy(ProgramReference::program, java.util.TreeMap::new, Collectors.toList()))
        .forEach((program, refs) -> System.out.printf("  %-12s %-24s %d place(s), e.g. %s%n", program,
            setUp.getOrDefault(program, base.contains(program) ? "debian base" : "MISSING"), refs.size(), refs.get(0)));
    List<ProgramReference> missing = RepositoryPrograms.unprovided(started, setUp.keySet(), base);
    assertThat(missing)
        .as("programs the code starts that a fresh machine lacks and scripts/test does not install "
            + "(add `ensure_command PROGRAM DEBIAN-PACKAGE` to scripts/test)")
        .isEmpty();
  }

  /** The scan is not blind: it sees the programs this repository is known to start, each where it is. */
  @Test
  void scanFindsTheProgramsTheRepositoryStarts() {
    Set<String> programs = started.stream().map(ProgramReference::program).collect(Collectors.toSet());
    assertThat(programs).contains("haproxy", "etcd", "etcdctl", "kubectl", "docker", "dockerd", "debootstrap", "java");
    assertThat(base).contains("bash", "tar", "apt-get").doesNotContain("haproxy", "dockerd", "etcd");
  }

  /** Removing one program from a scratch copy of the set-up makes the check fail and name it. */
  @Test
  void bitesWhenTheSetUpForgetsAProgram(@TempDir Path scratch) throws IOException {
    copyScripts(scratch);
    Path test = scratch.resolve("scripts/test");
    String without = Files.readString(test).replaceAll("(?m)^ensure_command haproxy .*$", "");
    Files.writeString(test, without);
    Map<String, String> provided = SetupScript.provided(scratch);
    assertThat(provided).doesNotContainKey("haproxy").containsKey("dockerd");

    List<ProgramReference> missing = RepositoryPrograms.unprovided(started, provided.keySet(), base);
    assertThat(missing).isNotEmpty().allMatch(r -> r.program().equals("haproxy"));
    assertThat(missing).anyMatch(r -> r.file().endsWith(".java") && r.line() > 0);
  }

  @Test
  void javaLaunchesAreFoundThroughLiteralsConstantsAndCommandLists() {
    String src = """
        class X {
          static final String TOOL = "/usr/bin/etcdctl"; // a comment naming "/usr/bin/ignored" is not code
          void a() throws Exception {
            new ProcessBuilder("socat", "-").start();
            new ProcessBuilder(TOOL, "get").start();
            List<String> cmd = new ArrayList<>();
            cmd.add("tcpdump");
            new ProcessBuilder(cmd).start();
            List<String> argv = new ArrayList<>(List.of("ip", "netns"));
            new ProcessBuilder(argv).start();
            /* new ProcessBuilder("commented-out") */
          }
        }
        """;
    List<String> found = JavaProgramScanner.scan("X.java", src, JavaProgramScanner.constants(src)).stream()
        .map(ProgramReference::program).collect(Collectors.toList());
    assertThat(found).containsExactlyInAnyOrder("etcdctl", "socat", "etcdctl", "tcpdump", "ip");
  }

  @Test
  void shellCommandsAreFoundPastKeywordsWrappersAndSubstitutions() {
    String script = """
        #!/usr/bin/env bash
        helper() { echo hi; }
        command -v haproxy >/dev/null || helper
        nohup dockerd >>log 2>&1 &
        x="$(dirname "$0")"; for i in $(seq 1 3); do timeout 5 etcdctl get a | grep -E '(a|b) | sort'; done
        cat <<EOF
        notaprogram --flag
        EOF
        if ! kill -0 1; then /usr/sbin/iptables -L; fi
        awk '
          { getline l < f; next }' file
        # plumbline:optional go (only with a Go toolchain)
        command -v go && go version
        """;
    List<String> found = ShellProgramScanner.scan("s", script, ShellProgramScanner.functions(script)).stream()
        .map(ProgramReference::program).collect(Collectors.toList());
    assertThat(found).containsExactlyInAnyOrder("dockerd", "dirname", "seq", "etcdctl", "grep", "cat", "iptables", "awk");
  }

  private static void copyScripts(Path scratch) throws IOException {
    try (Stream<Path> all = Files.walk(ROOT.resolve("scripts"))) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path to = scratch.resolve(ROOT.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
  }
}
