package io.plumbline.conformance.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.store.bbolt.BoltWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The snapshot check's fallback reader accepts the store's bbolt files (which etcdctl reads, SnapshotStatusTest)
 * and refuses each kind of damaged meta page.
 */
class BoltMetaPagesTest {
  private static byte[] database() {
    SortedMap<byte[], byte[]> keys = new TreeMap<>(BoltWriter.KEY_ORDER);
    for (int i = 0; i < 300; i++) {
      keys.put(("key-" + i).getBytes(StandardCharsets.UTF_8), new byte[100]);
    }
    SortedMap<byte[], SortedMap<byte[], byte[]>> buckets = new TreeMap<>(BoltWriter.KEY_ORDER);
    buckets.put("key".getBytes(StandardCharsets.UTF_8), keys);
    return BoltWriter.write(buckets, 7);
  }

  @Test
  void aBboltFileThatEtcdctlReadsPasses() {
    assertThat(BoltMetaPages.problems(database())).isEmpty();
  }

  @Test
  void aFlippedMetaByteFailsTheChecksum() {
    byte[] db = database();
    db[BoltWriter.PAGE_SIZE + BoltMetaPages.PAGE_HEADER + 48] ^= 1;   // meta page 1's txid
    assertThat(BoltMetaPages.problems(db)).anyMatch(p -> p.startsWith("meta page 1 checksum"));
  }

  @Test
  void aWrongMagicOrFlagOrTruncationIsNamed() {
    byte[] db = database();
    db[BoltMetaPages.PAGE_HEADER] = 0;
    assertThat(BoltMetaPages.problems(db)).anyMatch(p -> p.startsWith("meta page 0 has magic"));

    byte[] flags = database();
    flags[BoltWriter.PAGE_SIZE + 8] = 0x10;
    assertThat(BoltMetaPages.problems(flags)).anyMatch(p -> p.contains("not 0x04"));

    byte[] whole = database();
    assertThat(BoltMetaPages.problems(Arrays.copyOf(whole, 3 * BoltWriter.PAGE_SIZE)))
        .anyMatch(p -> p.contains("but the file is"));
    assertThat(BoltMetaPages.problems(new byte[10])).singleElement().asString().contains("too short");
  }
}
