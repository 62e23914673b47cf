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
 * @param login user and password every client authenticates with (etcd's {@code --user}), or null for none
 */
public record SuiteOptions(List<String> endpoints, List<String> groups, Path reportDir, int clients,
    Duration workloadDuration, long seed, Duration callTimeout, Tls tls, List<String> differential,
    Duration fuzzBudget, Login login) {

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
    this(endpoints, groups, reportDir, clients, workloadDuration, seed, callTimeout, tls, List.of(), DEFAULT_FUZZ_BUDGET,
        null);
  }

  /** Options without credentials. */
  public SuiteOptions(List<String> endpoints, List<String> groups, Path reportDir, int clients,
      Duration workloadDuration, long seed, Duration callTimeout, Tls tls, List<String> differential,
      Duration fuzzBudget) {
    this(endpoints, groups, reportDir, clients, workloadDuration, seed, callTimeout, tls, differential, fuzzBudget, null);
  }

  /** The same options writing their report to {@code dir}. */
  public SuiteOptions withReportDir(Path dir) {
    return new SuiteOptions(endpoints, groups, dir, clients, workloadDuration, seed, callTimeout, tls, differential,
        fuzzBudget, login);
  }

  /** The same options with every client authenticating as {@code login}. */
  public SuiteOptions withLogin(Login l) {
    return new SuiteOptions(endpoints, groups, reportDir, clients, workloadDuration, seed, callTimeout, tls, differential,
        fuzzBudget, l);
  }

  /**
   * etcd credentials ({@code --user}, {@code --password}). {@link #toString()} hides the password.
   *
   * @param user the user name
   * @param password its password
   */
  public record Login(String user, String password) {
    @Override
    public String toString() {
      return "Login[" + user + ", password hidden]";
    }
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
