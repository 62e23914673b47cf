package io.plumbline.chaos.controlplane;

import io.plumbline.chaos.workload.Workload.Verdict;
import io.plumbline.checker.Validity;
import io.plumbline.common.UserError;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** What {@code ./plumbline chaos --workload control-plane[-unfenced]} runs. */
public final class ControlPlaneChaosCommand {
  private ControlPlaneChaosCommand() {}

  /** Exit code: 0 valid, 1 invalid, 3 unknown. */
  public static int run(String workload, String target, Duration duration, int clients, Long seed,
      Path report, Path haproxyBinary, PrintWriter out) throws Exception {
    boolean fencing = switch (workload) {
      case "control-plane" -> true;
      case "control-plane-unfenced" -> false;
      default -> throw new UserError("--workload: unknown workload '" + workload + "'");
    };
    if (!target.equals("reference") && !target.equals("etcd")) {
      throw new UserError("--target: the control-plane workload runs on reference or etcd, got '"
          + target + "'");
    }
    long s = seed != null ? seed : System.nanoTime() & 0x7fffffffffffL;
    Path root = Path.of(System.getProperty("plumbline.root", "."));
    Path dir = (report != null ? report : root.resolve("store/chaos/" + LocalDateTime.now()
        .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-seed" + s)).toAbsolutePath();
    CpOptions o = new CpOptions(s, duration, clients, 8, fencing, target, 4_000, 3_000, 1_000, dir);
    out.printf("chaos: control plane on %s, workload %s, %d clients, %ds, seed %d, lease %d/%d/%d"
        + " ms%n", target, workload, clients, duration.toSeconds(), s, o.leaseDurationMs(),
        o.renewDeadlineMs(), o.retryPeriodMs());
    out.flush();
    List<Verdict> verdicts = new ControlPlaneChaos(o, haproxyBinary, line -> {
      out.println(line);
      out.flush();
    }).run();
    for (Verdict v : verdicts) {
      out.printf("%-34s %-8s %s%n", v.checker(), v.validity().word(), v.summary());
      if (!v.details().isEmpty()) {
        out.println("    " + v.details().replace("\n", "\n    "));
      }
    }
    Validity overall = verdicts.stream().anyMatch(v -> v.validity() == Validity.FALSE)
        ? Validity.FALSE : verdicts.stream().allMatch(v -> v.validity() == Validity.TRUE)
        ? Validity.TRUE : Validity.UNKNOWN;
    out.println("verdict: " + overall.word() + "  (report: " + dir.resolve("index.html") + ")");
    out.flush();
    return switch (overall) {
      case TRUE -> 0;
      case FALSE -> 1;
      case UNKNOWN -> 3;
    };
  }
}
