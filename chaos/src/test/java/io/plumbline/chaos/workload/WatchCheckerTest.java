package io.plumbline.chaos.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each watch guarantee is caught when broken. */
class WatchCheckerTest {
  private static final WatchEventRecord A = new WatchEventRecord(2, "k0", "10", 1);
  private static final WatchEventRecord B = new WatchEventRecord(3, "k1", "11", 2);
  private static final WatchEventRecord B2 = new WatchEventRecord(3, "k2", "11", 2);
  private static final WatchEventRecord C = new WatchEventRecord(4, "k0", "12", 3);
  private static final List<WatchEventRecord> REFERENCE = List.of(A, B, B2, C);

  @Test
  void theReferenceItselfIsValid() {
    assertThat(WatchChecker.problems("w", REFERENCE, REFERENCE)).isEmpty();
  }

  @Test
  void otherResponseBoundariesBetweenRevisionsAreValid() {
    List<WatchEventRecord> seen = List.of(A, new WatchEventRecord(3, "k1", "11", 1),
        new WatchEventRecord(3, "k2", "11", 1), new WatchEventRecord(4, "k0", "12", 7));
    assertThat(WatchChecker.problems("w", seen, REFERENCE)).isEmpty();
  }

  @Test
  void aGapIsCaught() {
    assertThat(WatchChecker.problems("w", List.of(A, C), REFERENCE)).singleElement().asString()
        .contains("reliable").contains("gap");
  }

  @Test
  void aDuplicateIsCaught() {
    assertThat(WatchChecker.problems("w", List.of(A, B, B2, B, C), REFERENCE)).anyMatch(p -> p.contains("unique"));
  }

  @Test
  void goingBackIsCaught() {
    assertThat(WatchChecker.problems("w", List.of(A, C, B, B2), REFERENCE)).anyMatch(p -> p.contains("ordered"));
  }

  @Test
  void aRevisionSplitOverTwoResponsesIsCaught() {
    List<WatchEventRecord> seen = List.of(A, B, new WatchEventRecord(3, "k2", "11", 3), C);
    assertThat(WatchChecker.problems("w", seen, REFERENCE)).singleElement().asString()
        .contains("atomic: revision 3 split over responses 2 and 3");
  }

  @Test
  void stoppingEarlyIsCaught() {
    assertThat(WatchChecker.problems("w", List.of(A), REFERENCE)).singleElement().asString()
        .contains("stopped after 1 of 4");
  }

  @Test
  void aResumptionThatSkipsARevisionIsCaught() {
    // a watcher that resumed after revision 3 from the wrong place never got B2
    assertThat(WatchChecker.problems("w", List.of(A, B, C), REFERENCE)).singleElement().asString()
        .contains("reliable: event 2");
  }
}
