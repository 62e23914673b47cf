package io.plumbline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check-history} through the real command tree: rows, totals, reports and exit codes. */
class CheckHistoryCliTest {
  @TempDir Path dir;

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  private Path write(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }

  private Path good() throws Exception {
    return write("good.jsonl", """
        {"process":0,"type":"invoke","f":"write","value":1}
        {"process":1,"type":"invoke","f":"read","value":null}
        {"process":0,"type":"ok","f":"write","value":1}
        {"process":1,"type":"ok","f":"read","value":1}
        """);
  }

  private Path bad() throws Exception {
    return write("bad.edn", """
        [{:process 0, :type :invoke, :f :write, :value 1}
         {:process 0, :type :ok, :f :write, :value 1}
         {:process 1, :type :invoke, :f :read, :value nil}
         {:process 1, :type :ok, :f :read, :value 0}]
        """);
  }

  @Test
  void allValidExitsZeroWithARowPerFileAndATotal() throws Exception {
    CliRun r = run("check-history", good().toString());
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("good.jsonl").contains("valid").contains("total: 1 files, 1 valid, 0 invalid, 0 unknown");
  }

  @Test
  void anyInvalidExitsOneAndWritesJsonAndHtmlReports() throws Exception {
    Path reports = dir.resolve("reports");
    CliRun r = run("check-history", good().toString(), bad().toString(), "--report", reports.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.out()).contains("invalid").contains("cas-register: cannot linearize p1 read nil -> 0");
    try (var files = Files.list(reports)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .anyMatch(n -> n.endsWith("bad.edn.html")).anyMatch(n -> n.endsWith("bad.edn.json"))
          .anyMatch(n -> n.endsWith("good.jsonl.json")).noneMatch(n -> n.endsWith("good.jsonl.html"));
    }
  }

  @Test
  void initAndModelOverrideTheDefaults() throws Exception {
    // with initial value 0 the stale read of 0 is still invalid; read of 1 before the write is too
    assertThat(run("check-history", bad().toString(), "--model", "register", "--init", "0").exitCode()).isEqualTo(1);
    Path reads5 = write("r5.jsonl", """
        {"process":0,"type":"invoke","f":"read","value":null}
        {"process":0,"type":"ok","f":"read","value":5}
        """);
    assertThat(run("check-history", reads5.toString()).exitCode()).isEqualTo(1);
    assertThat(run("check-history", reads5.toString(), "--init", "5").exitCode()).isZero();
  }

