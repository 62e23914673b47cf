package io.plumbline.store.mvcc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link KeyRange#ORDER} is protobuf's unsigned lexicographical order, which etcd's backend keeps. */
class KeyRangeOrderTest {
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
