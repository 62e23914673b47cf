package io.plumbline.checker;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.checker.model.Models;
import io.plumbline.history.History;
import io.plumbline.history.HistoryFormat;
import io.plumbline.history.HistoryReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A plain {@code check-history FILE} picks the model the file's operations imply. */
class DefaultModelTest {

  private static String inferred(Path f) throws Exception {
    HistoryFormat format = HistoryReader.detect(f.toString(), Files.readString(f));
    History h = HistoryReader.read(f, format);
    return Models.inferName(h, format);
  }

  @Test
  void ownHistoriesImplyTheirModel() throws Exception {
    Path root = OwnHistoriesTest.resources();
    for (String model : Models.NAMES) {
      try (Stream<Path> files = Files.walk(root.resolve(model)).filter(Files::isRegularFile)) {
        for (Path f : files.toList()) {
          String expected = model.equals("register") ? "cas-register" : model; // read/write alone: cas-register
          assertThat(inferred(f)).as(f.toString()).isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void sharedHistoriesImplyTheModelsTheirFormatsDescribe() throws Exception {
    Path root = ManifestVerdictsTest.historiesRoot();
    assertThat(inferred(root.resolve("porcupine/jepsen/etcd_000.log"))).isEqualTo("etcd");
    assertThat(inferred(root.resolve("porcupine/kv/c01-ok.txt"))).isEqualTo("kv");
    assertThat(inferred(root.resolve("knossos/mutex/bad/etcd.edn"))).isEqualTo("mutex");
    assertThat(inferred(root.resolve("knossos/multi-register/good/multi-register.edn"))).isEqualTo("multi-register");
    assertThat(inferred(root.resolve("knossos/cas-register/bad/bad-analysis.edn"))).isEqualTo("cas-register");
  }
}
