package io.plumbline.raft.sim;

import io.plumbline.raft.Entry;
import io.plumbline.raft.HardState;
import io.plumbline.raft.MemoryStorage;
import io.plumbline.raft.Message;
import io.plumbline.raft.MessageType;
import io.plumbline.raft.RaftConfig;
import io.plumbline.raft.ReadState;
import io.plumbline.raft.Ready;
import io.plumbline.raft.Role;
import io.plumbline.raft.Snapshot;
import io.plumbline.raft.SplitMixRandom;
import io.plumbline.raft.node.ReadyLoop;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * One seed of the deterministic simulation: a fault phase (network faults, partitions, crashes,
 * traffic) with every safety invariant checked after every step, then a convergence phase (the
 * network heals, crashed members restart) that must end with one leader, every outstanding write
 * acknowledged and every member applied up to the leader's last index.
 */
public final class Simulation {
  private final SimOptions options;
  private final SplitMixRandom random;
  private final List<SimNode> nodes = new ArrayList<>();
  private final Map<String, SimNode> byId = new HashMap<>();
  private final SafetyChecker checker;
  private final SimNetwork network;
  private final SimClient client;
  private final Nemesis nemesis;
  private long compactThreshold;
  private long compactKeep;
  /** The hosts' choices in the Ready-out mode, or null. */
  private final ReadyOutHost host;
  private final WorkBudget work;
  private long tick;

