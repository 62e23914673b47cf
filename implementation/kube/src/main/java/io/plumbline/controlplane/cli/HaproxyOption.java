package io.plumbline.controlplane.cli;

import io.plumbline.common.UserError;
import io.plumbline.controlplane.UpOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --haproxy-binary}, one option for every command that starts a control plane ({@code up},
 * {@code chaos --workload control-plane}).
 */
public final class HaproxyOption {
  @Option(names = "--haproxy-binary", defaultValue = "/usr/sbin/haproxy", description = "HAProxy "
      + "program in front of the API servers; 'up' without it sends clients to the first API "
      + "server, the control-plane chaos workload refuses to run (default: ${DEFAULT-VALUE}).")
  Path binary = UpOptions.HAPROXY;

  /** The program as given; it may be missing ({@code up} then runs without a load balancer). */
  public Path binary() {
    return binary;
  }

  /** The program; a {@link UserError} naming the option and the package when it is missing. */
  public Path required(String who) {
    if (!Files.isExecutable(binary)) {
      throw new UserError("--haproxy-binary: " + binary + " is not an executable program, and "
          + who + " needs HAProxy in front of the API servers; install it with "
          + "'apt-get install haproxy' or name it with --haproxy-binary");
    }
    return binary;
  }
}
