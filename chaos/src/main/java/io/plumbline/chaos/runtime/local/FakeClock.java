package io.plumbline.chaos.runtime.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Per-member fake clocks with libfaketime (Debian package {@code faketime}): each member process is
 * started with {@code LD_PRELOAD} of the library and {@code FAKETIME_TIMESTAMP_FILE} naming its own
 * file, which holds the offset ({@code +5s}, {@code -3s}); libfaketime re-reads it at most once per
 * second ({@code FAKETIME_CACHE_DURATION=1}), so skews and jumps can change while the member runs.
 *
 * <p>Both the wall clock and the monotonic clock are shifted: a JVM member's timers (Raft ticks,
 * lease deadlines) run on {@code System.nanoTime()}, i.e. {@code CLOCK_MONOTONIC}, so a forward jump
 * makes its leases and election timers expire early, and the jump back at the heal stalls its
 * ticks for as long. Only programs that read time through libc are affected: Go programs (etcd)
 * read it through the vDSO, so the chaos command refuses the clock nemesis for them.
 */
public final class FakeClock {
  /** Where Debian installs the library (per architecture). */
  private static final List<Path> LIBRARIES = List.of(
      Path.of("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1"),
      Path.of("/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1"),
      Path.of("/usr/lib/faketime/libfaketime.so.1"));

  private final Path library;
  private final Path dir;

  private FakeClock(Path library, Path dir) {
    this.library = library;
    this.dir = dir;
  }

  /** The installed libfaketime, if any. */
  public static Optional<Path> library() {
    return LIBRARIES.stream().filter(Files::isReadable).findFirst();
  }

  /**
   * Fake clocks whose offset files live in {@code dir}; every member starts at offset 0. {@code
   * library} is where the member finds libfaketime: the host's for local processes, the base image's
   * for containers (which see {@code dir} bind-mounted at the same path).
   */
  public static FakeClock in(Path library, Path dir, int members) {
    FakeClock c = new FakeClock(library, dir);
    for (int i = 0; i < members; i++) {
      c.setOffsetSeconds(i, 0);
    }
    return c;
  }

  /** The environment that puts member {@code i}'s process under its fake clock. */
  public Map<String, String> environment(int i) {
    return Map.of("LD_PRELOAD", library.toString(),
        "FAKETIME_TIMESTAMP_FILE", file(i).toString(),
        "FAKETIME_CACHE_DURATION", "1");
  }

  /** Sets member {@code i}'s clock to real time + {@code seconds} (negative: behind); atomic file swap. */
  public void setOffsetSeconds(int i, long seconds) {
    Path tmp = dir.resolve("m" + i + ".faketime.tmp");
    try {
      Files.writeString(tmp, (seconds >= 0 ? "+" : "") + seconds + "s\n", StandardCharsets.US_ASCII);
      Files.move(tmp, file(i), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the fake clock of member " + i, e);
    }
  }

  private Path file(int i) {
    return dir.resolve("m" + i + ".faketime");
  }
}
