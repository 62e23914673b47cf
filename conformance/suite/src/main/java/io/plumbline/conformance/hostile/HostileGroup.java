package io.plumbline.conformance.hostile;

import io.plumbline.conformance.CheckGroup;
import java.util.List;

/**
 * The hostile group: requests a careless or malicious client sends (deep nesting, malformed fields, boundary
 * sizes, junk bytes, refused watches, maintenance calls, snapshots and HTTP endpoints), each answered as etcd 3.4 answers it,
 * without hurting the cluster.
 */
public final class HostileGroup {
  private HostileGroup() {}

  public static CheckGroup create() {
    return new CheckGroup("hostile", List.of(new NestedTxnDeep(), new RequestChecks(), new JunkProtobuf(),
        new MaintenanceRequests(), new SnapshotStatus(), new HttpEndpoints(), new WatchRequests()));
  }
}
