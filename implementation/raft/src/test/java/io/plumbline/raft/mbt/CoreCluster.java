package io.plumbline.raft.mbt;

import io.plumbline.raft.Entry;
import io.plumbline.raft.HardState;
import io.plumbline.raft.InjectedBug;
import io.plumbline.raft.MemoryStorage;
import io.plumbline.raft.Message;
import io.plumbline.raft.ModelBasedTestHooks;
import io.plumbline.raft.RaftConfig;
import io.plumbline.raft.RaftCore;
import io.plumbline.raft.ReadState;
import io.plumbline.raft.Ready;
import io.plumbline.raft.Snapshot;
import io.plumbline.raft.SplitMixRandom;
import io.plumbline.raft.TraceSink;
import io.plumbline.raft.node.ReadyLoop;
import io.plumbline.raft.sim.SimDisk;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Real {@link RaftCore}s, one per spec server (ids are the model values' names), driven one spec
 * action at a time. The spec owns the network: a message is delivered when the spec handles it;
 * the core message delivered is the one a core really sent that maps to the spec's record (or, for
 * a request flow control held back, one built from the record).
 */
final class CoreCluster {
  private final Map<String, RaftCore> cores = new LinkedHashMap<>();
  private final Map<String, SimDisk> disks = new HashMap<>();
  private final Map<String, RaftConfig> configs = new HashMap<>();
  /** Per core: the application its Ready loop applies to and serves reads from. */
  private final Map<String, ReplayApp> apps = new HashMap<>();
  private final Map<TlaValue.Rec, Deque<Message>> network = new HashMap<>();
  private int specBuiltDeliveries;
  /**
   * The persist/send split ("AsyncPersist"): a core's Ready that writes a term, vote or entries is
   * finished (persisted, sent, advanced) only at spec {@code Persist(i)}; until then only what
   * {@link io.plumbline.raft.Ready#maySendBeforePersist} lets go is sent. Without it every step
   * ends with every core's whole Ready cycle.
   */
  private final boolean split;
  /**
   * Per server: messages the spec holds for its Persist that the core already sent, because its
   * Ready had nothing durable to write (see {@link Replayer#SENT_AHEAD}).
   */
  private final Map<String, List<TlaValue.Rec>> sentAhead = new HashMap<>();
  /** Per core: how many messages at the head of its outbox went out before its Ready was persisted. */
  private final Map<String, Integer> sentEarly = new HashMap<>();

  CoreCluster(List<String> servers, Set<InjectedBug> bugs) {
    this(servers, bugs, false);
  }

  CoreCluster(List<String> servers, Set<InjectedBug> bugs, boolean split) {
    this.split = split;
    for (String id : servers) {
      // One entry per AppendEntries (maxSizePerMsg 1 byte), as the spec sends.
      RaftConfig config = RaftConfig.defaults(id, servers).withFlowControl(256, 1)
          .withInjectedBugs(bugs);
      SimDisk disk = new SimDisk();
      RaftCore core = RaftCore.create(config, disk.cache(), new SplitMixRandom(servers.indexOf(id) + 1));
      ModelBasedTestHooks.stepwise(core);
      cores.put(id, core);
      disks.put(id, disk);
      configs.put(id, config);
      apps.put(id, new ReplayApp());
    }
  }

  /** The application beside core {@code id} (a new one after each restart). */
  ReplayApp app(String id) {
    return apps.get(id);
  }

  RaftCore core(String id) {
    return cores.get(id);
  }

  Map<String, RaftCore> cores() {
    return cores;
  }

  /** Deliveries of a message the spec sent but no core did (counted for the report). */
  int specBuiltDeliveries() {
    return specBuiltDeliveries;
  }

  /**
   * Drives the cores with the call that corresponds to spec action {@code a}, then runs every
   * core's Ready cycle through the one ReadyLoop (persist, collect messages, advance).
   *
   * @return the messages the cores sent in this step, and why a core refused the step (or null)
   */
  Step apply(SpecAction a) {
    RaftCore core = cores.get(a.i());
    String refused = switch (a.name()) {
      case "ElectionTimeout" -> call(core::campaign);
      case "BecomeCandidate" -> call(() -> ModelBasedTestHooks.becomeCandidate(core));
      case "BecomeLeader" -> call(() -> ModelBasedTestHooks.becomeLeader(core));
      case "ClientRequest" -> {
        var r = core.propose(a.v().getBytes(StandardCharsets.UTF_8));
        yield r.accepted() ? null : "propose answered " + r.status();
      }
      case "AppendEntries" ->
          ModelBasedTestHooks.sendAppend(core, a.j()) ? null : "flow control held it back";
      case "AdvanceCommitIndex" ->
          ModelBasedTestHooks.maybeCommit(core) ? null : "the commit index did not advance";
      case "Heartbeat" -> call(() -> ModelBasedTestHooks.sendHeartbeat(core, a.j()));
      case "CheckQuorum" -> call(() -> ModelBasedTestHooks.checkQuorum(core));
      case "Restart" -> call(() -> restart(a.i()));
      case "Persist" -> call(() -> persist(a.i()));
      case "ReadIndexRequest" -> {
        var r = core.readIndex(a.v().getBytes(StandardCharsets.UTF_8));
        yield r.accepted() ? null : "readIndex answered " + r.status();
      }
      case "ReadIndexComplete" -> completeRead(core, a.v());
      case "UpdateTerm" -> call(() -> ModelBasedTestHooks.updateTerm(core,
          a.m().get("mterm").asLong(), fromLeader(a.m()) ? a.j() : null));
      default -> call(() -> core.step(take(a.m())));
    };
    return new Step(drain(), refused);
  }

