package io.plumbline.raft.bench;

import io.plumbline.raft.MemoryStorage;
import io.plumbline.raft.Message;
import io.plumbline.raft.RaftConfig;
import io.plumbline.raft.RaftCore;
import io.plumbline.raft.Role;
import io.plumbline.raft.SplitMixRandom;
import io.plumbline.raft.node.MemoryReadyHandler;
import io.plumbline.raft.node.ReadyLoop;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A lean in-memory cluster for benchmarks: instant delivery, storage in memory, compaction every
 * few thousand entries so memory stays flat however long JMH runs.
 */
final class InMemoryCluster {
  final Map<String, RaftCore> cores = new HashMap<>();
  final Map<String, MemoryStorage> disks = new HashMap<>();
  private final Map<String, Long> applied = new HashMap<>();
  final ArrayDeque<Message> queue = new ArrayDeque<>();
  long stepped;

  InMemoryCluster(int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      ids.add("n" + i);
    }
    for (String id : ids) {
      MemoryStorage d = new MemoryStorage();
      disks.put(id, d);
      applied.put(id, 0L);
      cores.put(id, RaftCore.create(RaftConfig.defaults(id, ids), d, new SplitMixRandom(id.hashCode())));
    }
    cores.get("n1").campaign();
    deliverAll();
    if (cores.get("n1").role() != Role.Leader) {
      throw new IllegalStateException("n1 did not become leader");
    }
  }

  RaftCore leader() {
    return cores.get("n1");
  }

  void processAll() {
    for (Map.Entry<String, RaftCore> e : cores.entrySet()) {
      process(e.getKey(), e.getValue());
    }
  }

  void process(String id, RaftCore c) {
    MemoryStorage d = disks.get(id);
    MemoryReadyHandler h = new MemoryReadyHandler(d, queue::add, e -> applied.put(id, e.index()), r -> {});
    while (c.hasReady()) {
      ReadyLoop.handle(c, c.ready(), h);
      long a = applied.get(id);
      if (a - d.firstIndex() > 4096) {
        d.createSnapshot(a, new byte[0]);
        d.compact(a - 1024);
      }
    }
  }

  /** Delivers messages until the network is empty; returns how many were stepped. */
  long deliverAll() {
    processAll();
    long n = 0;
    while (!queue.isEmpty()) {
      Message m = queue.poll();
      RaftCore c = cores.get(m.to());
      c.step(m);
      process(m.to(), c);
      n++;
    }
    stepped += n;
    return n;
  }
}
