package io.plumbline.raft.trace;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbline.spec.trace.TraceFile;
import io.plumbline.spec.trace.TraceFileReader;
import java.nio.file.Path;
import java.util.List;

/**
 * What traces show of snapshots: how many a leader sent, how many a follower installed (its log
 * became the snapshot: RaftCore.handleSnapshotRequest's restore branch) and how many it handled
 * without installing (it already committed the snapshot's index, or held its last entry).
 */
record SnapshotEvents(long sent, long installed, long kept) {
  static SnapshotEvents in(List<Path> traces) {
    long sent = 0;
    long installed = 0;
    long kept = 0;
    for (Path p : traces) {
      for (TraceFile.Event e : TraceFileReader.read(p).events()) {
        if (e.name().equals("SendSnapshot")) {
          sent++;
        } else if (e.name().equals("HandleSnapshotRequest")) {
          if (installed(e.json())) {
            installed++;
          } else {
            kept++;
          }
        }
      }
    }
    return new SnapshotEvents(sent, installed, kept);
  }

  /** TraceEtcdRaft's InstalledSnapshot: the node's log is now exactly the snapshot. */
  private static boolean installed(JsonNode e) {
    JsonNode s = e.get("state");
    long k = e.get("msg").get("msnapshotIndex").asLong();
    return !e.has("append") && s.has("snapshotIndex")
        && s.get("snapshotIndex").asLong() == s.get("logLen").asLong() && s.get("logLen").asLong() == k;
  }
}
