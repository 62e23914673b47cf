package io.plumbline.conformance.txn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TxnAtomicityTest {
  private static final List<String> KEYS = List.of("x", "y", "z");

  @Test
  void wholeTransactionsPass() {
    List<Snapshot> ok = List.of(new Snapshot("r0", Map.of(), Map.of()),
        new Snapshot("r1", Map.of("x", "1", "y", "1", "z", "1"), Map.of("x", 5L, "y", 5L, "z", 5L)));
    assertThat(TxnAtomicity.verify(KEYS, ok)).isEmpty();
  }

  @Test
  void aPartialTransactionIsCaught() {
    Snapshot partial = new Snapshot("range by reader 1", Map.of("x", "2", "y", "2", "z", "1"),
        Map.of("x", 6L, "y", 6L, "z", 5L));
    assertThat(TxnAtomicity.verify(KEYS, List.of(partial))).singleElement().asString()
        .startsWith("range by reader 1 saw a partial transaction");
  }

  @Test
  void aTransactionVisibleOnSomeKeysOnlyIsCaught() {
    Snapshot partial = new Snapshot("first range", Map.of("x", "1", "y", "1"), Map.of("x", 5L, "y", 5L)); // z absent
    assertThat(TxnAtomicity.verify(KEYS, List.of(partial))).singleElement().asString()
        .startsWith("first range saw a partial transaction");
  }

  @Test
  void aTransactionSplitOverRevisionsIsCaught() {
    Snapshot split = new Snapshot("final range", Map.of("x", "2", "y", "2", "z", "2"), Map.of("x", 6L, "y", 7L, "z", 8L));
    assertThat(TxnAtomicity.verify(KEYS, List.of(split))).singleElement().asString()
        .contains("saw one transaction's writes at different revisions");
  }
}
