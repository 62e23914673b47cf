package io.plumbline.raft.mbt;

import io.plumbline.raft.InjectedBug;
import io.plumbline.raft.Message;
import io.plumbline.raft.RaftConfig;
import io.plumbline.raft.Role;
import io.plumbline.raft.SplitMixRandom;
import io.plumbline.raft.SubmitResult;
import io.plumbline.raft.TraceSink;
import io.plumbline.raft.sim.InvariantViolation;
import io.plumbline.raft.sim.SafetyChecker;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * One seeded model-based walk over real cores with the Ready contract's persist/send split. A
 * scheduler picks one spec-level action per step (deliver or drop a message, a tick, an election
 * timeout, a client write or ReadIndex read, a restart, cutting one member off for a while); every Ready is carried out by the one
 * {@link io.plumbline.raft.node.ReadyLoop}, whose persist step may crash the member
 * ({@link WalkReadyHandler}): messages the loop sent before persisting ({@code
 * maySendBeforePersist}) stay in the network and may be delivered after the crash, exactly where
 * durability bugs live. After every step the spec's invariants are checked by name
 * ({@link SafetyChecker}); reads and durability are judged from the walk's {@link ClientRecord}.
 * The walk then heals (no crashes, every message delivered, elections until one leader) and
 * requires every member to apply every acknowledged write.
 */
final class SplitReadyWalk {
  /** Seed, steps of the fault phase, percent of persist steps that crash, and the core's bugs. */
  record Options(long seed, int steps, int crashPercent, Set<InjectedBug> bugs) {}

  /** What a walk exercised (summed over seeds to show the test is not vacuous). */
  static final class Stats {
    long leaders;
    long restarts;
    long crashesAtPersist;
    long crashesAfterEarlySend;
    long deliveredAfterSenderCrashed;
    long deliveredBeforeSenderPersisted;
    long writesAcknowledged;
    long readsCompleted;
    long readsAfterRestart;

    void add(Stats o) {
      leaders += o.leaders;
      restarts += o.restarts;
      crashesAtPersist += o.crashesAtPersist;
      crashesAfterEarlySend += o.crashesAfterEarlySend;
      deliveredAfterSenderCrashed += o.deliveredAfterSenderCrashed;
      deliveredBeforeSenderPersisted += o.deliveredBeforeSenderPersisted;
      writesAcknowledged += o.writesAcknowledged;
      readsCompleted += o.readsCompleted;
      readsAfterRestart += o.readsAfterRestart;
    }

    @Override
    public String toString() {
      return "leaders " + leaders + ", restarts " + restarts + " (" + crashesAtPersist
          + " at persist, " + crashesAfterEarlySend + " after an early send), "
          + deliveredBeforeSenderPersisted + " messages delivered before their sender persisted, "
          + deliveredAfterSenderCrashed + " after their sender crashed unpersisted, "
          + writesAcknowledged + " writes acknowledged, " + readsCompleted + " reads completed ("
          + readsAfterRestart + " showing a write acknowledged before a restart)";
    }
  }

  /** The outcome: ok, or the invariant that broke, at which step, after which actions. */
  record Result(long seed, String invariant, String detail, int step, List<String> lastActions,
      Stats stats) {
    boolean ok() {
      return invariant == null;
    }

    String report() {
      return invariant + " (seed " + seed + ", step " + step + "): " + detail
          + " [last actions: " + String.join("; ", lastActions) + "]";
    }
  }

  static final int MEMBERS = 3;
  private static final int HEAL_ROUNDS = 60;

  private final Options options;
  private final SplitMixRandom random;
  final List<WalkMember> members = new ArrayList<>();
  final SafetyChecker checker;
  final ClientRecord client = new ClientRecord();
  final List<Message> network = new ArrayList<>();
  /** Messages sent early by a Ready whose persist then crashed (identity: copies are distinct). */
  final Set<Message> sentUnpersisted = Collections.newSetFromMap(new IdentityHashMap<>());
  final Stats stats = new Stats();
  /** Members in the middle of a Ready (not stepped until it is done). */
  final Set<String> busy = new java.util.HashSet<>();
  private final Deque<String> lastActions = new ArrayDeque<>();
  int step;
  boolean crashing = true;
  private int writes;
  private String isolated;
  private int isolatedUntil;
  private int reads;

