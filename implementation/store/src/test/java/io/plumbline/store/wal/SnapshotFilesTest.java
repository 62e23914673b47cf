package io.plumbline.store.wal;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.raft.Snapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two newest snapshots are kept, so a corrupt newest one falls back to the one before it. */
class SnapshotFilesTest {
  @TempDir Path dir;

  private static Snapshot snap(long index, String data) {
    return new Snapshot(index, 1, data.getBytes(StandardCharsets.UTF_8));
  }

  private Path newest() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().reduce((a, b) -> b).orElseThrow();
    }
  }

  @Test
  void theNewestIntactSnapshotIsLoadedAndTwoAreKept() throws IOException {
    SnapshotFiles files = new SnapshotFiles(dir);
    for (long i = 1; i <= 4; i++) {
      files.save(snap(i * 10, "state " + i));
    }
    try (Stream<Path> s = Files.list(dir)) {
      assertThat(s.count()).as("the two newest are kept").isEqualTo(2);
    }
    assertThat(files.loadNewest()).isEqualTo(snap(40, "state 4"));
    byte[] raw = Files.readAllBytes(newest());
    raw[raw.length - 1] ^= 1;
    Files.write(newest(), raw);
    assertThat(files.loadNewest()).as("a corrupt newest snapshot falls back to the one before")
        .isEqualTo(snap(30, "state 3"));
    Files.write(dir.resolve("snap-0000000000000030-0000000000000001.snap"), new byte[] {1, 2});
    assertThat(files.loadNewest()).as("none intact").isEqualTo(Snapshot.EMPTY);
  }
}
