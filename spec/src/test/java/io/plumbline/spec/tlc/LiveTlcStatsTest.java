package io.plumbline.spec.tlc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.plumbline.spec.SpecTestFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads live counts from a real TLC child while it explores the fenced election model. */
class LiveTlcStatsTest {
  @TempDir Path scratch;

  @Test
  void readsDistinctStatesFromARunningTlc() throws Exception {
    Path election = SpecTestFiles.specDir().resolve("election");
    TlcLauncher launcher = new TlcLauncher(1, "512m");
    Process tlc = ChildProcesses.start(new ProcessBuilder(launcher.command(
        election.resolve("MCLeaseElectionFenced.tla"), election.resolve("MCLeaseElectionFenced.cfg"),
        scratch)).directory(scratch.toFile()).redirectOutput(scratch.resolve("tlc.out").toFile())
        .redirectErrorStream(true));
    AtomicReference<Optional<LiveTlcStats>> stats = new AtomicReference<>(Optional.empty());
    try {
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
        if (stats.get().isEmpty()) {
          stats.set(LiveTlcStats.attach(tlc.pid()));
        }
        return stats.get().flatMap(LiveTlcStats::read).filter(p -> p.distinct() > 0).isPresent();
      });
      TlcProgress p = stats.get().orElseThrow().read().orElseThrow();
      assertThat(p.generated()).isGreaterThanOrEqualTo(p.distinct());
      assertThat(p.depth()).isPositive();
    } finally {
      stats.get().ifPresent(LiveTlcStats::close);
      tlc.destroyForcibly().waitFor();
    }
    assertThat(Files.readString(scratch.resolve("tlc.out"))).contains("@!@!@STARTMSG 2185");
  }
}
