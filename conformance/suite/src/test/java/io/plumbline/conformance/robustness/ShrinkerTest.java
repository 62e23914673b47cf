package io.plumbline.conformance.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.TxnRequest;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The shrinker reduces nesting and drops fields that do not matter to the failure. */
class ShrinkerTest {
  @Test
  void aDeepChainShrinksToTheFewestLevelsThatStillFail() {
    Generator g = new Generator(new Random(1), "/s/");
    FuzzRequest deep = FuzzRequest.unary(Methods.TXN, g.chain(30), "txn");
    // the "bug": any txn nested 3 or more levels deep
    FuzzRequest small = Shrinker.shrink(deep, r -> depth(parse(r)) >= 3, 500);
    TxnRequest t = parse(small);
    assertThat(depth(t)).isEqualTo(3);
    assertThat(small.sizeBytes()).isLessThan(deep.sizeBytes() / 5);
  }

  @Test
  void junkBytesShrinkByHalving() {
    FuzzRequest junk = new FuzzRequest(Methods.PUT, java.util.List.of(ByteString.copyFrom(new byte[64])), "junk");
    FuzzRequest small = Shrinker.shrink(junk, r -> r.sizeBytes() >= 5, 100);
    assertThat(small.sizeBytes()).isEqualTo(5);
  }

  @Test
  void theSameSeedGivesTheSameRequests() {
    for (int i = 0; i < 200; i++) {
      Generator a = new Generator(new Random(i), "/s/");
      Generator b = new Generator(new Random(i), "/s/");
      assertThat(a.next()).isEqualTo(b.next());
    }
  }

  private static TxnRequest parse(FuzzRequest r) {
    return (TxnRequest) Methods.parseRequest(r.method(), r.messages().get(0));
  }

  private static int depth(TxnRequest t) {
    int d = 0;
    for (var op : t.getSuccessList()) {
      if (op.hasRequestTxn()) {
        d = Math.max(d, depth(op.getRequestTxn()));
      }
    }
    return d + 1;
  }
}
