package io.plumbline.chaos.storesim;

import io.plumbline.checker.Budget;
import io.plumbline.checker.CheckResult;
import io.plumbline.checker.LinearizabilityChecker;
import io.plumbline.checker.model.EtcdModel;
import io.plumbline.history.History;
import io.plumbline.history.HistoryRecorder;
import io.plumbline.history.Op;
import io.plumbline.raft.SplitMixRandom;
import io.etcd.jetcd.api.CompactionRequest;
import io.plumbline.store.mvcc.RevisionEvents;
import io.plumbline.store.node.Command;
import io.plumbline.store.node.StoreConfig;
import io.plumbline.store.node.StoreNode;
import io.plumbline.store.sim.DiskFaults;
import io.plumbline.store.sim.NetFaults;
import io.plumbline.store.sim.SimClock;
import io.plumbline.store.sim.SimDisk;
import io.plumbline.store.sim.SimNetwork;
import io.plumbline.store.wal.WalCorruptException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One seed of the whole-store simulation: N {@link StoreNode}s (node shell, MVCC, WAL, leases,
 * read batching) on one thread, one {@link SimClock}, a {@link SimNetwork} and a {@link SimDisk}
 * each. A fault phase (crashes, partitions, a full disk, network and disk faults drawn from the
 * seed, client traffic) with the safety checks of {@link StoreInvariants} after every step; then
 * heal and require convergence; then rejoin probes (a member down for long, then back: it must
 * know the leader within a bound, and the cluster converge again); then the client history must be
 * linearizable (plumbline's checker, the {@code etcd} model).
 */
public final class StoreSimulation {
  private static final int TRACE_LINES = 40;
  /**
   * RejoinLiveness: a running member on a whole network must know the leader within this many
   * ticks (10 s, ten election timeouts) once the leader has led that long.
   */
  static final int REJOIN_TICKS = 100;
  /**
   * Rejoin probes after convergence: a member is taken down for 2 to 12 {@link #REJOIN_TICKS}
   * (20 s to 2 min, long enough for a reconnect back-off to grow past the bound) and must know the
   * leader within {@link #REJOIN_TICKS} of its restart. The fault phase restarts members too, but a
   * partition or another crash there often resets the bound's clock, so a liveness bug that needs
   * a long outage followed by calm was caught only by chance.
   */
  static final int REJOIN_PROBES = 3;
  /**
   * Auto-compaction, as etcd's revision mode ({@code --auto-compaction-mode=revision}) or the
   * Kubernetes API server's compaction loop does it: every this many ticks of the fault phase the
   * leader is asked to compact to {@link #AUTO_COMPACT_RETAIN} revisions behind its current one.
   * Without it every member keeps every version of every key and every revision's events, so each
   * snapshot and each restart costs more the longer a seed runs.
   */
  static final int AUTO_COMPACT_TICKS = 50;
  /** Revisions auto-compaction keeps; more than the {@link StoreInvariants#RESTORED_SAMPLE} a restart is checked on. */
  static final int AUTO_COMPACT_RETAIN = 100;
  private final StoreSimOptions options;
  private final SplitMixRandom random;
  private final SimClock clock = new SimClock();
  private final SimNetwork network;
  private final HistoryRecorder recorder = new HistoryRecorder(clock::nanoTime);
  private final SimClients clients;
  private final StoreInvariants invariants = new StoreInvariants();
  private final List<Member> members = new ArrayList<>();
  private final Map<String, Member> byName = new java.util.HashMap<>();
  private final Map<String, URI> cluster = new LinkedHashMap<>();
  /** The last {@link #TRACE_LINES} events, rendered only when a failing seed prints them. */
  private final ArrayDeque<TraceLine> trace = new ArrayDeque<>();

  private record TraceLine(long tick, java.util.function.Supplier<String> text) {
    @Override
    public String toString() {
      return "t" + tick + " " + text.get();
    }
  }
  private final double crashRate;
  private final double partitionRate;
  private final double fullDiskRate;
  private final int snapshotCount;
  /**
   * Power losses (every member crashes in the same tick) come from their own stream, derived from
   * the seed, so a seed that draws none keeps the schedule it had before they existed.
   */
  private final SplitMixRandom power;
  private final double powerLossRate;
  /**
   * Whether a single member's crash kills only its process (the page cache survives: nothing unsynced is lost or
   * torn) or its machine's power: per seed none or half of them are process crashes, from a stream of its own.
   */
  private final SplitMixRandom processCrash;
  private final double processCrashShare;
  private long tick;
  private int crashes;
  private int partitions;
  /** The history {@link #checkHistory} checked; the digest reads the same one rather than building it again. */
  private History checked;
  private long healPartitionAt = -1;
  private String leaderName;
  private long leaderTerm = -1;
  private long leaderSince;

  /** One member: its disk survives restarts, its node does not. */
  private final class Member {
    final String name;
    final SimDisk disk;
    StoreNode node;
    long restartAt = -1;
    long stallUntil;
    long fullUntil = -1;
    long leaderlessSince = -1;
    int incarnation;

    Member(String name, SimDisk disk) {
      this.name = name;
      this.disk = disk;
    }
  }

  public StoreSimulation(StoreSimOptions options) {
    this.options = options;
    this.random = new SplitMixRandom(options.seed());
    for (int i = 1; i <= options.nodes(); i++) {
      cluster.put("n" + i, URI.create("http://n" + i + ".sim:2380"));
    }
    NetFaults net = new NetFaults(random.nextInt(11) / 100.0, random.nextInt(6) / 100.0, 1, 1 + random.nextInt(5));
    DiskFaults disk = new DiskFaults(random.nextInt(3) / 1000.0, random.nextInt(20) / 1000.0, 1 + random.nextInt(10),
        random.nextInt(2) / 2.0, random.nextInt(2) / 2.0,
        new SplitMixRandom(options.seed() ^ 0x207E11L).nextInt(2) / 20.0); // own stream: the other draws keep their values
    this.network = new SimNetwork(random.split(), this::handler, net, 1000 / StoreSimOptions.TICK_MS,
        options.reconnectBackoff());
    this.clients = new SimClients(random.split(), recorder, 3, 0.05 + random.nextInt(30) / 100.0, this::traceLazily);
    this.crashRate = random.nextInt(10) / 1000.0;
    this.partitionRate = random.nextInt(15) / 1000.0;
    this.fullDiskRate = random.nextInt(3) / 1000.0;
    this.snapshotCount = 20 + random.nextInt(200);
    for (String name : cluster.keySet()) {
      Member m = new Member(name, new SimDisk(random.split(), disk));
      members.add(m);
      byName.put(name, m);
    }
    this.power = new SplitMixRandom(options.seed() ^ 0x5DEECE66DL);
    this.powerLossRate = power.nextInt(3) / 1000.0;
    this.processCrash = new SplitMixRandom(options.seed() ^ 0x9C0DE5L);
    this.processCrashShare = processCrash.nextInt(2) / 2.0;
    trace("seed " + options.seed() + ": " + net + ", " + disk + ", crash " + crashRate + ", partition "
        + partitionRate + " (process crashes " + processCrashShare + "), full disk " + fullDiskRate + ", power loss "
        + powerLossRate + ", snapshot every "
        + snapshotCount);
  }

  /** The network asks this several times per message: a map lookup on the name's cached hash. */
  private io.plumbline.store.transport.PeerHandler handler(String name) {
    Member m = byName.get(name);
    return m == null ? null : m.node;
  }

  /** Runs the seed to the end or to the first broken check. */
  public StoreSimResult run() {
    try {
      for (Member m : members) {
        start(m);
      }
      for (tick = 1; tick <= options.ticks(); tick++) {
        nemesis();
        step(true);
      }
      converge();
      rejoinProbes();
      checkHistory();
      return result(null, null);
    } catch (StoreInvariants.Violation v) {
      return result(v.invariant(), v.getMessage());
    } catch (RuntimeException e) {
      return result("SimulatorError", e.toString());
    }
  }

  /**
   * One tick: time moves (timeouts fire), clients act, the network delivers, every live member
   * runs one loop round with its tick (what clients and deliveries queued, then the tick, then one
   * Ready), as the node's own loop does when a tick falls due while work is queued.
   */
  private void step(boolean traffic) {
    clock.advanceTo(tick * StoreSimOptions.TICK_MS * 1_000_000L);
    for (Member m : members) {
      if (m.node == null && m.restartAt >= 0 && tick >= m.restartAt) {
        start(m);
      }
      if (m.fullUntil >= 0 && tick >= m.fullUntil) {
        m.disk.setFull(false);
        m.fullUntil = -1;
      }
    }
    if (traffic) {
      clients.step(live());
      if (tick % AUTO_COMPACT_TICKS == 0) {
        autoCompact();
      }
    }
    network.deliverUpTo(tick);
    for (Member m : members) {
      if (m.node != null && tick >= m.stallUntil) {
        try {
          m.node.runPendingAndTick();
        } catch (java.io.IOException e) {
          fatal(m, e);
        } catch (StoreInvariants.Violation v) {
          throw v; // a check that fired inside the node (its watch feed)
        } catch (RuntimeException e) {
          throw new StoreInvariants.Violation("NodeError", m.name + " failed: " + e);
        }
        m.stallUntil = tick + m.disk.takeStallTicks();
      }
    }
    for (Member m : members) {
      if (m.node != null) {
        invariants.afterStep(m.name, m.incarnation, m.node);
      }
    }
    checkRejoin();
  }

  /** See {@link #AUTO_COMPACT_TICKS}: a compaction proposed on the leader (its outcome, like a client's, may be an error). */
  private void autoCompact() {
    for (Member m : members) {
      if (m.node != null && m.node.isLeader() && tick >= m.stallUntil) {
        long rev = m.node.read(s -> s.currentRevision()) - AUTO_COMPACT_RETAIN;
        if (rev > m.node.read(s -> s.compactRevision())) {
          m.node.propose(Command.Type.COMPACT, CompactionRequest.newBuilder().setRevision(rev).build());
          trace("compaction to revision " + rev + " proposed on " + m.name);
        }
        return;
      }
    }
  }

  /** RejoinLiveness (see {@link #REJOIN_TICKS}); clocks restart whenever the network is cut or a member stalls. */
  private void checkRejoin() {
    Member leader = null;
    for (Member m : members) {
      if (m.node != null && m.node.isLeader()) {
        leader = m;
      }
    }
    if (leader == null || !leader.name.equals(leaderName) || leader.node.term() != leaderTerm) {
      leaderName = leader == null ? null : leader.name;
      leaderTerm = leader == null ? -1 : leader.node.term();
      leaderSince = tick;
    }
    for (Member m : members) {
      if (m.node == null || m.node.leader() != null) {
        m.leaderlessSince = -1;
      } else if (m.leaderlessSince < 0 || network.partitioned() || tick < m.stallUntil || tick < leaderStallUntil()) {
        m.leaderlessSince = tick;
      } else if (leader != null && tick - m.leaderlessSince >= REJOIN_TICKS && tick - leaderSince >= REJOIN_TICKS) {
        throw new StoreInvariants.Violation("RejoinLiveness", m.name + " has known no leader for "
            + (tick - m.leaderlessSince) + " ticks while " + leader.name + " led term " + leaderTerm
            + " on a whole network");
      }
    }
  }

  private long leaderStallUntil() {
    for (Member m : members) {
      if (m.name.equals(leaderName)) {
        return m.stallUntil;
      }
    }
    return 0;
  }

  private void fatal(Member m, java.io.IOException e) {
    trace(m.name + " stops on a disk error: " + e.getMessage());
    crash(m, 5 + random.nextInt(20));
  }

  private void nemesis() {
    if (random.chance(crashRate)) {
      List<Member> up = members.stream().filter(m -> m.node != null).toList();
      if (!up.isEmpty()) {
        Member m = up.get(random.nextInt(up.size()));
        boolean process = processCrashShare > 0 && processCrash.chance(processCrashShare);
        trace(m.name + (process ? " crashes (its process; the page cache survives)" : " crashes (power loss)"));
        crash(m, 5 + random.nextInt(random.nextInt(3) == 0 ? 400 : 60), process);
      }
    }
    if (powerLossRate > 0 && power.chance(powerLossRate)) {
      powerLoss();
    }
    if (healPartitionAt < 0 && random.chance(partitionRate)) {
      String a = members.get(random.nextInt(members.size())).name;
      for (Member m : members) {
        if (!m.name.equals(a)) {
          network.partition(a, m.name);
        }
      }
      partitions++;
      healPartitionAt = tick + 10 + random.nextInt(100);
      trace(a + " is cut off until tick " + healPartitionAt);
    } else if (healPartitionAt >= 0 && tick >= healPartitionAt) {
      network.heal();
      healPartitionAt = -1;
      trace("partition healed");
    }
    if (random.chance(fullDiskRate)) {
      Member m = members.get(random.nextInt(members.size()));
      m.disk.setFull(true);
      m.fullUntil = tick + 5 + random.nextInt(30);
      trace(m.name + "'s disk is full until tick " + m.fullUntil);
    }
  }

  /**
   * Every running member crashes at once (a rack's power): each loses its unsynced writes in the
   * same instant, so the last records they synced are all the cluster has. A recovery that drops a
   * record a quorum acknowledged shows up here, where a single crash leaves the other copies.
   */
  private void powerLoss() {
    int down = 5 + power.nextInt(60);
    trace("power loss: every member crashes for " + down + " ticks");
    for (Member m : members) {
      if (m.node != null) {
        crash(m, down);
      }
    }
  }

  private void crash(Member m, int downTicks) {
    crash(m, downTicks, false);
  }

  /** The member stops: only its process ({@link SimDisk#crashProcess}), or its machine's power ({@link SimDisk#crash}). */
  private void crash(Member m, int downTicks, boolean process) {
    m.node = null;
    if (process) {
      m.disk.crashProcess();
    } else {
      m.disk.crash();
    }
    m.restartAt = tick + downTicks;
    crashes++;
  }

  private void start(Member m) {
    m.incarnation++;
    m.restartAt = -1;
    StoreConfig config = StoreConfig.defaults(m.name, Path.of("sim", m.name), URI.create("http://" + m.name + ".sim:2379"),
        cluster.get(m.name), cluster).withSnapshotCount(snapshotCount, 10);
    int incarnation = m.incarnation;
    long nodeSeed = random.nextLong();
    if (m.disk.rotAt() >= 0) {
      refuseRot(m, config, incarnation, nodeSeed);
    }
    try {
      m.node = new StoreNode(config, ev -> onEvents(m, incarnation, ev), clock, m.disk,
          network.transport(m.name), nodeSeed, options.bugs());
    } catch (java.io.IOException e) {
      throw new StoreInvariants.Violation("Recovery", m.name + " cannot recover: " + e);
    } catch (RuntimeException e) {
      throw new StoreInvariants.Violation("Recovery", m.name + " fails on restart: " + e);
    }
    invariants.onStart(m.name, m.incarnation, m.node);
    if (m.incarnation > 1) {
      trace(m.name + " restarts (term " + m.node.term() + ", commit " + m.node.commitIndex() + ")");
    }
  }

  /**
   * CorruptionRefused: a byte of what was fsynced flipped while the member was down (the last fsynced append
   * too, whose SYNC record the power loss took) must stop it from starting, with the bad record's offset at or before the byte
   * (truncating there would drop acknowledged entries and votes). Then the byte is restored, as an operator
   * restores a backup, and the member starts.
   */
  private void refuseRot(Member m, StoreConfig config, int incarnation, long nodeSeed) {
    int at = m.disk.rotAt();
    String started = null;
    try {
      new StoreNode(config, ev -> onEvents(m, incarnation, ev), clock, m.disk, network.transport(m.name), nodeSeed,
          options.bugs());
      started = "started";
    } catch (WalCorruptException e) {
      if (e.offset() > at) {
        started = "refused at offset " + e.offset() + ", after the flipped byte: " + e.getMessage();
      } else {
        trace(m.name + " refuses to start: " + e.getMessage() + " (flipped byte " + at + " restored)");
      }
    } catch (java.io.IOException | RuntimeException e) {
      started = "failed otherwise: " + e;
    }
    if (started != null) {
      throw new StoreInvariants.Violation("CorruptionRefused", m.name + " " + started + " over a WAL whose byte " + at
          + " (inside the fsynced prefix) was flipped");
    }
    m.disk.repairRot();
  }

  private void onEvents(Member m, int incarnation, RevisionEvents ev) {
    invariants.onEvents(m.name, incarnation, ev);
  }

  /** Heal everything, restart the crashed, stop traffic; the cluster must agree within the bound. */
  private void converge() {
    network.heal();
    network.setFaults(NetFaults.NONE);
    for (Member m : members) {
      m.disk.calm();
      m.stallUntil = 0;
      if (m.node == null) {
        m.restartAt = tick;
      }
    }
    long deadline = tick + options.convergenceTicks();
    for (; tick <= deadline; tick++) {
      step(false);
      if (converged()) {
        return;
      }
    }
    throw new StoreInvariants.Violation("Convergence", "no convergence " + options.convergenceTicks()
        + " ticks after healing: " + describe());
  }

  /** See {@link #REJOIN_PROBES}; on a whole, calm network with no client traffic. */
  private void rejoinProbes() {
    for (int i = 0; i < REJOIN_PROBES; i++) {
      Member m = members.get(random.nextInt(members.size()));
      int down = 2 * REJOIN_TICKS + random.nextInt(10 * REJOIN_TICKS);
      trace("rejoin probe: " + m.name + " is down for " + down + " ticks");
      crash(m, down);
      long deadline = m.restartAt + REJOIN_TICKS;
      do {
        if (++tick > deadline) {
          throw new StoreInvariants.Violation("RejoinLiveness", m.name + " knows no leader " + REJOIN_TICKS
              + " ticks after restarting from a " + down + "-tick outage: " + describe());
        }
        step(false);
      } while (m.node == null || m.node.leader() == null);
    }
    tick++;
    converge(); // and it caught up
  }

  private boolean converged() {
    StoreNode leader = null;
    for (Member m : members) {
      if (m.node == null) {
        return false;
      }
      if (m.node.isLeader()) {
        leader = m.node;
      }
    }
    if (leader == null || !clients.idle()) {
      return false;
    }
    long rev = leader.read(s -> s.currentRevision());
    for (Member m : members) {
      StoreNode n = m.node;
      if (n.appliedIndex() != leader.commitIndex() || n.read(s -> s.currentRevision()) != rev
          || !leader.config().name().equals(n.leader())) {
        return false;
      }
    }
    return true;
  }

  private void checkHistory() {
    History h = history();
    checked = h;
    CheckResult r = LinearizabilityChecker.check(h, new EtcdModel(), Budget.ofTimeout(Duration.ofSeconds(120)));
    switch (r.validity()) {
      case TRUE -> { }
      case FALSE -> throw new StoreInvariants.Violation("Linearizability", "the client history is not "
          + "linearizable: " + (r.failure() == null ? r.reason() : r.failure().operation().describe()));
      default -> throw new StoreInvariants.Violation("LinearizabilityUnknown", "the checker gave no verdict: " + r);
    }
    if (clients.acknowledged == 0) {
      throw new StoreInvariants.Violation("Vacuous", "no client operation was acknowledged");
    }
  }

  /** The client history so far (a failing seed's is written next to its trace). */
  public History history() {
    return recorder.history("simulate --store seed " + options.seed());
  }

  private List<StoreNode> live() {
    List<StoreNode> out = new ArrayList<>();
    for (Member m : members) {
      if (m.node != null) {
        out.add(m.node);
      }
    }
    return out;
  }

  private Member memberOf(StoreNode n) {
    return memberOf(n.config().name());
  }

  private Member memberOf(String name) {
    for (Member m : members) {
      if (m.name.equals(name)) {
        return m;
      }
    }
    throw new IllegalArgumentException(name);
  }

  private void trace(String line) {
    traceLazily(() -> line);
  }

  private void traceLazily(java.util.function.Supplier<String> line) {
    trace.addLast(new TraceLine(tick, line));
    if (trace.size() > TRACE_LINES) {
      trace.removeFirst();
    }
  }

  private String describe() {
    StringBuilder b = new StringBuilder();
    for (Member m : members) {
      StoreNode n = m.node;
      b.append(m.name).append(n == null ? "=down" : "=" + (n.isLeader() ? "leader" : "lead:" + n.leader())
          + "/t" + n.term() + " commit=" + n.commitIndex() + " applied=" + n.appliedIndex()
          + " rev=" + n.read(s -> s.currentRevision())).append("; ");
    }
    return b.toString().strip();
  }

  private StoreSimResult result(String invariant, String detail) {
    long diskFaults = 0;
    for (Member m : members) {
      diskFaults += m.disk.failedSyncs + m.disk.fullDisk + m.disk.tornTails + m.disk.corruptTails + m.disk.rottenBytes;
    }
    return new StoreSimResult(options.seed(), invariant, detail == null ? null : detail + " [" + describe() + "]",
        invariant == null ? -1 : tick, tick, digest(), recorder.size(), clients.acknowledged,
        network.delivered, crashes, partitions, diskFaults, invariant == null ? "" : String.join("\n", trace.stream().map(TraceLine::toString).toList()));
  }

  /**
   * Appends a value's text with map keys sorted (Map.of iterates in an order that differs between
   * JVM runs): a map as {@code {k=v, k2=v2}}, a list as {@code [a, b]}, anything else as
   * {@code String.valueOf}, the text a sorted TreeMap's and a List's toString give.
   */
  private static void canonical(StringBuilder b, Object v) {
    if (v instanceof Map<?, ?> m) {
      java.util.TreeMap<String, Object> sorted = new java.util.TreeMap<>();
      m.forEach((k, x) -> sorted.put(String.valueOf(k), x));
      b.append('{');
      String sep = "";
      for (Map.Entry<String, Object> e : sorted.entrySet()) {
        b.append(sep).append(e.getKey()).append('=');
        canonical(b, e.getValue());
        sep = ", ";
      }
      b.append('}');
    } else if (v instanceof List<?> l) {
      b.append('[');
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) {
          b.append(", ");
        }
        canonical(b, l.get(i));
      }
      b.append(']');
    } else {
      b.append(v);
    }
  }

  /** SHA-256 over every member's final state and the client history (without times, which follow from it). */
  private String digest() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(describe().getBytes(StandardCharsets.UTF_8));
      StringBuilder b = new StringBuilder(1 << 16); // hashed in chunks: the same bytes as one line at a time
      for (Op op : (checked != null ? checked : history()).events()) {
        b.append(op.process()).append('|').append(op.type()).append('|').append(op.f()).append('|').append(op.key())
            .append('|');
        canonical(b, op.value());
        b.append('|').append(op.timeNanos()).append('\n');
        if (b.length() > 60_000) {
          sha.update(b.toString().getBytes(StandardCharsets.UTF_8));
          b.setLength(0);
        }
      }
      sha.update(b.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }
}
