package io.plumbline.chaos.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.checker.Failure;
import io.plumbline.history.History;
import io.plumbline.history.Op;
import io.plumbline.history.OpType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The window of a named operation holds the overlapping operations invoked nearest to it. */
class BadOpTest {
  @Test
  void earlyIndeterminateOperationsDoNotStretchTheWindow() {
    List<Op> ev = new ArrayList<>();
    for (int p = 0; p < 15; p++) { // each crashed: indeterminate, overlapping everything after it
      ev.add(new Op(ev.size(), Integer.toString(p), OpType.INVOKE, "put", (long) p, "k", null, null, Map.of()));
      ev.add(new Op(ev.size(), Integer.toString(p), OpType.INFO, "put", (long) p, "k", null, null, Map.of()));
    }
    ev.add(new Op(ev.size(), "20", OpType.INVOKE, "read", null, "k", null, null, Map.of()));
    ev.add(new Op(ev.size(), "20", OpType.OK, "read", 99L, "k", null, null, Map.of()));
    Failure f = BadOp.first(new History("h", ev), o -> o.f().equals("read"), "read 99, which no one wrote");
    assertThat(f.operation().process()).isEqualTo("20");
    assertThat(f.stateAfterPrefix()).isEqualTo("read 99, which no one wrote");
    assertThat(f.concurrent()).hasSize(12).extracting(o -> o.process()).doesNotContain("0", "1", "2")
        .contains("3", "14");
  }
}
