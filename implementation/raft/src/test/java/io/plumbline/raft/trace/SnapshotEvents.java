package io.plumbline.raft.trace;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbline.spec.trace.TraceFile;
import io.plumbline.spec.trace.TraceFileReader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What traces show of snapshots and compaction, one count per situation a check may vouch for:
 *
 * @param sent SendSnapshot events
 * @param fromCompactedLog SendSnapshot events whose sender reports a compacted log
 *     ({@code snapshotIndex} > 0): the leader sent a snapshot because compaction removed entries
 * @param installed HandleSnapshotRequest events after which the node's log is exactly the snapshot
 *     (RaftCore.handleSnapshotRequest's restore branch)
 * @param alreadyCommitted HandleSnapshotRequest events of a node whose commit index was already at
 *     or past the snapshot (a stale copy: the node keeps its state)
 * @param committedInLog HandleSnapshotRequest events of a node whose log held the snapshot's last
 *     entry above its commit index (it commits the snapshot's index and keeps its log)
 * @param keptLogPastSnapshot of those, how many kept entries after the snapshot's index (a
 *     truncating install would have lost them)
 * @param restartsFromSnapshot Restart events whose node comes back with a snapshot
 */
record SnapshotEvents(long sent, long fromCompactedLog, long installed, long alreadyCommitted,
    long committedInLog, long keptLogPastSnapshot, long restartsFromSnapshot) {

  /** Snapshots handled without being installed. */
  long kept() {
    return alreadyCommitted + committedInLog;
  }

  static SnapshotEvents in(List<Path> traces) {
    Counter c = new Counter();
    for (Path p : traces) {
      Map<String, Long> commit = new HashMap<>();
      for (TraceFile.Event e : TraceFileReader.read(p).events()) {
        JsonNode json = e.json();
        String node = json.get("node").asText();
        c.count(e.name(), json, commit.getOrDefault(node, 0L));
        commit.put(node, json.get("state").get("commitIndex").asLong());
      }
    }
    return new SnapshotEvents(c.sent, c.fromCompactedLog, c.installed, c.alreadyCommitted,
        c.committedInLog, c.keptLogPastSnapshot, c.restartsFromSnapshot);
  }

  /** Running counts; {@code commitBefore} is the node's commit index before the event. */
  private static final class Counter {
    long sent;
    long fromCompactedLog;
    long installed;
    long alreadyCommitted;
    long committedInLog;
    long keptLogPastSnapshot;
    long restartsFromSnapshot;

    void count(String event, JsonNode e, long commitBefore) {
      JsonNode s = e.get("state");
      switch (event) {
        case "SendSnapshot" -> {
          sent++;
          fromCompactedLog += snapshotIndex(s) > 0 ? 1 : 0;
        }
        case "Restart" -> restartsFromSnapshot += snapshotIndex(s) > 0 ? 1 : 0;
        case "HandleSnapshotRequest" -> {
          long k = e.get("msg").get("msnapshotIndex").asLong();
          if (installed(e, k)) {
            installed++;
          } else if (commitBefore >= k) {
            alreadyCommitted++;
          } else {
            committedInLog++;
            keptLogPastSnapshot += s.get("logLen").asLong() > k ? 1 : 0;
          }
        }
        default -> { }
      }
    }
  }

  private static long snapshotIndex(JsonNode state) {
    return state.has("snapshotIndex") ? state.get("snapshotIndex").asLong() : 0;
  }

  /** TraceEtcdRaft's InstalledSnapshot: the node's log is now exactly the snapshot. */
  private static boolean installed(JsonNode e, long k) {
    JsonNode s = e.get("state");
    return !e.has("append") && snapshotIndex(s) == s.get("logLen").asLong()
        && s.get("logLen").asLong() == k;
  }
}
