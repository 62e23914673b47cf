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
 */
public record SuiteOptions(List<String> endpoints, List<String> groups, Path reportDir, int clients,
    Duration workloadDuration, long seed, Duration callTimeout, Tls tls) {

  public SuiteOptions {
    endpoints = List.copyOf(endpoints);
    groups = List.copyOf(groups);
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
