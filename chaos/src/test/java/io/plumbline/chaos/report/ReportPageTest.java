package io.plumbline.chaos.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plumbline.chaos.nemesis.FaultKind;
import io.plumbline.chaos.nemesis.TimelineEntry;
import io.plumbline.chaos.run.RunResult;
import io.plumbline.chaos.workload.RegisterWorkload;
import io.plumbline.chaos.workload.Workload;
import io.plumbline.checker.Validity;
import io.plumbline.history.History;
import io.plumbline.history.Op;
import io.plumbline.history.OpType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The store directory a person reads: a known-bad history (a read on member m2 returns a value
 * overwritten before it began) must give a page that marks that read on the plot and draws its
 * window per process with the members, with readable axis ticks, one label per fault band and the
 * build; a valid history's page marks nothing.
 */
class ReportPageTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Events of a cas-register history on key 0 (and key 1 for a slow write): p2's read is stale. */
  private static History staleRead() {
    List<Op> e = new ArrayList<>();
    add(e, "0", OpType.INVOKE, "write", 1L, 0, 1.000, "m0");
    add(e, "0", OpType.OK, "write", 1L, 0, 1.0006, "m0"); // 0.6 ms
    add(e, "nemesis", OpType.INFO, "start", "partition", null, 1.5, null);
    add(e, "1", OpType.INVOKE, "write", 2L, 0, 2.000, "m1");
    add(e, "1", OpType.OK, "write", 2L, 0, 2.020, "m1"); // 20 ms
    add(e, "2", OpType.INVOKE, "read", null, 0, 3.000, "m2");
    add(e, "2", OpType.OK, "read", 1L, 0, 3.300, "m2"); // 300 ms, returns the overwritten 1
    // the answer named the server that gave it (as an API server's served-by header does)
    Op read = e.remove(e.size() - 1);
    e.add(new Op(read.index(), read.process(), read.type(), read.f(), read.value(), read.key(), read.timeNanos(), null,
        Map.of("member", "m2", "served_by", "server-b")));
    add(e, "3", OpType.INVOKE, "write", 5L, 1, 4.000, "m0");
    add(e, "3", OpType.OK, "write", 5L, 1, 5.500, "m0"); // 1500 ms
    return new History("stale read", e);
  }

  private static void add(List<Op> e, String p, OpType t, String f, Object v, Object key, double s, String member) {
    e.add(new Op(e.size(), p, t, f, v, key == null ? null : Long.valueOf(key.toString()), (long) (s * 1e9),
        null, member == null ? Map.of() : Map.of("member", member)));
  }

  /** A partition from 0.5 s to 2.5 s and a kill from 2.5 s to 4.5 s: back to back. */
  private static List<TimelineEntry> backToBack() {
    return List.of(
        new TimelineEntry(FaultKind.PARTITION, "partition minority [2] cut=[0-2, 1-2]", 500_000_000L,
            2_500_000_000L, 500_000_000L, 2_500_000_000L, null),
        new TimelineEntry(FaultKind.KILL, "kill [1]", 2_500_000_000L, 4_500_000_000L, 2_500_000_000L,
            4_500_000_000L, null));
  }

  private static RunResult run(History h) {
    Workload.Verdict v = new RegisterWorkload("t", Duration.ofSeconds(1)).check(h);
    return new RunResult(h, backToBack(), List.of(v), 6_000_000_000L);
  }

  @Test
  void anInvalidHistorysPageMarksTheFailingOperationAndDrawsItsWindowPerProcess() throws Exception {
    Path dir = Path.of("target", "report-page", "invalid"); // kept, to look at (scripts/screenshot-report)
    RunResult r = run(staleRead());
    assertThat(r.validity()).isEqualTo(Validity.FALSE);
    StoreWriter.write(dir, 7, Map.of("workload", "register"), r);
    String html = Files.readString(dir.resolve("index.html"));

    // the plot: ticks as plain numbers of ms, never 10^2.4; one label per band, even back to back
    for (String tick : List.of("1", "10", "100", "1000")) {
      assertThat(html).containsPattern(Pattern.compile("<text[^>]*>" + tick + "</text>"));
    }
    assertThat(html).doesNotContain("10^");
    assertThat(html).contains(">#1 partition</text>").contains(">#2 kill</text>");
    // the failing operation on the plot, and its window
    assertThat(html).contains(">cannot linearize: p2 read 0 nil -&gt; 1</text>").contains(">failure window</text>");
    // the per-process timeline of the failure window, with the members
    assertThat(html).contains("<div class=lane><div class=label>process 2 · m2 → server-b</div>")
        .contains("<div class=lane><div class=label>process 1 · m1</div>")
        .containsPattern("class='bar stuck[^']*'[^>]*>p2 read 0 nil -&gt; 1<");
    assertThat(html).contains("<tr class=failing><td>2</td><td>m2</td><td>server-b</td>")
        .contains("<tr><td>1</td><td>m1</td><td>not recorded</td>").contains(HtmlPage.MEMBER_NOTE);
    // the build
    BuildInfo build = BuildInfo.current();
    assertThat(build.commit()).matches("[0-9a-f]{40}");
    assertThat(html).contains("<code class=commit>" + build.commit() + "</code>");

    JsonNode results = JSON.readTree(dir.resolve("results.json").toFile());
    assertThat(results.path("commit").asText()).isEqualTo(build.commit());
    // the version comes from the build (Maven filters build.properties), never a placeholder
    assertThat(results.path("plumbline_version").asText()).matches("\\d+\\.\\d+\\.\\d+.*");
    assertThat(results.path("checkers").get(0).path("failing_operation").asText()).isEqualTo("p2 read 0 nil -> 1");
    assertThat(results.path("checkers").get(0).path("failing_served_by").asText()).isEqualTo("server-b");
    assertThat(Files.size(dir.resolve("latency.png"))).isPositive();
  }

  @Test
  void aValidHistorysPageMarksNoFailure() throws Exception {
    Path dir = Path.of("target", "report-page", "valid");
    List<Op> events = new ArrayList<>(staleRead().events());
    events.set(6, new Op(6, "2", OpType.OK, "read", 2L, 0L, 3_300_000_000L, null, Map.of("member", "m2")));
    for (int i = 0; i < 20; i++) { // enough acknowledged writes for a valid verdict (Verdicts.MIN_ACKNOWLEDGED_WRITES)
      add(events, "3", OpType.INVOKE, "write", (long) i, 1L, 5.0 + i * 0.02, null);
      add(events, "3", OpType.OK, "write", (long) i, 1L, 5.01 + i * 0.02, null);
    }
    RunResult r = run(new History("fresh read", events));
    assertThat(r.validity()).isEqualTo(Validity.TRUE);
    StoreWriter.write(dir, 7, Map.of("workload", "register"), r);
    String html = Files.readString(dir.resolve("index.html"));
    assertThat(html).doesNotContain("cannot linearize").doesNotContain("failure window")
        .doesNotContain("<div class=lane>").contains(">#2 kill</text>");
  }
}
