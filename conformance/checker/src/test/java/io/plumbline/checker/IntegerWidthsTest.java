package io.plumbline.checker;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.checker.model.Models;
import io.plumbline.history.History;
import io.plumbline.history.Op;
import io.plumbline.history.OpType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Numbers of any boxed width are one value: a Java caller recording ints (or passing an int
 * {@code --init}) and a reader producing longs must not disagree about 0 == 0.
 */
class IntegerWidthsTest {

  @Test
  void anIntInitialValueAndAnIntWriteEqualLongReads() {
    History h = new History("widths", List.of(
        Op.of(0, "0", OpType.INVOKE, "read", null), Op.of(0, "0", OpType.OK, "read", 0L),
        Op.of(0, "1", OpType.INVOKE, "write", 2), Op.of(0, "1", OpType.OK, "write", 2),
        Op.of(0, "0", OpType.INVOKE, "read", null), Op.of(0, "0", OpType.OK, "read", 2L)));
    CheckResult r = LinearizabilityChecker.check(h, Models.create("register", 0), Budget.ofTimeout(Duration.ofSeconds(10)));
    assertThat(r.validity()).as(String.valueOf(r.reason())).isEqualTo(Validity.TRUE);
  }
}
