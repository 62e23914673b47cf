package io.plumbline.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad input gives one line naming file:line and what was expected; nothing is guessed. */
class MalformedInputTest {

  private static void assertOneLineError(String text, HistoryFormat format, String where, String expected) {
    assertThatThrownBy(() -> HistoryReader.parse("h.txt", text, format).operations())
        .isInstanceOf(MalformedHistoryException.class)
        .hasMessageStartingWith(where)
        .hasMessageContaining(expected)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void jsonlErrorsNameTheLine() {
    assertOneLineError("{\"process\":0,\"type\":\"invoke\",\"f\":\"read\"}\n{\"process\":0,\"type\":\"done\",\"f\":\"read\"}",
        HistoryFormat.JSONL, "h.txt:2:", "expected \"type\" to be one of invoke, ok, fail, info");
    assertOneLineError("{\"process\":0,\"type\":\"invoke\",\"f\":\"read\"}\n\n{\"process\":0,", HistoryFormat.JSONL,
        "h.txt:3:", "expected one JSON object per line");
    assertOneLineError("{\"process\":-1,\"type\":\"invoke\",\"f\":\"read\"}", HistoryFormat.JSONL, "h.txt:1:",
        "expected \"process\"");
  }

  @Test
  void ednErrorsNameTheLine() {
    assertOneLineError("[{:process 0, :type :invoke, :f :read}\n {:process 0, :type :ok :f :read :value}]",
        HistoryFormat.EDN, "h.txt:2:", "expected an EDN op map");
    assertOneLineError("[{:process 0, :type :invoke, :f :read}\n [:not :a :map]]", HistoryFormat.EDN, "h.txt:2:",
        "expected an op map");
    assertOneLineError("[{:process 0, :type :invoke, :f :read}\n", HistoryFormat.EDN, "h.txt:2:", "expected ']'");
  }

  /** Hostile nesting: the EDN reader recurses per level, so a deep value must end as an input error, not a StackOverflowError. */
  @Test
  void deeplyNestedValuesAreInputErrors() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    assertOneLineError("[{:process 0, :type :invoke, :f :write, :value 1}\n {:process 0, :type :ok, :f :write, :value " + deep + "}]",
        HistoryFormat.EDN, "h.txt:2:", "nested");
    String readable = "[".repeat(1_001) + "]".repeat(1_001);
    assertOneLineError("{:process 0, :type :invoke, :f :write, :value " + readable + "}", HistoryFormat.EDN, "h.txt:1:",
        "nested more than 1000 levels");
    assertOneLineError("{\"process\":0,\"type\":\"invoke\",\"f\":\"write\",\"value\":" + readable + "}", HistoryFormat.JSONL,
        "h.txt:1:", "nesting depth");
  }

  /**
   * A JSON object with a field twice is refused: Jackson alone keeps the last one, so {@code "value":2,"value":1}
   * read 1 and {@code "type":"ok","type":"fail"} a failure, and a history was judged on a guess.
   */
  @Test
  void aFieldTwiceInOneJsonObjectIsAnInputError() {
    assertOneLineError("{\"process\":0,\"type\":\"invoke\",\"f\":\"read\"}\n"
        + "{\"process\":0,\"type\":\"ok\",\"f\":\"read\",\"value\":2,\"value\":1}", HistoryFormat.JSONL, "h.txt:2:",
        "Duplicate field 'value'");
    assertOneLineError("{\"process\":0,\"type\":\"ok\",\"type\":\"fail\",\"f\":\"read\"}", HistoryFormat.JSONL,
        "h.txt:1:", "Duplicate field 'type'");
  }

  /**
   * Events that carry an index must list it rising: the order of lines is the real-time order, so a file sorted
   * by process (here the stale read moved before the write it missed) would otherwise be judged in an order that
   * never happened, and pass.
   */
  @Test
  void indexesThatDoNotRiseAreInputErrors() {
    assertOneLineError("[{:index 2, :process 1, :type :invoke, :f :read, :value nil}\n"
        + " {:index 3, :process 1, :type :ok, :f :read, :value 0}\n"
        + " {:index 0, :process 0, :type :invoke, :f :write, :value 1}\n"
        + " {:index 1, :process 0, :type :ok, :f :write, :value 1}]", HistoryFormat.EDN, "h.txt:3:",
        "index 0 after index 3 on line 2; expected rising indexes");
    assertOneLineError("{\"index\":0,\"process\":0,\"type\":\"invoke\",\"f\":\"read\"}\n"
        + "{\"index\":0,\"process\":0,\"type\":\"ok\",\"f\":\"read\",\"value\":1}", HistoryFormat.JSONL, "h.txt:2:",
        "index 0 after index 0 on line 1");
    assertThat(HistoryReader.parse("h.txt", "[{:index 5, :process 0, :type :invoke, :f :read}\n"
        + " {:index 9, :process 0, :type :ok, :f :read, :value 1}\n {:process 1, :type :invoke, :f :read}]",
        HistoryFormat.EDN).operations()).as("gaps, and events without an index, are fine").hasSize(2);
  }

