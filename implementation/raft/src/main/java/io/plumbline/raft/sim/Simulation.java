package io.plumbline.raft.sim;

import io.plumbline.raft.Entry;
import io.plumbline.raft.HardState;
import io.plumbline.raft.MemoryStorage;
import io.plumbline.raft.Message;
import io.plumbline.raft.RaftConfig;
import io.plumbline.raft.ReadState;
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
  private final long compactThreshold;
  private final long compactKeep;
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
    for (String id : ids) {
      int maxInflight = 1 + random.nextInt(8);
      int maxSizePerMsg = 1 + random.nextInt(512);
      RaftConfig config = RaftConfig.defaults(id, ids)
          .withPreVoteAndCheckQuorum(preVote, checkQuorum)
          .withElectionTimeoutTicks(options.electionTimeoutTicks())
          .withHeartbeatTimeoutTicks(options.heartbeatTimeoutTicks())
          .withFlowControl(maxInflight, options.specProfile() ? 1 : maxSizePerMsg)
          .withInjectedBugs(options.injectedBugs());
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
  }

  /** Runs the seed to the end or to the first violation. */
  public SimResult run() {
    try {
      for (tick = 1; tick <= options.ticks(); tick++) {
        for (SimNode n : nemesis.step(tick)) {
          restart(n);
        }
        SimNode asked = client.step();
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
        to.core.step(m);
        drain(to);
      }
    }
  }

  /** Heal everything, then require convergence within the bound. */
  private void converge() {
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
    MemoryStorage recovered = n.restart();
    checker.onRestart(n.index, n.core, recovered);
  }

  /** Does what each Ready asks through the one {@link ReadyLoop}, checking invariants on the way. */
  private void drain(SimNode n) {
    Handler h = new Handler(n);
    while (n.core.hasReady()) {
      ReadyLoop.handle(n.core, n.core.ready(), h);
      n.maybeCompact(compactThreshold, compactKeep);
    }
    afterStep(n);
  }

  /** One Ready's effects on a simulated member: its disk, the network, its chain-hash state machine. */
  private final class Handler implements ReadyLoop.Handler<RuntimeException> {
    private final SimNode n;

    Handler(SimNode n) {
      this.n = n;
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
      n.disk.persist(entries, hs, mustSync);
      checker.onPersisted(n.index, null, entries);
      afterStep(n);
    }

    @Override
    public void send(List<Message> messages) {
      for (Message m : messages) {
        network.send(m, tick);
      }
    }

    @Override
    public void apply(List<Entry> committed) {
      checker.beforeApply(n.index, committed.get(committed.size() - 1).index());
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
