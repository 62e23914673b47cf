package io.plumbline.chaos.nemesis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Clock jumps are 2–10 s, mostly ahead, sometimes behind, and fixed by the window's seed. */
class ClockOffsetTest {
  @Test
  void offsetsAreTwoToTenSecondsEitherWayAndRepeatableBySeed() {
    List<Long> offsets = LongStream.range(0, 300).map(Nemesis::clockOffsetSeconds).boxed().toList();
    assertThat(offsets).allMatch(s -> Math.abs(s) >= 2 && Math.abs(s) <= 10);
    long behind = offsets.stream().filter(s -> s < 0).count();
    assertThat(behind).isBetween(60L, 140L); // about a third of 300
    assertThat(LongStream.range(0, 300).map(Nemesis::clockOffsetSeconds).boxed().toList()).isEqualTo(offsets);
  }
}
