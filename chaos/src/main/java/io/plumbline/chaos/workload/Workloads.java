package io.plumbline.chaos.workload;

import io.plumbline.common.UserError;
import java.time.Duration;

/** The workloads {@code --workload} accepts. */
public final class Workloads {
  private Workloads() {}

  public static Workload create(String name, Duration opTimeout) {
    return switch (name) {
      case "register" -> new RegisterWorkload("/plumbline/register/", opTimeout);
      default -> throw new UserError("--workload: unknown workload '" + name + "'; expected register");
    };
  }
}