  @Test
  void tooHardIsUnknownExitThree() throws Exception {
    StringBuilder h = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      h.append("{\"process\":").append(i).append(",\"type\":\"invoke\",\"f\":\"write\",\"value\":").append(i).append("}\n");
    }
    h.append("{\"process\":40,\"type\":\"invoke\",\"f\":\"read\",\"value\":null}\n");
    for (int i = 0; i < 40; i++) {
      h.append("{\"process\":").append(i).append(",\"type\":\"ok\",\"f\":\"write\",\"value\":").append(i).append("}\n");
    }
    h.append("{\"process\":40,\"type\":\"ok\",\"f\":\"read\",\"value\":-1}\n");
    CliRun r = run("check-history", write("hard.jsonl", h.toString()).toString(), "--timeout", "300ms");
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.out()).contains("unknown").contains("timeout after");
  }

  @Test
  void malformedInputIsOneLineNamingFileAndLineExitTwo() throws Exception {
    Path broken = write("broken.jsonl", "{\"process\":0,\"type\":\"invoke\",\"f\":\"read\"}\n{\"process\":0,\"type\":\"okay\",\"f\":\"read\"}\n");
    CliRun r = run("check-history", broken.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err()).contains(broken + ":2: expected \"type\" to be one of invoke, ok, fail, info");
  }

  @Test
  void usageErrorsExitTwo() throws Exception {
    assertThat(run("check-history", good().toString(), "--model", "nope").exitCode()).isEqualTo(2);
    assertThat(run("check-history", good().toString(), "--format", "xml").exitCode()).isEqualTo(2);
    assertThat(run("check-history", good().toString(), "--timeout", "soon").exitCode()).isEqualTo(2);
    assertThat(run("check-history", dir.resolve("missing.edn").toString()).err()).contains("missing.edn: no such file");
    assertThat(run("check-history").exitCode()).isEqualTo(2);
  }

  @Test
  void anEmptyFileIsAnEmptyValidHistoryAndTheBatchGoesOn() throws Exception {
    Path empty = write("etcd_095.log", "");
    Path blank = write("blank.jsonl", "\n  \n");
    CliRun r = run("check-history", good().toString(), empty.toString(), blank.toString(), bad().toString());
    assertThat(r.exitCode()).as("one invalid file, no errors").isEqualTo(1);
    assertThat(r.err()).isEmpty();
    assertThat(r.out().lines().filter(l -> l.contains("etcd_095.log")))
        .singleElement().satisfies(l -> assertThat(l).contains("valid").contains("(empty file: 0 operations)"));
    assertThat(r.out()).contains("total: 4 files, 3 valid, 1 invalid, 0 unknown;");
  }

  @Test
  void strictRefusesAnEmptyFileButStillChecksTheOthers() throws Exception {
    Path empty = write("empty.log", "");
    CliRun r = run("check-history", "--strict", empty.toString(), good().toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("plumbline check-history: " + empty + ": empty file; expected a history (--strict refuses empty files)");
    assertThat(r.out()).contains("good.jsonl").contains("total: 2 files, 1 valid, 0 invalid, 0 unknown, 1 not checked (input errors)");
  }

  @Test
  void unreadableFilesGetTheirOwnErrorLineAndTheOthersTheirVerdicts() throws Exception {
    Path missing = dir.resolve("missing.log");
    Path directory = Files.createDirectory(dir.resolve("a-directory"));
    CliRun r = run("check-history", missing.toString(), good().toString(), directory.toString(), bad().toString());
    assertThat(r.exitCode()).as("an input error outranks the invalid verdict").isEqualTo(2);
    assertThat(r.err().strip().lines()).containsExactly(
        "plumbline check-history: " + missing + ": no such file",
        "plumbline check-history: " + directory + ": is a directory; expected a history file");
    assertThat(r.out().lines().filter(l -> l.contains(" error ")))
        .hasSize(2).anyMatch(l -> l.contains("no such file")).anyMatch(l -> l.contains("is a directory"));
    assertThat(r.out()).contains("cas-register: cannot linearize p1 read nil -> 0")
        .contains("total: 4 files, 1 valid, 1 invalid, 0 unknown, 2 not checked (input errors)");
  }

  @Test
  void aMalformedFileNamesItsLineAndTheOthersStillGetTheirVerdicts() throws Exception {
    Path broken = write("broken.log", "INFO  jepsen.util - 1\t:invoke\t:read\tnil\nINFO  jepsen.util - 1\t:ok\t:read\tseven\n");
    Path unknownFormat = write("notes.txt", "hello world\n");
    CliRun r = run("check-history", good().toString(), broken.toString(), unknownFormat.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err().strip().lines()).hasSize(2)
        .anyMatch(l -> l.startsWith("plumbline check-history: " + broken + ":2: expected 'INFO jepsen.util"))
        .anyMatch(l -> l.startsWith("plumbline check-history: " + unknownFormat + ":1: cannot tell the format"));
    assertThat(r.out().lines().filter(l -> l.contains("broken.log")))
        .singleElement().satisfies(l -> assertThat(l).contains("error").contains("line 2: expected 'INFO jepsen.util"));
    assertThat(r.out()).contains("total: 3 files, 1 valid, 0 invalid, 0 unknown, 2 not checked (input errors)");
  }

  @Test
  void anOperationTheModelCannotReadIsThatFilesErrorOnly() throws Exception {
    Path wrongModel = write("mutex-ops.jsonl", """
        {"process":0,"type":"invoke","f":"acquire"}
        {"process":0,"type":"ok","f":"acquire"}
        """);
    CliRun r = run("check-history", "--model", "register", wrongModel.toString(), good().toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains(wrongModel + ":1:");
    assertThat(r.out()).contains("total: 2 files, 1 valid, 0 invalid, 0 unknown, 1 not checked (input errors)");
  }

  /**
   * A keyed register history as chaos's register workload saves it: each key is its own register,
   * and a read that found its key absent says so. A store that lost the acknowledged write of key 7
   * is invalid on re-check; the same nil read without the mark is Knossos's "unknown" read.
   */
  @Test
  void aReadMarkedAbsentIsJudgedAsAnEmptyRegisterAndKeysAreIndependent() throws Exception {
    String lost = """
        {"process":0,"type":"invoke","f":"write","key":7,"value":3}
        {"process":0,"type":"ok","f":"write","key":7,"value":3}
        {"process":1,"type":"invoke","f":"write","key":8,"value":4}
        {"process":1,"type":"ok","f":"write","key":8,"value":4}
        {"process":1,"type":"invoke","f":"read","key":8,"value":null}
        {"process":1,"type":"ok","f":"read","key":8,"value":4}
        {"process":2,"type":"invoke","f":"read","key":7,"value":null}
        {"process":2,"type":"ok","f":"read","key":7,"value":null%s}
        """;
    CliRun marked = run("check-history", write("lost.jsonl", lost.formatted(",\"absent\":true")).toString());
    assertThat(marked.exitCode()).as(marked.out()).isEqualTo(1);
    assertThat(marked.out()).contains("cas-register: cannot linearize p2 read 7 nil -> nil (key 7)");
    CliRun unmarked = run("check-history", write("knossos-nil.jsonl", lost.formatted("")).toString());
    assertThat(unmarked.exitCode()).as("one register per key, the nil read unknown: " + unmarked.out()).isZero();
  }

  /** The same history saved as EDN: a keyed register history starts absent, not at Knossos's 0. */
  @Test
  void aKeyedEdnRegisterHistoryStartsAbsent() throws Exception {
    Path saved = write("history.edn", """
        [{:process 0, :type :invoke, :f :read, :key 7, :value nil}
         {:process 0, :type :ok, :f :read, :key 7, :value nil, :absent true}
         {:process 0, :type :invoke, :f :write, :key 7, :value 3}
         {:process 0, :type :ok, :f :write, :key 7, :value 3}
         {:process 1, :type :invoke, :f :cas, :key 7, :value [3 4]}
         {:process 1, :type :ok, :f :cas, :key 7, :value [3 4]}]
        """);
    CliRun r = run("check-history", saved.toString());
    assertThat(r.exitCode()).as(r.out()).isZero();
  }
}
