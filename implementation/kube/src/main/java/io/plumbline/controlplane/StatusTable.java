package io.plumbline.controlplane;

import io.etcd.jetcd.api.StatusResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The status table {@code up} prints: component, pid, url, state — each state probed now. */
public final class StatusTable {
  private StatusTable() {}

  public static String render(ControlPlaneState state) {
    Probes.Access access = Probes.Access.of(java.nio.file.Path.of(state.kubeconfig()).getParent());
    Map<String, String> backends = state.haproxyStatsUrl() == null ? Map.of()
        : Probes.haproxyBackends(state.haproxyStatsUrl());
    String holder = state.serverUrl() == null ? "" : Probes.leaseHolder(access, state.serverUrl(),
        state.leaseNamespace(), state.leaseName()).orElse("");
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"COMPONENT", "PID", "URL", "STATE"});
    for (Component c : state.components()) {
      String url = c.kind() == Component.Kind.CONTROLLER_MANAGER ? "-> " + c.url() : c.url();
      rows.add(new String[] {c.name(), String.valueOf(c.pid()), url,
          stateOf(access, c, backends, holder)});
    }
    int[] widths = new int[4];
    for (String[] r : rows) {
      for (int i = 0; i < 4; i++) {
        widths[i] = Math.max(widths[i], r[i].length());
      }
    }
    StringBuilder b = new StringBuilder();
    for (String[] r : rows) {
      b.append(String.format("%-" + widths[0] + "s  %-" + widths[1] + "s  %-" + widths[2]
          + "s  %s%n", r[0], r[1], r[2], r[3]));
    }
    return b.toString();
  }

  private static String stateOf(Probes.Access access, Component c, Map<String, String> backends, String holder) {
    if (DetachedProcess.find(c).isEmpty()) {
      return "not running";
    }
    return switch (c.kind()) {
      case STORE -> {
        Optional<StatusResponse> s = Probes.storeWithLeader(access, c.url());
        yield s.isEmpty() ? "no leader known"
            : s.get().getLeader() == s.get().getHeader().getMemberId() ? "leader" : "follower";
      }
      case APISERVER -> (Probes.httpStatus(access, c.url() + "/readyz") == 200 ? "ready" : "not ready")
          + (backends.containsKey(c.name()) ? " (haproxy: " + backends.get(c.name()) + ")" : "");
      case HAPROXY -> Probes.httpStatus(access, c.url() + "/readyz") == 200 ? "ready" : "not ready";
      case CONTROLLER_MANAGER -> c.name().equals(holder) ? "leader" : "standby";
    };
  }
}
