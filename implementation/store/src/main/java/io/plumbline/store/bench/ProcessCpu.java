package io.plumbline.store.bench;

import io.plumbline.common.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * CPU time the kernel has charged to a set of processes (user + system, all threads), read from
 * {@code /proc/PID/stat}: the servers' CPU per operation is the difference over a bench row divided
 * by its operations. Linux only.
 */
public final class ProcessCpu {
  /** USER_HZ, the unit of /proc's times: 100 on every Linux architecture this runs on. */
  private static final double TICKS_PER_SECOND = 100.0;

  private ProcessCpu() {}

  /** Total CPU milliseconds of {@code pids} so far. */
  public static double millis(List<Long> pids) {
    double ticks = 0;
    for (long pid : pids) {
      ticks += ticks(pid);
    }
    return ticks * 1000 / TICKS_PER_SECOND;
  }

  private static long ticks(long pid) {
    Path stat = Path.of("/proc", Long.toString(pid), "stat");
    try {
      String s = Files.readString(stat);
      // fields after the command name (which may hold spaces) start after the last ')'
      String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
    } catch (IOException | RuntimeException e) {
      throw new UserError("--cpu-pids: cannot read " + stat + " (" + e.getMessage() + ")");
    }
  }
}
