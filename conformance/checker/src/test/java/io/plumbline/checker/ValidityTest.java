package io.plumbline.checker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The combination of partition (and checker) verdicts: one unknown part never makes the whole valid. */
class ValidityTest {

  @Test
  void anyInvalidWinsThenAnyUnknown() {
    for (Validity a : Validity.values()) {
      for (Validity b : Validity.values()) {
        Validity expected = a == Validity.FALSE || b == Validity.FALSE ? Validity.FALSE
            : a == Validity.UNKNOWN || b == Validity.UNKNOWN ? Validity.UNKNOWN : Validity.TRUE;
        assertThat(a.and(b)).as("%s and %s", a, b).isEqualTo(expected);
      }
    }
  }
}