  public Simulation(SimOptions options) {
    this.options = options;
    this.random = new SplitMixRandom(options.seed());
    List<String> ids = new ArrayList<>();
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < options.nodes(); i++) {
      ids.add("n" + (i + 1));
      index.put("n" + (i + 1), i);
    }
    // Most seeds run etcd's recommended PreVote + CheckQuorum; some run without either.
    // The spec profile draws the same numbers, so faults and workload stay those of the seed.
    boolean preVote = random.nextInt(5) > 0 || options.specProfile();
    boolean checkQuorum = random.nextInt(5) > 0 || options.specProfile();
    host = options.readyOut() ? new ReadyOutHost(options.seed()) : null;
    work = new WorkBudget(options);
    for (String id : ids) {
      int maxInflight = 1 + random.nextInt(8);
      int maxSizePerMsg = 1 + random.nextInt(512);
      RaftConfig config = RaftConfig.defaults(id, ids)
          .withPreVoteAndCheckQuorum(preVote, checkQuorum)
          .withElectionTimeoutTicks(options.electionTimeoutTicks())
          .withHeartbeatTimeoutTicks(options.heartbeatTimeoutTicks())
          .withFlowControl(maxInflight, options.specProfile() ? 1 : maxSizePerMsg)
          .withInjectedBugs(options.injectedBugs());
      if (host != null) {
        config = config.withMaxCommittedSizePerReady(host.committedPageBytes);
      }
      nodes.add(new SimNode(id, index.get(id), config, random.split(), options.trace()));
      byId.put(id, nodes.get(nodes.size() - 1));
    }
    checker = new SafetyChecker(ids);
    network = new SimNetwork(random.split(), index, new SimNetwork.Faults(
        random.nextInt(16) / 100.0, random.nextInt(6) / 100.0, 1 + random.nextInt(4),
        random.nextInt(30) / 1000.0, 1 + random.nextInt(100)));
    client = new SimClient(random.split(), nodes, checker,
        0.05 + random.nextInt(40) / 100.0, random.nextInt(20) / 100.0);
    nemesis = new Nemesis(random.split(), nodes, network, new Nemesis.Rates(
        random.nextInt(20) / 1000.0, 0.01 + random.nextInt(90) / 1000.0,
        random.nextInt(10) / 1000.0, 1 + random.nextInt(60)));
    long threshold = 20 + random.nextInt(300);
    long keep = random.nextInt(20);
    // The spec profile's runs are short (trace validation checks them event by event), so they
    // compact sooner: 1..8 entries past the first index, keeping 0..3, as drawn from the same numbers.
    compactThreshold = options.specProfile() ? 1 + threshold / 40 : threshold;
    compactKeep = options.specProfile() ? keep / 5 : keep;
    if (host != null) {
      // Snapshots while a Ready is out need followers that fall behind a compacted log often.
      compactThreshold = Math.min(compactThreshold, 1 + threshold / host.compactDivisor);
      compactKeep = Math.min(compactKeep, keep / host.compactDivisor);
    }
  }

  /** What the Ready-out mode exercised so far (all zero without it). */
  ReadyOutHost.Stats readyOutStats() {
    return host == null ? new ReadyOutHost.Stats() : host.stats;
  }

  /** The work done so far, as the seed's cost bound counts it. */
  WorkBudget work() {
    return work;
  }

  /** Runs the seed to the end or to the first violation. */
  public SimResult run() {
    try {
      for (tick = 1; tick <= options.ticks(); tick++) {
        for (SimNode n : nemesis.step(tick)) {
          restart(n);
        }
        SimNode asked = client.step();
        if (asked != null && asked.held != null) {
          host.stats.clientRequestsWithReadyOut++;
        }
        if (asked != null) {
          drain(asked);
        }
        tickAndDeliver();
      }
      converge();
      return result(null, null, -1);
    } catch (InvariantViolation v) {
      return result(v.invariant(), v.getMessage(), tick);
    } catch (RuntimeException e) {
      return result("CoreAssertion", e.toString(), tick);
    }
  }

  private void tickAndDeliver() {
    for (SimNode n : nodes) {
      if (n.up) {
        n.core.tick();
        drain(n);
      }
    }
    for (Message m : network.due(tick)) {
      SimNode to = byId.get(m.to());
      if (to.up) {
        work.messagesDelivered++;
        if (to.held != null && m.type() == MessageType.SnapshotRequest) {
          host.stats.snapshotsWithReadyOut++;
        }
        to.core.step(m);
        drain(to);
      }
    }
  }

  /** Heal everything, then require convergence within the bound. */
  private void converge() {
    if (host != null) {
      host.faulty = false;
    }
    network.heal();
    network.setFaults(new SimNetwork.Faults(0, 0, 1, 0, 1));
    for (SimNode n : nodes) {
      if (!n.up) {
        restart(n);
      }
    }
    long deadline = tick + options.convergenceTicks();
    for (; tick <= deadline; tick++) {
      SimNode leader = stableLeader();
      if (leader != null && tick % (2L * options.electionTimeoutTicks()) == 0
          && client.retryOutstanding(leader.core)) {
        drain(leader);
      }
      if (leader != null && converged(leader)) {
        return;
      }
      tickAndDeliver();
    }
    throw new InvariantViolation("Convergence", "no convergence " + options.convergenceTicks()
        + " ticks after healing: " + describe() + ", outstanding writes " + client.outstanding());
  }

  private SimNode stableLeader() {
    SimNode leader = null;
    for (SimNode n : nodes) {
      if (n.core.role() == Role.Leader && (leader == null || n.core.term() > leader.core.term())) {
        leader = n;
      }
    }
    return leader;
  }

  private boolean converged(SimNode leader) {
    if (client.outstanding() > 0 || leader.core.commitIndex() != leader.core.lastIndex()) {
      return false;
    }
    for (SimNode n : nodes) {
      if (n.core.term() != leader.core.term() || n.appliedIndex != leader.core.lastIndex()
          || !leader.id.equals(n.core.lead())) {
        return false;
      }
    }
    return true;
  }

  private void restart(SimNode n) {
    if (n.held != null) {
      host.stats.crashesWithReadyOut++;
    }
    MemoryStorage recovered = n.restart();
    checker.onRestart(n.index, n.core, recovered);
  }

  /**
   * Does what each Ready asks through the one {@link ReadyLoop}, checking invariants on the way.
   * In the Ready-out mode the host may hold a Ready it took: the core then takes further steps
   * (each one calls this again) before the host finishes that Ready, and invariants are checked on
   * the member only once it has no Ready out (its core is then exactly what it persisted).
   */
  private void drain(SimNode n) {
    for (;;) {
      try {
        if (drainUntilHeld(n)) {
          return;
        }
        break;
      } catch (CrashAtPersist c) {
        host.stats.crashesAtPersist++;
        restart(n);
      }
    }
    work.check(tick);
    afterStep(n);
  }

  /** Drains {@code n}'s Readys; returns whether the host holds one out when it stops. */
  private boolean drainUntilHeld(SimNode n) {
    if (n.held != null) {
      if (n.holdSteps-- > 0) {
        host.stats.stepsWithReadyOut++;
        return true;
      }
      Ready rd = n.held;
      n.held = null;
      handle(n, rd, new Handler(n, true, n.heldSentEarly, host.crashAtPersist()));
    }
    int readys = 0;
    while (n.core.hasReady()) {
      Ready rd = n.core.ready();
      if (host != null && host.hold(rd)) {
        hold(n, rd);
        return true;
      }
      handle(n, rd, new Handler(n, false, false, false));
      WorkBudget.checkDrain(n.id, ++readys, rd);
    }
    return false;
  }

  /** The host takes {@code rd} out and finishes it only after further steps of the core. */
  private void hold(SimNode n, Ready rd) {
    host.stats.held++;
    if (rd.snapshot() != null) {
      host.stats.snapshotsHeld++;
    }
    n.held = rd;
    n.holdSteps = host.holdSteps(rd);
    n.heldSentEarly = false;
    if (rd.maySendBeforePersist(n.disk.cache().initialState()) && host.sendEarly()) {
      new Handler(n, true, false, false).send(rd.messages());
      n.heldSentEarly = true;
      host.stats.sentEarly++;
    }
  }

  private void handle(SimNode n, Ready rd, Handler h) {
    work.readys++;
    ReadyLoop.handle(n.core, rd, h);
    n.maybeCompact(compactThreshold, compactKeep);
  }

  /** The host crashed at the persist step of a Ready it held (after any early send). */
  private static final class CrashAtPersist extends RuntimeException {
    CrashAtPersist() {
      super(null, null, false, false);
    }
  }

  /** One Ready's effects on a simulated member: its disk, the network, its chain-hash state machine. */
  private final class Handler implements ReadyLoop.Handler<RuntimeException> {
    private final SimNode n;
    /** The core took steps since this Ready: it is ahead of what this Ready persists. */
    private final boolean held;
    private boolean sent;
    private final boolean crashAtPersist;

    Handler(SimNode n, boolean held, boolean sentAlready, boolean crashAtPersist) {
      this.n = n;
      this.held = held;
      this.sent = sentAlready;
      this.crashAtPersist = crashAtPersist;
    }

    @Override
    public HardState persistedHardState() {
      return n.disk.cache().initialState();
    }

    @Override
    public long stableLastIndex() {
      return n.disk.cache().lastIndex();
    }

    @Override
    public void installSnapshot(Snapshot s) {
      n.disk.persistSnapshot(s);
      checker.onPersisted(n.index, s, List.of());
      n.restoreSnapshot(s);
    }

    @Override
    public void persist(List<Entry> entries, HardState hs, boolean mustSync) {
      if (crashAtPersist) {
        throw new CrashAtPersist();
      }
      work.entriesPersisted += entries.size();
      n.disk.persist(entries, hs, mustSync);
      checker.onPersisted(n.index, null, entries);
      if (!held) {
        afterStep(n);
      }
    }

    @Override
    public void send(List<Message> messages) {
      if (sent) {
        return; // sent when the host took the Ready out
      }
      sent = true;
      HardState durable = n.disk.durableHardState();
      long durableLast = n.disk.durableLastIndex();
      for (Message m : messages) {
        checker.beforeSend(n.index, m, durable, durableLast);
        work.entriesSent += m.entries().size();
        network.send(m, tick);
      }
    }

    @Override
    public void apply(List<Entry> committed) {
      checker.beforeApply(n.index, committed.get(committed.size() - 1).index(), n.core.term());
      work.entriesApplied += committed.size();
      for (Entry e : committed) {
        checker.onApplied(n.index, e.index(), n.apply(e));
        client.onApplied(e.value());
      }
    }

    @Override
    public void readStates(List<ReadState> states) {
      for (ReadState rs : states) {
        checker.onReadState(n.index, rs);
        client.onReadServed();
      }
    }
  }

  private void afterStep(SimNode n) {
    checker.afterStep(n.index, n.core);
  }

  private String describe() {
    StringBuilder b = new StringBuilder();
    for (SimNode n : nodes) {
      b.append(n.id).append('=').append(n.core.role()).append("/t").append(n.core.term())
          .append(" commit=").append(n.core.commitIndex()).append(" applied=")
          .append(n.appliedIndex).append(" last=").append(n.core.lastIndex())
          .append(n.core.role() == Role.Leader ? " progress=" + n.core.progressView() : "")
          .append("; ");
    }
    return b.toString().strip();
  }

  private SimResult result(String invariant, String detail, long failedAt) {
    return new SimResult(options.seed(), invariant,
        detail == null ? null : detail + " [" + describe() + "]",
        failedAt, tick, digest(), network.delivered, client.acknowledged, client.readsServed,
        checker.leadersElected(), nemesis.crashes, nemesis.partitions);
  }

  /** SHA-256 over every member's final state and applied sequence (as its chain hash). */
  private String digest() {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (SimNode n : nodes) {
        String s = n.id + "|" + n.up + "|" + n.core.term() + "|" + n.core.vote() + "|"
            + n.core.role() + "|" + n.core.commitIndex() + "|" + n.appliedIndex + "|"
            + n.appliedHash + "|" + n.core.lastIndex() + "|" + n.core.termAt(n.core.lastIndex());
        sha.update(s.getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(sha.digest(), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }
}
