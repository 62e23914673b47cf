package io.plumbline.common.cli;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plumbline.common.UserError;
import org.junit.jupiter.api.Test;

class FlagGroupsTest {
  @Test
  void allOrNoneIsFine() {
    assertThatCode(() -> FlagGroups.together("--cert", "c", "--key", "k")).doesNotThrowAnyException();
    assertThatCode(() -> FlagGroups.together("--cert", null, "--key", null)).doesNotThrowAnyException();
  }

  @Test
  void someButNotAllNamesEveryFlagOfTheGroup() {
    assertThatThrownBy(() -> FlagGroups.together("--cert", "c", "--key", null)).isInstanceOf(UserError.class)
        .hasMessage("--cert and --key go together");
    assertThatThrownBy(() -> FlagGroups.together("--a", null, "--b", "b", "--c", null))
        .hasMessage("--a, --b and --c go together");
  }
}
