package io.plumbline.conformance;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything a conformance run is configured with.
 *
 * @param endpoints client URLs, e.g. {@code http://127.0.0.1:2379}
 * @param groups the groups to run, in order
 * @param reportDir where histories, JUnit XML and HTML go, or null for none
 * @param clients concurrent clients of the linearizability group
 * @param workloadDuration how long the linearizability and serializable workloads run
 * @param seed seeds every random choice of the run
 * @param callTimeout per-call deadline of every unary request
 * @param tls certificate files, or null for plain text
 * @param differential client URLs of a second implementation the robustness group sends the same
 *     requests to (empty: none)
 * @param fuzzBudget how long the robustness group fuzzes
 */
public record SuiteOptions(List<String> endpoints, List<String> groups, Path reportDir, int clients,
    Duration workloadDuration, long seed, Duration callTimeout, Tls tls, List<String> differential,
    Duration fuzzBudget) {

  /** The robustness group's default time budget. */
  public static final Duration DEFAULT_FUZZ_BUDGET = Duration.ofSeconds(60);

  public SuiteOptions {
    endpoints = List.copyOf(endpoints);
    groups = List.copyOf(groups);
    differential = List.copyOf(differential);
  }

  /** Options without a differential implementation, with the default fuzzing budget. */
  public SuiteOptions(List<String> endpoints, List<String> groups, Path reportDir, int clients,
      Duration workloadDuration, long seed, Duration callTimeout, Tls tls) {
    this(endpoints, groups, reportDir, clients, workloadDuration, seed, callTimeout, tls, List.of(), DEFAULT_FUZZ_BUDGET);
  }

  /** The same options writing their report to {@code dir}. */
  public SuiteOptions withReportDir(Path dir) {
    return new SuiteOptions(endpoints, groups, dir, clients, workloadDuration, seed, callTimeout, tls, differential,
        fuzzBudget);
  }

  /**
   * TLS files handed to jetcd.
   *
   * @param caCert trusted CA bundle (PEM), or null for the JVM's default trust
   * @param cert client certificate (PEM), or null
   * @param key client private key (PEM, PKCS#8), or null
   */
  public record Tls(Path caCert, Path cert, Path key) {}
}
