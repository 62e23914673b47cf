package io.plumbline.conformance;

import java.util.List;

/**
 * What a check concluded, with the evidence a person needs to believe it: the operations involved,
 * one per line.
 *
 * @param status pass, fail, known deviation or unknown
 * @param summary one line
 * @param evidence the operations and observations behind the verdict, one per line
 * @param reference for a known deviation (or a documented caveat), where it is written down
 */
public record Verdict(Status status, String summary, List<String> evidence, String reference) {
  public Verdict {
    evidence = List.copyOf(evidence);
  }

  public static Verdict pass(String summary, List<String> evidence) {
    return new Verdict(Status.PASS, summary, evidence, null);
  }

  public static Verdict fail(String summary, List<String> evidence) {
    return new Verdict(Status.FAIL, summary, evidence, null);
  }

  public static Verdict unknown(String summary, List<String> evidence) {
    return new Verdict(Status.UNKNOWN, summary, evidence, null);
  }

  /** A broken guarantee the target documents as a known deviation at {@code reference}. */
  public static Verdict knownDeviation(String summary, String reference, List<String> evidence) {
    return new Verdict(Status.KNOWN_DEVIATION, summary, evidence, reference);
  }

  /** Passes when {@code problems} is empty, else fails listing the problems before the evidence. */
  public static Verdict of(String passSummary, List<String> problems, List<String> evidence) {
    if (problems.isEmpty()) {
      return pass(passSummary, evidence);
    }
    problems = List.copyOf(new java.util.LinkedHashSet<>(problems)); // the same anomaly seen twice is one line
    List<String> all = new java.util.ArrayList<>();
    problems.forEach(p -> all.add("violation: " + p));
    all.addAll(evidence);
    return fail(problems.get(0) + (problems.size() > 1 ? " (+" + (problems.size() - 1) + " more)" : ""), all);
  }

  /** The same verdict with a reference attached (e.g. the API document the check follows). */
  public Verdict withReference(String ref) {
    return new Verdict(status, summary, evidence, ref);
  }
}