  /**
   * Spec {@code Restart(i)}: i crashes, losing every write no Ready asked to sync and its
   * application, and a new core starts from what the disk kept (hard state and log), as etcd
   * does: with the hard state's commit index, so its first Ready hands the new application the
   * entries up to it (a read after the restart sees writes committed before the crash only
   * through this). Deviation: the spec restarts with commitIndex 0 (its SHORTCUT, no snapshots)
   * and relearns it; once that Ready is applied, the core's commit index is set to the spec's 0
   * (test hook), its applied index stays, so every later step compares the commit index, and
   * every message carrying it, exactly; see implementation/README.md, "Model-based tests".
   *
   * @return the commit index the core restarted with (entries the application holds at once)
   */
  private long restart(String i) {
    MemoryStorage recovered = disks.get(i).crashAndRecover();
    RaftCore core = RaftCore.restart(configs.get(i), recovered,
        new SplitMixRandom(cores.size() + List.copyOf(cores.keySet()).indexOf(i) + 1), TraceSink.NONE);
    ModelBasedTestHooks.stepwise(core);
    long restoredCommit = core.commitIndex();
    ReplayApp app = new ReplayApp();
    List<Message> sent = new ArrayList<>();
    ReadyLoop.drain(core, new DiskHandler(disks.get(i), app, sent, 0));
    if (!sent.isEmpty()) {
      throw new IllegalStateException("a restarted core sent " + sent + " before any step");
    }
    ModelBasedTestHooks.forgetCommitIndex(core);
    apps.get(i).holes().forEach(
        h -> lostHoles.add("application of " + i + " (before a crash): " + h + " never handed these entries"));
    cores.put(i, core);
    apps.put(i, app);
    sentEarly.remove(i);
    sentAhead.remove(i);
    restoredCommits.put(i, restoredCommit);
    return restoredCommit;
  }

  /** Holes of applications lost at a crash, each as a difference. */
  private final List<String> lostHoles = new ArrayList<>();

  /**
   * Entries some application was never handed (a hole, see {@link ReplayApp#holes}), as a
   * difference per hole; empty when every application got every committed entry in order.
   */
  List<String> holes() {
    List<String> out = new ArrayList<>(lostHoles);
    apps.forEach((id, app) -> app.holes().forEach(
        h -> out.add("application of " + id + ": " + h + " never handed these entries")));
    return out;
  }

  /** Per server: the commit index its latest restart recovered from the hard state (0 if none). */
  private final Map<String, Long> restoredCommits = new HashMap<>();

  /** The commit index server i's latest restart recovered from its hard state (0 if none). */
  long restoredCommit(String i) {
    return restoredCommits.getOrDefault(i, 0L);
  }

  /** The spec's held messages of i the core already sent (live list; split only). */
  List<TlaValue.Rec> sentAhead(String i) {
    return sentAhead.computeIfAbsent(i, k -> new ArrayList<>());
  }

  /**
   * Spec {@code Persist(i)}: i finishes its Ready through the one {@link ReadyLoop} (persist, with
   * an fsync when the Ready asks for one; send what did not go out early; advance).
   */
  private void persist(String i) {
    RaftCore core = cores.get(i);
    if (core.hasReady()) {
      ReadyLoop.handle(core, core.ready(), new DiskHandler(disks.get(i), apps.get(i), pendingSent, skipEarly(i)));
    }
  }

  /** Messages sent by the current step (drain and Persist add to it). */
  private final List<Message> pendingSent = new ArrayList<>();

  private int skipEarly(String i) {
    Integer n = sentEarly.remove(i);
    return n == null ? 0 : n;
  }

  /** Whether core i's Ready writes durable state: a term or vote change, entries or a snapshot. */
  private boolean writesDurableState(String i, Ready rd) {
    return !rd.entries().isEmpty() || rd.snapshot() != null
        || (rd.hardState() != null && (rd.hardState().term() != writtenHardState(i).term()
            || !java.util.Objects.equals(rd.hardState().vote(), writtenHardState(i).vote())));
  }

  /** The hard state core i last handed to its disk (synced or not), as the ReadyLoop compares. */
  private HardState writtenHardState(String i) {
    return disks.get(i).cache().initialState();
  }

