package io.plumbline.raft;

import io.plumbline.raft.node.MemoryReadyHandler;
import io.plumbline.raft.node.ReadyLoop;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A minimal in-memory cluster for unit tests and the core catalogue's hand-written checks: honours
 * every Ready, queues messages in order.
 */
public final class TestCluster {
  public final Map<String, RaftCore> cores = new LinkedHashMap<>();
  final Map<String, MemoryStorage> disks = new LinkedHashMap<>();
  final List<Message> queue = new ArrayList<>();
  final Map<String, List<Entry>> applied = new LinkedHashMap<>();
  public final Map<String, List<ReadState>> reads = new LinkedHashMap<>();
  final List<TraceEvent> events = new ArrayList<>();
  private final Map<String, RaftConfig> configs = new LinkedHashMap<>();

  TestCluster(int n) {
    this(n, c -> c);
  }

  public TestCluster(int n, java.util.function.UnaryOperator<RaftConfig> tune) {
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      ids.add("n" + i);
    }
    for (String id : ids) {
      RaftConfig c = tune.apply(RaftConfig.defaults(id, ids));
      configs.put(id, c);
      disks.put(id, new MemoryStorage());
      start(id);
    }
  }

  void start(String id) {
    cores.put(id, RaftCore.restart(configs.get(id), disks.get(id), new SplitMixRandom(id.hashCode()),
        events::add));
    applied.put(id, new ArrayList<>());
    reads.put(id, new ArrayList<>());
  }

  RaftCore get(String id) {
    return cores.get(id);
  }

  /** Honours every pending Ready of every core. */
  void process() {
    boolean any = true;
    while (any) {
      any = false;
      for (Map.Entry<String, RaftCore> e : cores.entrySet()) {
        RaftCore c = e.getValue();
        if (c.hasReady()) {
          any = true;
          String id = e.getKey();
          ReadyLoop.handle(c, c.ready(), new MemoryReadyHandler(disks.get(id), queue::add,
              applied.get(id)::add, reads.get(id)::add));
        }
      }
    }
  }

  /** Delivers queued messages (and what they cause) until none match {@code filter}. */
  public void deliverAll(Predicate<Message> filter) {
    process();
    for (int round = 0; round < 10_000; round++) {
      Message m = queue.stream().filter(filter).findFirst().orElse(null);
      if (m == null) {
        return;
      }
      queue.remove(m);
      cores.get(m.to()).step(m);
      process();
    }
    throw new AssertionError("no quiescence");
  }

  void stabilize() {
    deliverAll(m -> true);
  }

  public void drop(Predicate<Message> filter) {
    queue.removeIf(filter);
  }

  /** Delivers the first queued message matching {@code filter} (and what it causes), if any. */
  public void deliverOne(Predicate<Message> filter) {
    process();
    queue.stream().filter(filter).findFirst().ifPresent(m -> {
      queue.remove(m);
      cores.get(m.to()).step(m);
      process();
    });
  }

  /** Queues a second copy of every queued message matching {@code filter} (a network that duplicates). */
  public void duplicate(Predicate<Message> filter) {
    process();
    queue.addAll(queue.stream().filter(filter).toList());
  }

  /** n1 campaigns and wins with everyone's votes. */
  TestCluster elect(String id) {
    cores.get(id).campaign();
    stabilize();
    return this;
  }
}
