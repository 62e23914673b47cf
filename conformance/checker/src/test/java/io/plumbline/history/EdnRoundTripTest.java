package io.plumbline.history;

import static org.assertj.core.api.Assertions.assertThat;

import clojure.java.api.Clojure;
import clojure.lang.IFn;
import io.plumbline.checker.ManifestRows;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** EDN written by plumbline reads back identically, and says the same thing to clojure.edn. */
class EdnRoundTripTest {
  private static final IFn READ_STRING;
  private static final IFn DISSOC_NIL_VALUES;

  static {
    Clojure.var("clojure.core", "require").invoke(Clojure.read("clojure.edn"));
    READ_STRING = Clojure.var("clojure.edn", "read-string");
    // plumbline always writes :value (nil when absent): compare maps without nil :value entries
    DISSOC_NIL_VALUES = (IFn) Clojure.var("clojure.core", "eval").invoke(Clojure.read(
        "(fn [h] (mapv (fn [op] (if (nil? (:value op)) (dissoc op :value) op)) h))"));
  }

  @TestFactory
  List<DynamicTest> everyKnossosHistoryRoundTripsThroughOurWriterAndClojureEdn() throws Exception {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path f : ManifestRows.files("knossos")) {
      tests.add(DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
        History original = HistoryReader.read(f);
        String written = HistoryWriter.toString(original, HistoryFormat.EDN);
        History back = HistoryReader.parse("written", written, HistoryFormat.EDN);
        assertThat(back.events()).isEqualTo(original.events());
        Object fromFile = DISSOC_NIL_VALUES.invoke(READ_STRING.invoke(Files.readString(f)));
        Object fromOurs = DISSOC_NIL_VALUES.invoke(READ_STRING.invoke(written));
        assertThat(fromOurs).isEqualTo(fromFile);
      }));
    }
    return tests;
  }

  @Test
  void valuesOfEveryKindSurviveEdnAndJsonl() {
    Op op = new Op(0, "3", OpType.OK, "txn",
        List.of(List.of(new Keyword("r"), "k\"ey\n", 1L), java.util.Map.of("a", 2.5), java.util.Set.of(true)),
        "key", 123L, 1_700_000_000_000L, java.util.Map.of("error", new Keyword("timed-out"), "note", "x"));
    Op nemesis = Op.of(1, "nemesis", OpType.INFO, "partition", List.of("n1", "n2"));
    History h = new History("mixed", List.of(op, nemesis));
    History edn = HistoryReader.parse("edn", HistoryWriter.toString(h, HistoryFormat.EDN), HistoryFormat.EDN);
    assertThat(edn.events()).isEqualTo(h.events());
    History json = HistoryReader.parse("jsonl", HistoryWriter.toString(edn, HistoryFormat.JSONL), HistoryFormat.JSONL);
    // JSON has no keywords or sets: keywords come back as ":name" strings, sets as lists
    assertThat(json.events().get(0).extra().get("error")).isEqualTo(":timed-out");
    assertThat(json.events().get(0).key()).isEqualTo("key");
    assertThat(json.events().get(0).timeNanos()).isEqualTo(123L);
    assertThat(json.events().get(1)).isEqualTo(nemesis);
  }

  @Test
  void jsonlRoundTripsExactlyForJsonData() {
    History h = SyntheticHistories.kv(7, 200, 5, 4, 10);
    String text = HistoryWriter.toString(h, HistoryFormat.JSONL);
    assertThat(HistoryReader.parse("x", text, HistoryFormat.JSONL).events()).isEqualTo(h.events());
    assertThat(HistoryReader.detect("x", text)).isEqualTo(HistoryFormat.JSONL);
    assertThat(HistoryReader.detect("x", HistoryWriter.toString(h, HistoryFormat.EDN))).isEqualTo(HistoryFormat.EDN);
  }
}