  /**
   * The split's Ready step of core i after a spec step: a Ready that writes nothing durable is
   * handled at once (the spec's disk already equals i's state); one that does waits for Persist,
   * but sends its messages early when {@link Ready#maySendBeforePersist} holds (a leader's
   * replication, as the node's ReadyLoop does).
   */
  private void splitReady(String i) {
    RaftCore core = cores.get(i);
    if (!core.hasReady()) {
      return;
    }
    Ready rd = core.ready();
    if (!writesDurableState(i, rd)) {
      ReadyLoop.handle(core, rd, new DiskHandler(disks.get(i), apps.get(i), pendingSent, skipEarly(i)));
    } else if (rd.maySendBeforePersist(writtenHardState(i))) {
      int early = sentEarly.getOrDefault(i, 0);
      pendingSent.addAll(rd.messages().subList(early, rd.messages().size()));
      sentEarly.put(i, rd.messages().size());
    }
  }

  /** Messages core i holds for its Persist: its outbox past what went out early (split only). */
  List<Message> held(String i) {
    RaftCore core = cores.get(i);
    if (!core.hasReady()) {
      return List.of();
    }
    List<Message> out = core.ready().messages();
    return out.subList(sentEarly.getOrDefault(i, 0), out.size());
  }

  /** What a crash of i now would keep, as {@code term T, vote V, log=[term/value, ...]}. */
  String durable(String i) {
    MemoryStorage d = disks.get(i).durableCopy();
    HardState hs = d.initialState();
    List<String> log = new ArrayList<>();
    for (Entry e : d.entries(d.firstIndex(), d.lastIndex() + 1, Long.MAX_VALUE)) {
      log.add(e.term() + "/" + (e.value().isEmpty() ? "Nil" : e.value()));
    }
    return "term " + hs.term() + ", vote " + (hs.vote() == null ? "Nil" : hs.vote()) + ", log=" + log;
  }

  boolean split() {
    return split;
  }

  /** ReadIndexComplete: {@code read} is {@code r@index}; the core must serve r at that index. */
  private static String completeRead(RaftCore core, String read) {
    String r = read.substring(0, read.indexOf('@'));
    long specIndex = Long.parseLong(read.substring(read.indexOf('@') + 1));
    long index = ModelBasedTestHooks.completeRead(core, r.getBytes(StandardCharsets.UTF_8));
    return index == specIndex ? null
        : index < 0 ? "the core cannot complete read " + r + " (no quorum acknowledged it)"
        : "the core serves read " + r + " at index " + index + ", the spec at " + specIndex;
  }

  /** What one step produced. */
  record Step(List<Message> sent, String refused) {}

  /** Puts a message a core sent into the network under its spec record. */
  void register(Message m) {
    network.computeIfAbsent(MessageMapping.toSpec(m), k -> new ArrayDeque<>()).add(m);
  }

  private Message take(TlaValue.Rec specMessage) {
    Deque<Message> copies = network.get(MessageMapping.normalize(specMessage));
    if (copies == null || copies.isEmpty()) {
      specBuiltDeliveries++;
      return MessageMapping.toCore(specMessage);
    }
    return copies.poll();
  }

  /**
   * Every core's Ready cycle through the one {@link ReadyLoop}: written to its {@link SimDisk}
   * (durable only where the Ready asks to sync), messages collected for the spec to deliver,
   * committed entries applied and reads served by the core's {@link ReplayApp}.
   */
  private List<Message> drain() {
    if (split) {
      cores.keySet().forEach(this::splitReady);
    } else {
      cores.forEach((id, core) -> ReadyLoop.drain(core, new DiskHandler(disks.get(id), apps.get(id), pendingSent, 0)));
    }
    List<Message> sent = List.copyOf(pendingSent);
    pendingSent.clear();
    return sent;
  }

  /**
   * A core's disk and outbox as the {@link ReadyLoop} sees them; the first {@code skip} messages
   * of the Ready already went out before it was persisted.
   */
  private record DiskHandler(SimDisk disk, ReplayApp app, List<Message> sent, int skip)
      implements ReadyLoop.Handler<RuntimeException> {
    @Override
    public HardState persistedHardState() {
      return disk.cache().initialState();
    }

    @Override
    public long stableLastIndex() {
      return disk.cache().lastIndex();
    }

    @Override
    public void installSnapshot(Snapshot s) {
      disk.persistSnapshot(s);
    }

    @Override
    public void persist(List<Entry> entries, HardState hardState, boolean mustSync) {
      disk.persist(entries, hardState, mustSync);
    }

    @Override
    public void send(List<Message> messages) {
      sent.addAll(messages.subList(Math.min(skip, messages.size()), messages.size()));
    }

    @Override
    public void apply(List<Entry> committed) {
      app.apply(committed);
    }

    @Override
    public void readStates(List<ReadState> states) {
      app.readStates(states);
    }
  }

  private static boolean fromLeader(TlaValue.Rec m) {
    String type = m.get("mtype").text();
    return type.equals("AppendEntriesRequest") || type.equals("HeartbeatRequest");
  }

  private static String call(Runnable r) {
    r.run();
    return null;
  }
}
