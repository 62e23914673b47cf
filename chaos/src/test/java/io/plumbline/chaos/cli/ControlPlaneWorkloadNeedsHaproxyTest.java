package io.plumbline.chaos.cli;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plumbline.common.UserError;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The control-plane workload refuses to run without HAProxy, before it starts anything. */
class ControlPlaneWorkloadNeedsHaproxyTest {
  @Test
  void aMissingHaproxyIsAUserErrorNamingTheOption() {
    ChaosCommand chaos = new ChaosCommand();
    new CommandLine(chaos).parseArgs("--workload", "control-plane", "--haproxy-binary", "/no/such/haproxy");
    assertThatThrownBy(chaos::call).isInstanceOf(UserError.class)
        .hasMessageContaining("--haproxy-binary", "apt-get install haproxy");
  }
}
