package io.plumbline.store.mvcc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link KeyRange#ORDER} is protobuf's unsigned lexicographical order, which etcd's backend keeps. */
class KeyRangeOrderTest {
  /**
   * A watch matches events with {@link KeyRange#contains}, a range reads keys with {@link KeyRange#slice}: both
   * take [key, range_end), so a watch on a range never sees a key its range read would not return (range_end
   * itself included; a hunt edit making contains inclusive passed every other store test and conformance).
   */
  @Test
  void containsAgreesWithSliceOnEveryKeyOfARange() {
    java.util.TreeMap<ByteString, Integer> keys = new java.util.TreeMap<>(KeyRange.ORDER);
    for (String k : List.of("a", "b", "b0", "c", "c0", "d", "\0", "\u00ff")) {
      keys.put(ByteString.copyFromUtf8(k), 0);
    }
    List<String[]> ranges = List.of(new String[] {"b", "c"}, new String[] {"a", "d"}, new String[] {"c", ""},
        new String[] {"b", "\0"}, new String[] {"\0", "\0"}, new String[] {"\0", "c"});
    for (String[] r : ranges) {
      KeyRange range = new KeyRange(ByteString.copyFromUtf8(r[0]), ByteString.copyFromUtf8(r[1]));
      java.util.Set<ByteString> read = range.slice(keys).keySet();
      for (ByteString k : keys.keySet()) {
        assertThat(range.contains(k)).as("[%s, %s) contains %s", r[0], r[1], k.toStringUtf8())
            .isEqualTo(read.contains(k));
      }
    }
    assertThat(new KeyRange(ByteString.copyFromUtf8("b"), ByteString.copyFromUtf8("c"))
        .contains(ByteString.copyFromUtf8("c"))).as("range_end is excluded").isFalse();
  }

  @Test
  void ordersAsProtobufsUnsignedComparatorDoes() {
    List<ByteString> keys = new ArrayList<>(List.of(ByteString.EMPTY, ByteString.copyFrom(new byte[] {0}),
        ByteString.copyFrom(new byte[] {(byte) 0x7F}), ByteString.copyFrom(new byte[] {(byte) 0x80}),
        ByteString.copyFrom(new byte[] {(byte) 0xFF}), ByteString.copyFromUtf8("k1"), ByteString.copyFromUtf8("k10"),
        ByteString.copyFromUtf8("k1").concat(ByteString.copyFromUtf8("0")))); // a rope, not one array
    Random random = new Random(19);
    for (int i = 0; i < 200; i++) {
      byte[] b = new byte[random.nextInt(4)];
      random.nextBytes(b);
      keys.add(ByteString.copyFrom(b));
    }
    var protobuf = ByteString.unsignedLexicographicalComparator();
    List<String> disagreements = new ArrayList<>();
    for (ByteString a : keys) {
      for (ByteString b : keys) {
        if (Integer.signum(KeyRange.ORDER.compare(a, b)) != Integer.signum(protobuf.compare(a, b))) {
          disagreements.add(a + " vs " + b);
        }
      }
    }
    assertThat(disagreements).isEmpty();
  }
}
