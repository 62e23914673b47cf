package io.plumbline.chaos.runtime.containers;

import io.plumbline.chaos.runtime.local.FakeClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fake member clocks in containers, with the same semantics as the local runtime's {@link FakeClock}
 * (which it reuses): each member's JVM runs with {@code LD_PRELOAD} of the base image's libfaketime
 * and {@code FAKETIME_TIMESTAMP_FILE} naming its own offset file, re-read at most once a second. The
 * files live in the run's host directory, which every member's container sees bind-mounted read-only
 * at the same path, so the harness moves a clock by rewriting a file on the host (an atomic rename,
 * visible in the container because the directory, not the file, is mounted) — no {@code docker exec}.
 */
final class ContainerClock {
  private final FakeClock clock;

  private ContainerClock(FakeClock clock) {
    this.clock = clock;
  }

  /** Offset files for {@code members} members in {@code runDir}, every clock at +0 s. */
  static ContainerClock in(Path runDir, int members) {
    return new ContainerClock(FakeClock.in(library(), runDir, members));
  }

  /**
   * Where Debian's {@code libfaketime} package puts the library inside the base image. The image is
   * built on this machine from Debian packages, so it has this machine's architecture.
   */
  static Path library() {
    String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
    String multiarch = arch.equals("aarch64") || arch.equals("arm64") ? "aarch64-linux-gnu" : "x86_64-linux-gnu";
    return Path.of("/usr/lib", multiarch, "faketime", "libfaketime.so.1");
  }

  /** {@code docker run} options that put member {@code i} under its fake clock (the run directory is mounted already). */
  List<String> runOptions(int i) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, String> e : clock.environment(i).entrySet()) {
      out.addAll(List.of("-e", e.getKey() + "=" + e.getValue()));
    }
    return out;
  }

  /**
   * True when the library exists in {@code container}. Checked once after start: a missing preload
   * library only makes ld.so print a warning, and the member would run on real time unnoticed (e.g.
   * with an image from {@code PLUMBLINE_CHAOS_BASE_IMAGE} that lacks the package).
   */
  static boolean presentIn(String container) {
    return Docker.call(List.of("exec", container, "test", "-r", library().toString()), null, Duration.ofSeconds(30)).ok();
  }

  /** Sets member {@code i}'s clock to real time + {@code seconds}; the member sees it within a second. */
  void setOffsetSeconds(int i, long seconds) {
    clock.setOffsetSeconds(i, seconds);
  }
}
