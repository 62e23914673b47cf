package io.plumbline.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plumbline.common.UserError;
import io.plumbline.conformance.SuiteOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ConformanceCommandTest {
  private static ConformanceCommand parse(String... args) {
    ConformanceCommand c = new ConformanceCommand();
    new CommandLine(c).parseArgs(args);
    return c;
  }

  @Test
  void flagsBecomeOptions() {
    SuiteOptions o = parse("--endpoints", "http://127.0.0.1:2379, http://127.0.0.1:2381/", "--only", "kv,watch",
        "--clients", "4", "--duration", "500ms", "--seed", "7").options();
    assertThat(o.endpoints()).containsExactly("http://127.0.0.1:2379", "http://127.0.0.1:2381");
    assertThat(o.groups()).containsExactly("kv", "watch");
    assertThat(o.clients()).isEqualTo(4);
    assertThat(o.workloadDuration()).isEqualTo(Duration.ofMillis(500));
    assertThat(o.seed()).isEqualTo(7);
    assertThat(o.callTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(o.tls()).isNull();
  }

  @Test
  void badValuesAreOneLineUserErrorsNamingTheFlag() {
    assertThatThrownBy(() -> parse("--endpoints", "127.0.0.1:2379").options()).isInstanceOf(UserError.class)
        .hasMessageStartingWith("--endpoints: '127.0.0.1:2379' is not a URL");
    assertThatThrownBy(() -> parse("--endpoints", "http://h:1", "--only", "kv,nope").options())
        .isInstanceOf(UserError.class).hasMessageStartingWith("--only: unknown group 'nope'");
    assertThatThrownBy(() -> parse("--endpoints", "http://h:1", "--duration", "soon").options())
        .isInstanceOf(UserError.class).hasMessageStartingWith("--duration: 'soon' is not a duration");
    assertThatThrownBy(() -> parse("--endpoints", "http://h:1", "--clients", "0").options())
        .isInstanceOf(UserError.class).hasMessageStartingWith("--clients: 0 is out of range");
    assertThatThrownBy(() -> parse("--endpoints", "http://h:1", "--cert", "/nonexistent").options())
        .isInstanceOf(UserError.class).hasMessage("--cert needs --key");
  }

  @Test
  void endpointsAndLaunchExcludeEachOtherAndTargetsAreChecked() {
    assertThatThrownBy(() -> parse("--endpoints", "http://h:1", "--launch", "3").call()).isInstanceOf(UserError.class)
        .hasMessage("give either --endpoints URL,… or --launch N, not both");
    assertThatThrownBy(() -> parse("--launch", "3", "--target", "zookeeper").call()).isInstanceOf(UserError.class)
        .hasMessage("--target: unknown target 'zookeeper'; expected reference or etcd");
    assertThatThrownBy(() -> parse("--launch", "0").call()).isInstanceOf(UserError.class)
        .hasMessage("--launch: 0 is out of range 1..9");
  }
}
