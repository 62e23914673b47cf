package io.plumbline.controlplane.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plumbline.common.UserError;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HaproxyOptionTest {
  @Test
  void upTakesTheOptionAndRunsWithoutAMissingProgram() {
    UpCommand up = new UpCommand();
    new CommandLine(up).parseArgs("--haproxy-binary", "/no/such/haproxy");
    assertThat(up.haproxy.binary()).isEqualTo(Path.of("/no/such/haproxy"));
  }

  @Test
  void aCommandThatRequiresHaproxyNamesTheOptionAndThePackage() {
    UpCommand up = new UpCommand();
    new CommandLine(up).parseArgs("--haproxy-binary", "/no/such/haproxy");
    assertThatThrownBy(() -> up.haproxy.required("the control-plane workload"))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("--haproxy-binary", "/no/such/haproxy", "apt-get install haproxy",
            "the control-plane workload");
  }
}
