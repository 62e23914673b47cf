package io.plumbline.chaos.controlplane;

import io.plumbline.chaos.workload.Workload.Verdict;
import io.plumbline.history.History;
import java.util.List;

/**
 * What {@link CpWorkload} needs from the control plane it runs on: {@code up}'s processes behind
 * HAProxy ({@link ControlPlaneChaos}) or API servers and controller managers in this JVM
 * ({@link InProcessControlPlane}).
 */
interface CpPlane {
  /** Where the checks read the cluster and the pod watch runs. */
  String readUrl();

  /** The name of {@link #readUrl()} in the history. */
  String readName();

  /** The API server's name for its {@code host:port} identity (the served-by header), or the identity itself. */
  String serverName(String identity);

  /** Every takeover a controller fault caused, after waiting for measurements still running. */
  List<CpNemesis.Takeover> takeovers() throws InterruptedException;

  /** The fencing verdict; {@code readBack}: the stamped creations the pod watch saw. */
  Verdict fencing(History history, List<FencingOracle.StampedWrite> readBack);
}
