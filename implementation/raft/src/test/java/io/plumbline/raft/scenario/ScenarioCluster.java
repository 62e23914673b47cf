package io.plumbline.raft.scenario;

import io.plumbline.raft.Entry;
import io.plumbline.raft.HardState;
import io.plumbline.raft.InjectedBug;
import io.plumbline.raft.MemoryStorage;
import io.plumbline.raft.Message;
import io.plumbline.raft.RaftConfig;
import io.plumbline.raft.RaftCore;
import io.plumbline.raft.ReadState;
import io.plumbline.raft.Ready;
import io.plumbline.raft.Snapshot;
import io.plumbline.raft.SoftState;
import io.plumbline.raft.SplitMixRandom;
import io.plumbline.raft.SubmitResult;
import io.plumbline.raft.TraceEvent;
import io.plumbline.raft.TraceSink;
import io.plumbline.raft.node.ReadyLoop;
import io.plumbline.raft.sim.ChainHash;
import io.plumbline.raft.sim.SafetyChecker;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A hand-driven cluster for golden scenarios: messages wait in one queue until a script delivers
 * or drops them; every Ready is honoured at once (all writes synced) and narrated to a transcript.
 * The simulation's {@link SafetyChecker} checks every step, so a scenario stops at the first
 * broken invariant; each spec action performed is narrated as {@code ~ node Action [peer]}.
 */
final class ScenarioCluster {
  private static final class Node {
    final RaftConfig config;
    final int index;
    MemoryStorage disk = new MemoryStorage();
    RaftCore core;
    boolean up = true;
    long seed;
    /** Chain hash of the applied sequence at each applied index (the state machine). */
    final Map<Long, Long> appliedHash = new HashMap<>(Map.of(0L, 0L));
    long appliedIndex;

    Node(RaftConfig config, int index, long seed, TraceSink trace) {
      this.config = config;
      this.index = index;
      this.seed = seed;
      this.core = RaftCore.restart(config, disk, new SplitMixRandom(seed), trace);
    }

    void restoreFrom(Snapshot s) {
      appliedIndex = s.index();
      appliedHash.put(s.index(), s.isEmpty() ? 0 : ByteBuffer.wrap(s.data()).getLong());
    }
  }

  private final Set<InjectedBug> bugs;
  /** Receives every event the cores emit, besides the transcript (e.g. a trace file). */
  private final TraceSink trace;
  private SafetyChecker checker;

  ScenarioCluster(Set<InjectedBug> bugs, TraceSink trace) {
    this.bugs = bugs;
    this.trace = trace;
  }

  private final Map<String, Node> nodes = new LinkedHashMap<>();
  private final List<Message> pending = new ArrayList<>();
  private final Map<String, Integer> side = new HashMap<>();
  private final StringBuilder out = new StringBuilder();

  String takeOutput() {
    String s = out.toString().stripTrailing();
    out.setLength(0);
    return s.isEmpty() ? "ok" : s;
  }

  void line(String s) {
    out.append(s).append('\n');
  }

