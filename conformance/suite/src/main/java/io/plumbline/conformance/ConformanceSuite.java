package io.plumbline.conformance;

import io.plumbline.conformance.kv.KvGroup;
import io.plumbline.conformance.txn.TxnGroup;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Runs the selected groups' checks one after another against a live server and collects the outcomes. */
public final class ConformanceSuite {
  /** Every group, in the order they run. */
  public static final List<String> GROUPS = List.of("kv", "txn", "watch", "lease", "linearizability", "serializable",
      "hostile");
  /**
   * Groups run only when named with {@code --only}: robustness writes odd data and may take a
   * member down, which a run meant to judge the other guarantees must not risk; auth turns etcd's auth on,
   * refusing every client without credentials while it runs.
   */
  public static final List<String> OPT_IN = List.of("robustness", "auth");

  private ConformanceSuite() {}

  /** The group called {@code name}; null when there is none. */
  static CheckGroup group(String name) {
    Supplier<CheckGroup> s = switch (name) {
      case "kv" -> KvGroup::create;
      case "txn" -> TxnGroup::create;
      case "watch" -> io.plumbline.conformance.watch.WatchGroup::create;
      case "lease" -> io.plumbline.conformance.lease.LeaseGroup::create;
      case "linearizability" -> io.plumbline.conformance.linearizability.LinearizabilityGroup::create;
      case "serializable" -> io.plumbline.conformance.serializable.SerializableGroup::create;
      case "hostile" -> io.plumbline.conformance.hostile.HostileGroup::create;
      case "robustness" -> io.plumbline.conformance.robustness.RobustnessGroup::create;
      case "auth" -> io.plumbline.conformance.auth.AuthGroup::create;
      default -> null;
    };
    return s == null ? null : s.get();
  }

  /** A run id: time plus seed, so two runs never share a key prefix. */
  public static String newRunId(long seed) {
    return LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-s" + seed;
  }

  /** Runs every selected group, printing as it goes; writes the report when a directory is set. */
  public static SuiteResult run(SuiteOptions options, String runId, ConsoleReport console) {
    long start = System.nanoTime();
    List<CheckOutcome> outcomes = new ArrayList<>();
    try (Session session = new Session(options, runId)) {
      for (String name : options.groups()) {
        CheckGroup g = group(name);
        if (g == null) {
          throw new IllegalArgumentException("no group " + name);
        }
        for (Check c : g.checks()) {
          CheckOutcome o = runOne(session, g.name(), c);
          outcomes.add(o);
          console.checkFinished(o);
        }
      }
      removeRunKeys(session);
    }
    SuiteResult result = new SuiteResult(runId, options.seed(), options.endpoints(), outcomes, options.reportDir(),
        (System.nanoTime() - start) / 1_000_000);
    if (options.reportDir() != null) {
      ReportWriter.write(result);
    }
    return result;
  }

  /** Leaves a shared store as it found it, apart from revisions: deletes everything under the run's prefix. */
  private static void removeRunKeys(Session s) {
    try {
      s.await("delete " + s.prefix(), s.kv().delete(s.key(""),
          io.etcd.jetcd.options.DeleteOption.builder().isPrefix(true).build()));
    } catch (CallError e) {
      System.err.println("conformance: could not remove the run's keys under " + s.prefix() + ": " + e.getMessage());
    }
  }

  /**
   * Runs one check. A definite client error the check did not expect means the server refused
   * something the API allows: FAIL. An indefinite one (timeout, unavailable) proves nothing: UNKNOWN.
   */
  static CheckOutcome runOne(Session session, String group, Check c) {
    long t0 = System.nanoTime();
    Verdict v;
    try {
      v = c.run(session);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      v = Verdict.unknown("interrupted", List.of());
    } catch (Exception | AssertionError e) {
      v = fromError(e);
    }
    return new CheckOutcome(group, c.name(), c.description(), v, (System.nanoTime() - t0) / 1_000_000);
  }

  private static Verdict fromError(Throwable t) {
    Throwable e = t;
    while (!(e instanceof CallError) && e.getCause() != null && e.getCause() != e) {
      e = e.getCause();
    }
    if (e instanceof CallError call) {
      return call.error().definite()
          ? Verdict.fail("unexpected definite error: " + call.getMessage(), List.of(call.getMessage()))
          : Verdict.unknown("indeterminate error, nothing proven: " + call.getMessage(), List.of(call.getMessage()));
    }
    return Verdict.unknown("check error: " + t, List.of(String.valueOf(t)));
  }
}