  /** A process number beyond 64 bits is refused, not wrapped into some other process's number. */
  @Test
  void aProcessNumberBeyondSixtyFourBitsIsAnInputError() {
    assertOneLineError("{\"process\":18446744073709551617,\"type\":\"invoke\",\"f\":\"read\"}", HistoryFormat.JSONL,
        "h.txt:1:", "expected \"process\" to be a non-negative integer");
  }

  @Test
  void porcupineErrorsNameTheLine() {
    assertOneLineError("INFO  jepsen.util - 1\t:invoke\t:read\tnil\nINFO  jepsen.util - 1\t:ok\t:read\tseven",
        HistoryFormat.PORCUPINE_ETCD, "h.txt:2:", "expected 'INFO jepsen.util");
    assertOneLineError("{:process 0, :type :invoke, :f :get, :key \"1\", :value nil}\n{:process 0, :type :ok}",
        HistoryFormat.PORCUPINE_KV, "h.txt:2:", "expected '{:process N");
  }

  @Test
  void pairingErrorsNameTheLine() {
    assertOneLineError("{\"process\":0,\"type\":\"invoke\",\"f\":\"read\"}\n{\"process\":0,\"type\":\"invoke\",\"f\":\"write\",\"value\":1}",
        HistoryFormat.JSONL, "h.txt:2:", "still open; expected a completion first");
    assertOneLineError("{\"process\":0,\"type\":\"ok\",\"f\":\"read\",\"value\":1}", HistoryFormat.JSONL, "h.txt:1:",
        "without an open invocation");
  }

  @Test
  void aLeadingByteOrderMarkIsNotPartOfTheFirstLine() {
    String jsonl = "{\"process\":0,\"type\":\"invoke\",\"f\":\"read\"}\n"
        + "{\"process\":0,\"type\":\"ok\",\"f\":\"read\",\"value\":1}";
    String edn = "[{:process 0, :type :invoke, :f :read}\n {:process 0, :type :ok, :f :read, :value 1}]";
    for (String text : List.of(jsonl, edn)) {
      assertThat(HistoryReader.detect("h.txt", "\uFEFF" + text)).isEqualTo(HistoryReader.detect("h.txt", text));
      assertThat(HistoryReader.parse("h.txt", "\uFEFF" + text, null).operations())
          .isEqualTo(HistoryReader.parse("h.txt", text, null).operations());
    }
    assertOneLineError("\uFEFF{\"process\":0,\"type\":\"invoke\",\"f\":\"read\"}\n{\"process\":0,",
        null, "h.txt:2:", "expected one JSON object per line");
  }

  @Test
  void unknownFormatIsRefusedNotGuessed() {
    assertThatThrownBy(() -> HistoryReader.detect("h.txt", "\n\nhello world\n"))
        .hasMessage("h.txt:3: cannot tell the format: expected a JSON object, an EDN vector or map, or a Porcupine log line (or pass --format)");
    assertThatThrownBy(() -> HistoryReader.detect("h.txt", "")).hasMessageContaining("empty file");
  }

  @Test
  void pairingFollowsJepsenRules() {
    History h = new History("h", List.of(
        Op.of(0, "0", OpType.INVOKE, "write", 1L),
        Op.of(0, "nemesis", OpType.INFO, "start", null), // non-client: ignored
        Op.of(0, "1", OpType.INVOKE, "read", null),
        Op.of(0, "0", OpType.INFO, "write", 1L),
        Op.of(0, "2", OpType.INFO, "read", null), // info without invocation: ignored
        Op.of(0, "3", OpType.INVOKE, "cas", List.of(1L, 2L)),
        Op.of(0, "3", OpType.FAIL, "cas", List.of(1L, 2L))));
    List<Operation> ops = h.operations();
    assertThat(ops).extracting(Operation::outcome).containsExactly(
        Operation.Outcome.INDETERMINATE, Operation.Outcome.INDETERMINATE, Operation.Outcome.FAIL);
    assertThat(ops.get(1).completion()).as("never completed").isNull();
    assertThat(ops.get(1).returnIndex()).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void porcupineEtcdLinesGetPorcupinesMeaning() {
    String log = String.join("\n",
        "INFO  jepsen.util - 1\t:invoke\t:cas\t[1 2]",
        "INFO  jepsen.util - 2\t:invoke\t:read\tnil",
        "INFO  jepsen.util - 1\t:fail\t:cas\t[1 2]",
        "INFO  jepsen.util - 2\t:fail\t:read\t:timed-out",
        "INFO  jepsen.util - 3\t:invoke\t:write\t4",
        "INFO  jepsen.util - 3\t:info\t:write\t:timed-out");
    List<Operation> ops = HistoryReader.parse("p", log, HistoryFormat.PORCUPINE_ETCD).operations();
    assertThat(ops.get(0).outcome()).as(":fail :cas is a definite observation").isEqualTo(Operation.Outcome.OK);
    assertThat(ops.get(0).output()).isEqualTo(java.util.Map.of("succeeded", false));
    assertThat(ops.get(1).outcome()).as(":fail :read :timed-out has an unknown result").isEqualTo(Operation.Outcome.INDETERMINATE);
    assertThat(ops.get(2).outcome()).isEqualTo(Operation.Outcome.INDETERMINATE);
    assertThat(ops.get(2).input()).isEqualTo(4L);
  }
}