  SplitReadyWalk(Options options) {
    this(options, TraceSink.NONE);
  }

  /** A walk whose cores trace their spec actions (Persist included) into {@code trace}. */
  SplitReadyWalk(Options options, TraceSink trace) {
    this.options = options;
    this.random = new SplitMixRandom(options.seed());
    List<String> ids = List.of("n1", "n2", "n3");
    for (int i = 0; i < MEMBERS; i++) {
      // Short election timeouts so a walk of a few hundred steps sees several terms; one entry per
      // AppendEntries, so a follower can be left with a divergent suffix beyond what was sent.
      RaftConfig config = RaftConfig.defaults(ids.get(i), ids).withElectionTimeoutTicks(3)
          .withFlowControl(4, 1).withInjectedBugs(options.bugs());
      members.add(new WalkMember(ids.get(i), i, config, random.split(), trace));
    }
    checker = new SafetyChecker(ids);
  }

  /** Runs the fault phase, heals and checks durability; the first violation ends the walk. */
  Result run() {
    try {
      for (step = 1; step <= options.steps(); step++) {
        act();
      }
      crashing = false;
      heal();
      for (WalkMember m : members) {
        client.checkDurable(m.id, m.applied);
      }
      return result(null, null);
    } catch (InvariantViolation v) {
      return result(v.invariant(), v.getMessage());
    } catch (RuntimeException e) {
      return result("CoreAssertion", e.toString());
    }
  }

  private void act() {
    int r = random.nextInt(100);
    WalkMember m = members.get(random.nextInt(MEMBERS));
    if (r < 50 && !network.isEmpty()) {
      Message msg = network.remove(random.nextInt(network.size()));
      if (cutOff(msg)) {
        log("DropMessage(" + msg + ") across the partition");
      } else {
        deliver(msg);
      }
    } else if (r < 55 && !network.isEmpty()) {
      log("DropMessage(" + network.remove(random.nextInt(network.size())) + ")");
    } else if (r < 68) {
      log("Tick(" + m.id + ")");
      m.core.tick();
      drain(m);
    } else if (r < 72) {
      log("ElectionTimeout(" + m.id + ")");
      m.core.campaign();
      drain(m);
    } else if (r < 84) {
      propose(m);
    } else if (r < 94) {
      readIndex(m);
    } else if (r < 96) {
      restart(m, "Restart(" + m.id + ")");
    } else if (r < 98) {
      isolated = m.id;
      isolatedUntil = step + 20 + random.nextInt(60);
      log("Partition(" + m.id + " until step " + isolatedUntil + ")");
    } else {
      log("Tick(" + m.id + ")");
      m.core.tick();
      drain(m);
    }
  }

  /** Whether {@code msg} crosses the current partition (one member cut off from the others). */
  private boolean cutOff(Message msg) {
    return isolated != null && step < isolatedUntil
        && (msg.from().equals(isolated) || msg.to().equals(isolated));
  }

  private void propose(WalkMember m) {
    String value = "w" + (++writes);
    SubmitResult res = m.core.propose(value.getBytes(StandardCharsets.UTF_8));
    log("ClientRequest(" + m.id + ", " + value + ") " + res.status());
    if (res.accepted()) {
      client.writeInvoked(value, m.id);
      drain(m);
    }
  }

  private void readIndex(WalkMember m) {
    String context = "r" + (++reads);
    checker.onReadStarted(context);
    SubmitResult res = m.core.readIndex(context.getBytes(StandardCharsets.UTF_8));
    log("ReadIndexRequest(" + m.id + ", " + context + ") " + res.status());
    if (res.accepted()) {
      client.readInvoked(context, m.id, step, m.incarnation);
      drain(m);
    }
  }

  private void deliver(Message msg) {
    if (sentUnpersisted.remove(msg)) {
      stats.deliveredAfterSenderCrashed++;
    }
    log("Receive(" + msg.type() + " " + msg.from() + "->" + msg.to() + " t" + msg.term() + ")");
    WalkMember to = member(msg.to());
    to.core.step(msg);
    drain(to);
  }

