package io.plumbline.common.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plumbline.common.UserError;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationsTest {
  @Test
  void readsMillisecondsSecondsAndMinutes() {
    assertThat(Durations.parse("--d", "500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("--d", " 30s ")).isEqualTo(Duration.ofSeconds(30));
    assertThat(new Durations.Converter().convert("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(Durations.parse("--d", "1h")).isEqualTo(Duration.ofHours(1));
    assertThat(Durations.parse("--d", "90")).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void refusesOtherFormsNamingTheFlag() {
    assertThatThrownBy(() -> Durations.parse("--duration", "soon")).isInstanceOf(UserError.class)
        .hasMessage("--duration: 'soon' is not a duration; expected e.g. 500ms, 30s or 2m");
    assertThatThrownBy(() -> Durations.parse("--duration", "-5s")).isInstanceOf(UserError.class);
    assertThatThrownBy(() -> Durations.parse("--duration", "99999999999999999999s")).isInstanceOf(UserError.class);
    assertThatThrownBy(() -> new Durations.Converter().convert("1d")).isInstanceOf(TypeConversionException.class);
  }
}
