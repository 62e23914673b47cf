package io.plumbline.conformance;

import java.nio.file.Path;
import java.util.List;

/**
 * A finished run.
 *
 * @param runId the run's id (also its key prefix)
 * @param seed the seed that drove it
 * @param endpoints where it ran
 * @param outcomes every check's outcome, in run order
 * @param reportDir where the report went, or null
 * @param elapsedMillis wall time of the whole run
 */
public record SuiteResult(String runId, long seed, List<String> endpoints, List<CheckOutcome> outcomes, Path reportDir,
    long elapsedMillis) {
  public SuiteResult {
    outcomes = List.copyOf(outcomes);
  }

  /** True when every check passed or hit a documented known deviation. */
  public boolean passed() {
    return outcomes.stream().allMatch(o -> o.verdict().status().acceptable());
  }

  /** How many outcomes have {@code status}, optionally within one group (null for all). */
  public long count(String group, Status status) {
    return outcomes.stream()
        .filter(o -> group == null || o.group().equals(group))
        .filter(o -> o.verdict().status() == status)
        .count();
  }
}
