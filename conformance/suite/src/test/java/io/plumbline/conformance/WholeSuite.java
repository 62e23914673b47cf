package io.plumbline.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.GetOption;
import io.plumbline.db.LocalCluster;
import io.plumbline.history.History;
import io.plumbline.history.HistoryFormat;
import io.plumbline.history.HistoryReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;

/**
 * The whole suite against a running cluster, as a user's shared store would be: another tenant's
 * keys exist before the run and another client keeps writing during it. Every group must pass (a
 * known deviation, printed with its reference, is allowed), the run must leave none of its keys
 * behind, and the report directory must hold readable histories, JUnit XML and HTML.
 */
final class WholeSuite {
  private WholeSuite() {}

  /** Runs every group against {@code cluster} while another tenant writes; asserts all pass and the report. */
  static void passesOnSharedStore(LocalCluster cluster, Path report) throws Exception {
    AtomicBoolean running = new AtomicBoolean(true);
    Thread otherTenant = new Thread(() -> otherTenantWrites(cluster, running), "other-tenant");
    try (Client c = Client.builder().endpoints(cluster.clientUrls().toArray(String[]::new)).build()) {
      for (int i = 0; i < 20; i++) {
        c.getKVClient().put(Session.bytes("/other-tenant/k" + i), Session.bytes("before")).get(10, TimeUnit.SECONDS);
      }
    }
    otherTenant.start();
    try {
      checkSuite(cluster, report);
    } finally {
      running.set(false);
      otherTenant.join();
    }
    try (Client c = Client.builder().endpoints(cluster.clientUrls().toArray(String[]::new)).build()) {
      long left = c.getKVClient().get(Session.bytes("/plumbline-conformance/"), GetOption.builder().isPrefix(true)
          .withCountOnly(true).build()).get(10, TimeUnit.SECONDS).getCount();
      assertThat(left).as("keys the run left behind").isZero();
    }
  }

  /** Another client of the same store, writing outside the run's prefix until told to stop. */
  private static void otherTenantWrites(LocalCluster cluster, AtomicBoolean running) {
    try (Client c = Client.builder().endpoints(cluster.clientUrls().toArray(String[]::new)).build()) {
      for (int i = 0; running.get(); i++) {
        try {
          c.getKVClient().put(Session.bytes("/other-tenant/k" + (i % 20)), Session.bytes("v" + i)).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
          // the other tenant's errors are not the suite's business
        }
      }
    }
  }

  private static void checkSuite(LocalCluster cluster, Path report) throws Exception {
    SuiteOptions options = new SuiteOptions(cluster.clientUrls(), ConformanceSuite.GROUPS, report, 10,
        Duration.ofSeconds(5), 42, Duration.ofSeconds(5), null);
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    SuiteResult r = ConformanceSuite.run(options, ConformanceSuite.newRunId(42), new ConsoleReport(
        new PrintStream(console, true, StandardCharsets.UTF_8)));
    new ConsoleReport(new PrintStream(console, true, StandardCharsets.UTF_8)).summary(r);
    String printed = console.toString(StandardCharsets.UTF_8);
    System.out.println(printed);

    assertThat(r.outcomes().stream().map(CheckOutcome::group).collect(Collectors.toSet()))
        .containsExactlyInAnyOrderElementsOf(ConformanceSuite.GROUPS);
    assertThat(r.outcomes()).as(printed).allMatch(o -> o.verdict().status().acceptable());
    assertThat(r.passed()).isTrue();
    assertThat(printed).contains("conformance: PASS").containsPattern("(?m)^total\\s+" + r.outcomes().size());

    Document junit = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.resolve("junit.xml").toFile());
    assertThat(junit.getElementsByTagName("testcase").getLength()).isEqualTo(r.outcomes().size());
    assertThat(junit.getElementsByTagName("failure").getLength()).isZero();
    assertThat(Files.readString(report.resolve("index.html"))).contains("linearizability", "kv-history");
    History jsonl = HistoryReader.read(report.resolve("linearizability.jsonl"));
    History edn = HistoryReader.read(report.resolve("linearizability.edn"), HistoryFormat.EDN);
    assertThat(jsonl.size()).isGreaterThan(100).isEqualTo(edn.size());
  }
}
