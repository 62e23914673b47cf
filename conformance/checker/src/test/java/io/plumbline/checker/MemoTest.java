package io.plumbline.checker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The memo compares linearized sets exactly, window position included, when their hashes collide: the
 * search hands it Zobrist hashes, which two different sets share only by (rare) accident, so a memo that
 * compared only the window's words would pass every search test and still, on such an accident, prune a
 * branch it never explored.
 */
class MemoTest {
  private static final long SAME_HASH = 42;

  @Test
  void setsWithTheSameWordsAtDifferentPositionsAreDifferentSets() {
    Memo memo = new Memo(8, bytes -> true);
    long[] early = {5L, 0L, 0L};   // operations 0 and 2 linearized, nothing from word 1 on
    long[] later = {-1L, 5L, 0L};  // all of word 0, then operations 64 and 66
    assertThat(memo.add(SAME_HASH, early, "s")).isTrue();
    assertThat(memo.add(SAME_HASH, later, "s")).as("a different set, though its window holds the same word").isTrue();
    assertThat(memo.add(SAME_HASH, later.clone(), "s")).as("the same set again").isFalse();
    assertThat(memo.add(SAME_HASH, new long[] {5L, 0L, 1L}, "s")).as("a longer window").isTrue();
    assertThat(memo.size()).isEqualTo(3);
  }

  @Test
  void equalSetsWithDifferentStatesAreDifferentEntries() {
    Memo memo = new Memo(8, bytes -> true);
    assertThat(memo.add(SAME_HASH, new long[] {3L}, "a")).isTrue();
    assertThat(memo.add(SAME_HASH, new long[] {3L}, "b")).isTrue();
    assertThat(memo.add(SAME_HASH, new long[] {3L}, "a")).isFalse();
  }
}
