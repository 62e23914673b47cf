package io.plumbline.conformance.hostile;

import io.etcd.jetcd.api.MaintenanceGrpc;
import io.etcd.jetcd.api.StatusRequest;
import io.etcd.jetcd.api.StatusResponse;
import io.plumbline.conformance.RawChannel;
import io.plumbline.conformance.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Every member's leader and Raft term, from Maintenance.Status, to show a request left the cluster as it was. */
final class Members {
  private Members() {}

  /** One line per member: {@code endpoint leader=ID term=T}; an unreachable member says so. */
  static List<String> leaders(Session s) {
    List<String> out = new ArrayList<>();
    for (String endpoint : s.options().endpoints()) {
      try (RawChannel raw = new RawChannel(endpoint, s.options().tls())) {
        StatusResponse r = MaintenanceGrpc.newBlockingStub(raw.channel())
            .withDeadlineAfter(s.options().callTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .status(StatusRequest.getDefaultInstance());
        out.add(endpoint + " leader=" + r.getLeader() + " term=" + r.getRaftTerm());
      } catch (RuntimeException e) {
        out.add(endpoint + " unreachable: " + e.getMessage());
      }
    }
    return out;
  }
}