  void addNodes(int count, Map<String, String> opts) {
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      ids.add("n" + i);
    }
    for (String id : ids) {
      RaftConfig c = RaftConfig.defaults(id, ids)
          .withElectionTimeoutTicks(Integer.parseInt(opts.getOrDefault("election", "10")))
          .withHeartbeatTimeoutTicks(Integer.parseInt(opts.getOrDefault("heartbeat", "1")))
          .withFlowControl(Integer.parseInt(opts.getOrDefault("inflight", "256")),
              Long.parseLong(opts.getOrDefault("max-size", "1048576")))
          .withPreVoteAndCheckQuorum(Boolean.parseBoolean(opts.getOrDefault("prevote", "true")),
              Boolean.parseBoolean(opts.getOrDefault("checkquorum", "true")))
          .withInjectedBugs(bugs);
      nodes.put(id, new Node(c, nodes.size(), id.hashCode(), this::narrate));
    }
    checker = new SafetyChecker(ids);
    status();
  }

  RaftCore core(String id) {
    Node n = nodes.get(id);
    if (n == null) {
      throw new IllegalArgumentException("no node " + id);
    }
    return n.core;
  }

  void campaign(String id) {
    core(id).campaign();
    process();
  }

  void tick(String id, int count) {
    for (int i = 0; i < count; i++) {
      for (Map.Entry<String, Node> e : nodes.entrySet()) {
        if (e.getValue().up && (id.equals("all") || id.equals(e.getKey()))) {
          e.getValue().core.tick();
        }
      }
      process();
    }
  }

  void propose(String id, String value) {
    SubmitResult r = core(id).propose(value.getBytes(StandardCharsets.UTF_8));
    line(id + " propose " + value + ": " + describe(r));
    process();
  }

  void readIndex(String id, String ctx) {
    checker.onReadStarted(ctx);
    SubmitResult r = core(id).readIndex(ctx.getBytes(StandardCharsets.UTF_8));
    line(id + " read-index " + ctx + ": " + describe(r));
    process();
  }

  private static String describe(SubmitResult r) {
    return r.accepted() ? "accepted index=" + r.index() + " term=" + r.term()
        : r.status() + (r.leaderHint() == null ? "" : " leader=" + r.leaderHint());
  }

  /** Delivers (or drops) the pending messages matching {@code filter}, in queue order. */
  int deliver(Predicate<Message> filter, boolean drop, int limit) {
    List<Message> chosen = new ArrayList<>();
    for (Iterator<Message> it = pending.iterator(); it.hasNext() && chosen.size() < limit; ) {
      Message m = it.next();
      if (filter.test(m)) {
        chosen.add(m);
        it.remove();
      }
    }
    for (Message m : chosen) {
      Node to = nodes.get(m.to());
      boolean cut = !side.getOrDefault(m.from(), 0).equals(side.getOrDefault(m.to(), 0));
      if (drop || cut || !to.up) {
        line("dropped " + m + (drop ? "" : cut ? " (partitioned)" : " (down)"));
        continue;
      }
      line("deliver " + m);
      to.core.step(m);
      process();
    }
    return chosen.size();
  }

  void stabilize() {
    for (int round = 0; round < 1000 && !pending.isEmpty(); round++) {
      deliver(m -> true, false, pending.size());
    }
  }

  void partition(List<List<String>> groups) {
    side.clear();
    for (int g = 0; g < groups.size(); g++) {
      for (String id : groups.get(g)) {
        side.put(id, g);
      }
    }
  }

  void heal() {
    side.clear();
  }

  void crash(String id) {
    nodes.get(id).up = false;
    line(id + " crashed");
  }

  void restart(String id) {
    Node n = nodes.get(id);
    n.core = RaftCore.restart(n.config, n.disk, new SplitMixRandom(++n.seed), this::narrate);
    n.restoreFrom(n.disk.snapshot());
    checker.onRestart(n.index, n.core, n.disk);
    n.up = true;
    line(id + " restarted: " + state(id));
  }

  void compact(String id, long index) {
    Node n = nodes.get(id);
    if (index > n.appliedIndex) {
      throw new IllegalArgumentException(id + " applied only " + n.appliedIndex);
    }
    n.disk.createSnapshot(index,
        ByteBuffer.allocate(Long.BYTES).putLong(n.appliedHash.get(index)).array());
    n.disk.compact(index);
    line(id + " compacted through " + index + ", first index " + n.disk.firstIndex());
  }

  void status() {
    for (String id : nodes.keySet()) {
      line(id + ": " + state(id));
      core(id).progressView().forEach((peer, p) -> line("  " + peer + " " + p));
    }
  }

  void log(String id) {
    line(id + " log " + core(id).logEntries() + " commit=" + core(id).commitIndex());
  }

  private String state(String id) {
    Node n = nodes.get(id);
    RaftCore c = n.core;
    return (n.up ? "" : "DOWN ") + c.role() + " term=" + c.term() + " vote=" + c.vote()
        + " lead=" + c.lead() + " commit=" + c.commitIndex() + " applied=" + c.appliedIndex()
        + " last=" + c.lastIndex();
  }

  /** Each spec action the cores perform, as {@code ~ node Action [peer]}; also to the trace. */
  private void narrate(TraceEvent e) {
    line("  ~ " + e.node() + " " + e.event() + (e.peer() == null ? "" : " " + e.peer()));
    if (trace.enabled()) {
      trace.accept(e);
    }
  }

  /** Honours every Ready of every live node, narrating what it asks. */
  private void process() {
    boolean any = true;
    while (any) {
      any = false;
      for (Map.Entry<String, Node> e : nodes.entrySet()) {
        Node n = e.getValue();
        if (n.up && n.core.hasReady()) {
          any = true;
          handle(e.getKey(), n, n.core.ready());
        }
      }
    }
  }

  private void handle(String id, Node n, Ready rd) {
    ReadyLoop.handle(n.core, rd, new Narrated(id, n));
    checker.afterStep(n.index, n.core);
  }

  /** One Ready through the one {@link ReadyLoop}: written to the in-memory disk, narrated, checked. */
  private final class Narrated implements ReadyLoop.Handler<RuntimeException> {
    private final String id;
    private final Node n;

    Narrated(String id, Node n) {
      this.id = id;
      this.n = n;
    }

    @Override
    public HardState persistedHardState() {
      return n.disk.initialState();
    }

    @Override
    public long stableLastIndex() {
      return n.disk.lastIndex();
    }

    @Override
    public void softState(SoftState s) {
      line("  " + id + " is " + s.role() + " (term " + n.core.term() + ", lead " + s.lead() + ")");
    }

    @Override
    public void installSnapshot(Snapshot s) {
      n.disk.applySnapshot(s);
      n.restoreFrom(s);
      line("  " + id + " installs " + s);
      checker.onPersisted(n.index, s, List.of());
    }

    @Override
    public void persist(List<Entry> entries, HardState hs, boolean mustSync) {
      n.disk.append(entries);
      if (hs != null) {
        n.disk.setHardState(hs);
      }
      checker.onPersisted(n.index, null, entries);
      checker.afterStep(n.index, n.core);
    }

    @Override
    public void send(List<Message> messages) {
      for (Message m : messages) {
        line("  send " + m);
        pending.add(m);
      }
    }

    @Override
    public void apply(List<Entry> committed) {
      checker.beforeApply(n.index, committed.get(committed.size() - 1).index());
      for (Entry c : committed) {
        line("  " + id + " applies " + c);
        long h = ChainHash.extend(n.appliedHash.get(n.appliedIndex), c);
        n.appliedIndex = c.index();
        n.appliedHash.put(c.index(), h);
        checker.onApplied(n.index, c.index(), h);
      }
    }

    @Override
    public void readStates(List<ReadState> states) {
      for (ReadState rs : states) {
        line("  " + id + " serves " + rs);
        checker.onReadState(n.index, rs);
      }
    }
  }
}
