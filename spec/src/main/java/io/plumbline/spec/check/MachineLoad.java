package io.plumbline.spec.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;

/**
 * The machine's 1-minute load average, recorded next to every measurement: TLC's speed on a shared
 * 2-core machine depends on it far more than on anything in the model.
 */
public final class MachineLoad {
  private static final Path LOADAVG = Path.of("/proc/loadavg");

  private MachineLoad() {}

  /** The 1-minute load average, when the system tells it (Linux's /proc/loadavg, or the JVM's). */
  public static OptionalDouble oneMinute() {
    try {
      String first = Files.readString(LOADAVG).trim().split("\\s+")[0];
      return OptionalDouble.of(Double.parseDouble(first));
    } catch (IOException | RuntimeException e) {
      double jvm = java.lang.management.ManagementFactory.getOperatingSystemMXBean()
          .getSystemLoadAverage();
      return jvm < 0 ? OptionalDouble.empty() : OptionalDouble.of(jvm);
    }
  }
}
