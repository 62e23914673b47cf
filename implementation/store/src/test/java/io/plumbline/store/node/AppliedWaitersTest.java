package io.plumbline.store.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The wait behind every linearizable read ({@code StoreNode.readBarrier}): a read confirmed at
 * read index i runs once this member has applied i, not one entry earlier (it would miss a write
 * committed before the read began), and as soon as it has (else it waits for a later write).
 */
class AppliedWaitersTest {

  @Test
  void aReadRunsOnlyOnceItsIndexIsAppliedAndThenAtOnce() {
    AppliedWaiters w = new AppliedWaiters();
    List<String> ran = new ArrayList<>();
    w.await(5, 4, () -> ran.add("read@5"));
    assertThat(ran).as("applied 4 < read index 5").isEmpty();
    w.await(4, 4, () -> ran.add("read@4"));
    assertThat(ran).as("applied 4 = read index 4").containsExactly("read@4");
    w.await(7, 4, () -> ran.add("read@7"));
    w.release(6);
    assertThat(ran).as("applied 6 releases index 5 only").containsExactly("read@4", "read@5");
    w.release(7);
    assertThat(ran).containsExactly("read@4", "read@5", "read@7");
  }
}
