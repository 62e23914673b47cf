package io.plumbline.chaos.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.history.History;
import io.plumbline.history.Op;
import io.plumbline.history.OpType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A watch problem names the client write whose event went missing, so the report can mark it. */
class WatchBlameTest {
  @Test
  void theLostWriteIsNamedByItsValue() {
    List<Op> ev = List.of(
        new Op(0, "0", OpType.INVOKE, "put", 7L, "k0", null, null, Map.of()),
        new Op(1, "0", OpType.OK, "put", List.of(7L, 5L), "k0", null, null, Map.of()),
        new Op(2, "1", OpType.INVOKE, "put", 71L, "k0", null, null, Map.of()),
        new Op(3, "1", OpType.OK, "put", List.of(71L, 6L), "k0", null, null, Map.of()));
    History h = new History("w", ev);
    String problem = "watcher@m0 reliable: 1 acknowledged event(s) up to rev 6 never delivered (a silent gap), e.g. "
        + "[rev 6 k0=71]";
    assertThat(WatchChecker.blamedWrite(h, problem).operation().process()).isEqualTo("1");
    assertThat(WatchChecker.blamedWrite(h, "contiguous: 1 revision(s) ... e.g. [4]")).isNull();
  }
}