  /** Carries out every Ready of {@code m}; a crash inside restarts it from its durable disk. */
  void drain(WalkMember m) {
    for (;;) {
      try {
        WalkReadyHandler.drain(this, m);
        checker.afterStep(m.index, m.core);
        return;
      } catch (WalkReadyHandler.Crash c) {
        restart(m, "Restart(" + m.id + ") after a crash at persist");
      }
    }
  }

  void restart(WalkMember m, String action) {
    log(action);
    var recovered = m.crashAndRestart();
    checker.onRestart(m.index, m.core, recovered);
    client.restarted(m.id, step);
    stats.restarts++;
    drain(m);
  }

  /**
   * The scheduler may deliver messages a Ready sent early at once, before their sender persists
   * that Ready (the recipients run; their answers wait in the network).
   */
  void maybeDeliverBeforePersist(List<Message> early) {
    if (!crashing || random.nextInt(100) >= 30) {
      return;
    }
    for (Message msg : early) {
      if (!cutOff(msg) && !busy.contains(msg.to()) && network.remove(msg)) {
        stats.deliveredBeforeSenderPersisted++;
        deliver(msg);
      }
    }
  }

  /** Whether the persist step about to run crashes instead (the scheduler's choice). */
  boolean crashNow() {
    return crashing && random.nextInt(100) < options.crashPercent();
  }

  /** Heals: every message delivered, elections and heartbeats until one leader has every member applied up to its log. */
  private void heal() {
    for (int round = 0; round < HEAL_ROUNDS; round++) {
      deliverAll();
      WalkMember leader = leader();
      if (leader != null && converged(leader)) {
        return;
      }
      if (leader == null) {
        WalkMember c = members.get(round % MEMBERS);
        log("ElectionTimeout(" + c.id + ") while healing");
        c.core.campaign();
        drain(c);
      } else {
        leader.core.tick();
        drain(leader);
      }
      step++;
    }
    throw new InvariantViolation("Convergence", "no single leader with every member applied "
        + HEAL_ROUNDS + " rounds after healing: " + describe());
  }

  private void deliverAll() {
    for (int n = 0; !network.isEmpty() && n < 100_000; n++) {
      deliver(network.remove(0));
    }
  }

  private WalkMember leader() {
    WalkMember leader = null;
    for (WalkMember m : members) {
      if (m.core.role() == Role.Leader && (leader == null || m.core.term() > leader.core.term())) {
        leader = m;
      }
    }
    return leader;
  }

  private boolean converged(WalkMember leader) {
    if (leader.core.commitIndex() != leader.core.lastIndex()) {
      return false;
    }
    for (WalkMember m : members) {
      if (m.core.term() != leader.core.term() || m.appliedIndex != leader.core.lastIndex()) {
        return false;
      }
    }
    return true;
  }

  WalkMember member(String id) {
    return members.get(Integer.parseInt(id.substring(1)) - 1);
  }

  void log(String action) {
    if (lastActions.size() == 12) {
      lastActions.removeFirst();
    }
    lastActions.addLast(step + ": " + action);
  }

  private String describe() {
    StringBuilder b = new StringBuilder();
    for (WalkMember m : members) {
      b.append(m.id).append('=').append(m.core.role()).append("/t").append(m.core.term())
          .append(" commit=").append(m.core.commitIndex()).append(" applied=")
          .append(m.appliedIndex).append(" last=").append(m.core.lastIndex()).append("; ");
    }
    return b.toString().strip();
  }

  private Result result(String invariant, String detail) {
    stats.leaders = checker.leadersElected();
    stats.writesAcknowledged = client.acknowledgedCount();
    stats.readsCompleted = client.readsCompleted;
    stats.readsAfterRestart = client.readsShowingWritesAcknowledgedBeforeARestart;
    return new Result(options.seed(), invariant,
        detail == null ? null : detail + " [" + describe() + "]", step, List.copyOf(lastActions),
        stats);
  }
}
