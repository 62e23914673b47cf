package io.plumbline.chaos.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each watch guarantee is caught when broken. */
class WatchCheckerTest {
  private static final WatchEventRecord A = new WatchEventRecord(2, "k0", "10");
  private static final WatchEventRecord B = new WatchEventRecord(3, "k1", "11");
  private static final WatchEventRecord C = new WatchEventRecord(4, "k0", "12");
  private static final List<WatchEventRecord> REFERENCE = List.of(A, B, C);

  @Test
  void theReferenceItselfIsValid() {
    assertThat(WatchChecker.problems("w", REFERENCE, REFERENCE)).isEmpty();
  }

  @Test
  void aGapIsCaught() {
    assertThat(WatchChecker.problems("w", List.of(A, C), REFERENCE)).singleElement().asString()
        .contains("reliable").contains("gap");
  }

  @Test
  void aDuplicateIsCaught() {
    assertThat(WatchChecker.problems("w", List.of(A, B, B, C), REFERENCE)).anyMatch(p -> p.contains("unique"));
  }

  @Test
  void goingBackIsCaught() {
    assertThat(WatchChecker.problems("w", List.of(A, C, B), REFERENCE)).anyMatch(p -> p.contains("ordered"));
  }

  @Test
  void stoppingEarlyIsCaught() {
    assertThat(WatchChecker.problems("w", List.of(A), REFERENCE)).singleElement().asString()
        .contains("stopped after 1 of 3");
  }
}
