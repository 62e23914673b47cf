package io.plumbline.spec.tlc;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.spec.SpecTestFiles;
import io.plumbline.spec.tlc.TlcRunResult.Outcome;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parses TLC -tool output captured from real runs (src/test/resources/tlc-output). */
class TlcOutputParsingTest {

  private static TlcRunResult collect(String resource, int exitCode, List<TlcProgress> progress) {
    TlcResultCollector collector = new TlcResultCollector(progress::add);
    TlcMessageReader.readAll(SpecTestFiles.text("tlc-output/" + resource)).forEach(collector);
    return collector.result(exitCode);
  }

  @Test
  void framesMessagesAndKeepsUnframedLines() {
    List<TlcMessage> messages = TlcMessageReader.readAll("""
        @!@!@STARTMSG 2185:0 @!@!@
        Starting... (2026-11-25 18:55:24)
        @!@!@ENDMSG 2185 @!@!@
        Parsing file /x/Counter.tla
        @!@!@STARTMSG 2229:1 @!@!@
        The invariant Smal specified in the configuration file
        is not defined in the specification.
        @!@!@ENDMSG 2229 @!@!@
        """);
    assertThat(messages).extracting(TlcMessage::code).containsExactly(2185, TlcMessage.UNFRAMED, 2229);
    assertThat(messages.get(2).isError()).isTrue();
    assertThat(messages.get(2).text()).endsWith("is not defined in the specification.");
  }

  @Test
  void violationGivesInvariantTraceAndStatistics() {
    List<TlcProgress> progress = new ArrayList<>();
    TlcRunResult r = collect("election-unfenced-violation.txt", 12, progress);
    assertThat(r.outcome()).isEqualTo(Outcome.INVARIANT_VIOLATED);
    assertThat(r.violated()).isEqualTo("AtMostOneEffectiveLeader");
    assertThat(r.trace()).hasSize(17);
    assertThat(r.trace()).extracting(TraceState::action).startsWith("Initial predicate", "Tick", "Get")
        .endsWith("WriteLands", "WriteLands");
    assertThat(r.trace().get(1).location()).isEqualTo("LeaseElection:176");
    assertThat(r.trace().get(16).variables()).containsEntry("podWrites",
        "<<[term |-> 2, writer |-> c2], [term |-> 1, writer |-> c1]>>");
    assertThat(r.stats().distinct()).isPositive();
    assertThat(r.stats().depth()).isEqualTo(17);
    assertThat(progress).isNotEmpty();
  }

  @Test
  void actionPropertyViolationIsNamedLikeAnInvariant() {
    TlcResultCollector collector = new TlcResultCollector(p -> { });
    TlcMessageReader.readAll("""
        @!@!@STARTMSG 2112:1 @!@!@
        Action property MonotonicCommit is violated.
        @!@!@ENDMSG 2112 @!@!@
        @!@!@STARTMSG 2217:4 @!@!@
        1: <Initial predicate>
        x = 0
        @!@!@ENDMSG 2217 @!@!@
        @!@!@STARTMSG 2186:0 @!@!@
        Finished in 1s at (2026-11-25 18:55:23)
        @!@!@ENDMSG 2186 @!@!@
        """).forEach(collector);
    TlcRunResult r = collector.result(12);
    assertThat(r.outcome()).isEqualTo(Outcome.INVARIANT_VIOLATED);
    assertThat(r.violated()).isEqualTo("MonotonicCommit");
  }

  @Test
  void undefinedInvariantIsAnErrorWithTlcsWords() {
    TlcRunResult r = collect("undefined-invariant-error.txt", 151, new ArrayList<>());
    assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(r.errorText()).contains("The invariant Smal specified in the configuration file");
  }

  @Test
  void parseErrorIsAnErrorWithSanysContext() {
    TlcRunResult r = collect("parse-error.txt", 150, new ArrayList<>());
    assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(r.errorText()).contains("Parsing or semantic analysis failed")
        .contains("Could not parse module Syn");
  }

  @Test
  void outputCutOffMidwayIsAnError() {
    String full = SpecTestFiles.text("tlc-output/election-unfenced-violation.txt");
    TlcResultCollector collector = new TlcResultCollector(p -> { });
    TlcMessageReader.readAll(full.substring(0, full.indexOf("Invariant AtMost"))).forEach(collector);
    TlcRunResult r = collector.result(137);
    assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
    assertThat(r.errorText()).contains("TLC stopped before finishing (exit code 137)");
  }

  @Test
  void progressLineParses() {
    TlcProgress p = TlcProgress.fromProgress("Progress(17) at 2026-11-25 18:51:02: 216,936 states generated "
        + "(216,936 s/min), 81,797 distinct states found (81,797 ds/min), 30,746 states left on queue.");
    assertThat(p).isEqualTo(new TlcProgress(17, 216_936, 81_797, 30_746, 81_797));
    assertThat(TlcProgress.fromProgress("something else")).isNull();
  }
}
