package io.plumbline.store.node;

import com.google.protobuf.MessageLite;
import io.etcd.jetcd.api.ResponseHeader;
import io.plumbline.raft.Entry;
import io.plumbline.raft.HardState;
import io.plumbline.raft.MemoryStorage;
import io.plumbline.raft.Message;
import io.plumbline.raft.RaftConfig;
import io.plumbline.raft.RaftCore;
import io.plumbline.raft.ReadState;
import io.plumbline.raft.Role;
import io.plumbline.raft.Snapshot;
import io.plumbline.raft.SoftState;
import io.plumbline.raft.SplitMixRandom;
import io.plumbline.raft.SubmitResult;
import io.plumbline.raft.TraceSink;
import io.plumbline.raft.node.ReadyLoop;
import io.plumbline.store.fault.SplitTxn;
import io.plumbline.store.mvcc.MvccSnapshot;
import io.plumbline.store.mvcc.MvccStore;
import io.plumbline.store.mvcc.RevisionEvents;
import io.plumbline.store.mvcc.StoreError;
import io.plumbline.store.mvcc.StoreException;
import io.plumbline.store.transport.GrpcPeerTransport;
import io.plumbline.store.transport.PeerHandler;
import io.plumbline.store.transport.PeerMethods;
import io.plumbline.store.transport.PeerTransport;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thin node shell around the pure {@link RaftCore}: one loop thread owns the core, ticks it,
 * steps peer messages and client proposals, and carries out each {@link Ready} in the contract's
 * order — persist (WAL, fsync when {@code mustSync}: one fsync per Ready is the group commit),
 * then send, then apply committed entries to the {@link MvccStore}, then serve ReadIndex reads.
 * It snapshots every {@code snapshotCount} applied entries and compacts the log behind it.
 *
 * <p>Other threads talk to the loop only through its task queue; they read the MVCC store under
 * a read lock (the loop holds the write lock while applying).
 */
public final class StoreNode implements PeerHandler, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StoreNode.class);
  private static final int INBOX_CAPACITY = 100_000;
  private static final int MAX_TASKS_PER_ROUND = 8192;

  private final StoreConfig config;
  private final MvccStore mvcc;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final MemoryStorage storage;
  private final NodeClock clock;
  private final NodeDisk disk;
  private final PeerTransport transport;
  private final java.util.Set<ShellBug> bugs;
  private final ReadyHandler readyHandler = new ReadyHandler();
  private final RaftCore core;
  private final BlockingQueue<Runnable> inbox = new LinkedBlockingQueue<>(INBOX_CAPACITY);
  /** {@link #runTasks}'s batch, reused: the simulator runs a round per member per tick. */
  private final List<Runnable> drained = new ArrayList<>();
  private final Map<Long, CompletableFuture<Object>> waiting = new ConcurrentHashMap<>();
  private final AppliedWaiters appliedWaiters = new AppliedWaiters();
  private final ReadBatcher reads;
  private final ForwardBatcher forwards = new ForwardBatcher();
  private final Lessor lessor;
  private final long bootNonce;
  private final AtomicLong requestCounter = new AtomicLong();
  private final Thread loop;
  private volatile boolean running = true;
  private volatile SoftState soft = new SoftState(null, Role.Follower);
  private volatile long term;
  private volatile long commitIndex;
  private volatile long appliedIndex;
  private long snapshotIndex;
  private final long clusterId; // both hashed once: every response header carries them
  private final long selfId;
  private long ticks;
  /** This member's client URL in the replicated metadata (checked every 10 ticks: built once). */
  private final String metaKey;
  private final String clientUrl;

  /** The node that ships: the system clock, files under {@code config.dataDir()}, gRPC to the peers. */
  public StoreNode(StoreConfig config, Consumer<RevisionEvents> watchers) throws IOException {
    this(config, watchers, NodeClock.SYSTEM, new FileNodeDisk(config.dataDir()),
        new GrpcPeerTransport(config.name(), config.initialCluster(), config.peerTls()),
        System.nanoTime() ^ config.name().hashCode(), java.util.Set.of());
  }

  /**
   * A node on the given clock, disk and transport, its Raft randomness and request-id nonce from
   * {@code seed}; {@code bugs} injects node-shell bugs (the simulator's tests only).
   */
  public StoreNode(StoreConfig config, Consumer<RevisionEvents> watchers, NodeClock clock, NodeDisk disk,
      PeerTransport transport, long seed, java.util.Set<ShellBug> bugs) throws IOException {
    this.config = config;
    this.clock = clock;
    this.disk = disk;
    this.transport = transport;
    this.bugs = java.util.Set.copyOf(bugs);
    this.bootNonce = seed & 0xFFFFFF;
    this.clusterId = Ids.clusterId(config.initialCluster());
    this.selfId = Ids.memberId(config.name(), config.initialCluster().get(config.name()));
    this.mvcc = new MvccStore(config.minLeaseTtlSeconds());
    this.metaKey = "member/" + config.name();
    this.clientUrl = config.clientUrl().toString();
    Recovery.Recovered r = Recovery.open(disk, mvcc, config.name(), bugs.contains(ShellBug.LOSE_LAST_WAL_RECORD));
    mvcc.setListener(watchers);
    mvcc.setFaults(config.faults()); // fault hook: revision-skip
    this.lessor = new Lessor(config.faults()); // fault hook: early-lease-expiry
    this.storage = r.storage();
    this.snapshotIndex = r.snapshotIndex();
    this.appliedIndex = r.snapshotIndex();
    this.term = storage.initialState().term(); // headers carry the recovered term before the first Ready
    this.commitIndex = storage.initialState().commit();
    RaftConfig rc = RaftConfig.defaults(config.name(), List.copyOf(config.initialCluster().keySet()))
        .withElectionTimeoutTicks(config.electionTicks());
    this.core = RaftCore.restart(rc, storage, new SplitMixRandom(seed), TraceSink.NONE);
    this.reads = new ReadBatcher(config.name(),
        (leader, readId) -> sendFrame(leader, PeerFrames.readRequest(config.name(), readId)));
    this.loop = new Thread(this::runLoop, "raft-loop-" + config.name());
  }

  public void start() {
    loop.start();
  }

  public StoreConfig config() {
    return config;
  }

  // ---------------------------------------------------------------- client-facing API

  /**
   * Proposes a command; completes with the applied result (a response proto) or fails with a
   * StoreException. NO_LEADER and TOO_MANY_REQUESTS mean it was neither proposed nor forwarded.
   */
  public CompletableFuture<Object> propose(Command.Type type, byte[] payload) {
    return propose(id -> new Command(type, id, payload).encode());
  }

  /** As {@link #propose(Command.Type, byte[])}, the request serialized once, straight into the entry. */
  public CompletableFuture<Object> propose(Command.Type type, MessageLite request) {
    return propose(id -> Command.encode(type, id, request));
  }

  private CompletableFuture<Object> propose(java.util.function.LongFunction<byte[]> encode) {
    long id = (bootNonce << 40) | (requestCounter.incrementAndGet() & 0xFF_FFFF_FFFFL);
    CompletableFuture<Object> f = new CompletableFuture<>();
    waiting.put(id, f);
    byte[] data = encode.apply(id);
    submit(f, () -> proposeOnLoop(data, f));
    clock.timeout(f, config.requestTimeoutMs());
    return f.whenComplete((r, e) -> waiting.remove(id));
  }

  /** Completes once this member has applied everything committed when the read was confirmed (ReadIndex). */
  public CompletableFuture<Void> readBarrier() {
    CompletableFuture<Void> f = new CompletableFuture<>();
    submit(f, () -> reads.add(index -> appliedWaiters.await(index, appliedIndex, () -> f.complete(null)),
        f::completeExceptionally));
    return clock.timeout(f, config.requestTimeoutMs());
  }

  /** Runs a read against the MVCC store under the read lock. */
  public <T> T read(Function<MvccStore, T> reader) {
    lock.readLock().lock();
    try {
      return reader.apply(mvcc);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Keep-alive on the leader: the lease's TTL, or fails with lease-not-found. */
  public CompletableFuture<Long> leaseRenew(long id) {
    return leaderCall(PeerMethods.LEASE_RENEW, id);
  }

  /** Remaining TTL on the leader, -1 when the lease does not exist. */
  public CompletableFuture<Long> leaseRemaining(long id) {
    return leaderCall(PeerMethods.LEASE_TTL, id);
  }

  /** A header as etcd fills it: cluster and member id, the given revision, the Raft term. */
  public ResponseHeader header(long revision) {
    return ResponseHeader.newBuilder().setClusterId(clusterId).setMemberId(selfId)
        .setRevision(revision).setRaftTerm(term).build();
  }

  public String leader() {
    return soft.lead();
  }

  public boolean isLeader() {
    return soft.role() == Role.Leader;
  }

  public long term() {
    return term;
  }

  public long commitIndex() {
    return commitIndex;
  }

  public long appliedIndex() {
    return appliedIndex;
  }

  public long clusterId() {
    return clusterId;
  }

  public long memberId(String name) {
    return Ids.memberId(name, config.initialCluster().get(name));
  }

  // ---------------------------------------------------------------- peer-facing API

  @Override
  public void receive(List<Message> batch) {
    inbox.offer(() -> {
      for (Message m : batch) {
        if (config.name().equals(m.to())) {
          core.step(m);
        }
      }
    });
  }

  @Override
  public void receiveFrame(byte kind, ByteBuffer body) {
    switch (kind) { // decoded here, on the network thread; only the state changes run on the loop
      case PeerMethods.FRAME_PROPOSE -> {
        PeerFrames.Proposals p = PeerFrames.proposals(body);
        inbox.offer(() -> proposeForwarded(p));
      }
      case PeerMethods.FRAME_PROPOSE_REFUSED -> {
        for (PeerFrames.Refusal r : PeerFrames.refusals(body)) {
          CompletableFuture<Object> f = waiting.get(r.requestId());
          if (f != null) {
            f.completeExceptionally(r.error().exception());
          }
        }
      }
      case PeerMethods.FRAME_READ_INDEX -> {
        PeerFrames.ReadRequest r = PeerFrames.readRequest(body);
        inbox.offer(() -> readIndexForPeer(r));
      }
      case PeerMethods.FRAME_READ_INDEX_RESULT -> {
        PeerFrames.ReadResult r = PeerFrames.readResult(body);
        inbox.offer(() -> reads.remoteResult(r));
      }
      default -> LOG.warn("{}: ignoring a peer frame of unknown kind {}", config.name(), kind);
    }
  }

  @Override
  public CompletableFuture<byte[]> call(byte op, byte[] payload) {
    CompletableFuture<byte[]> f = new CompletableFuture<>();
    submit(f, () -> {
      if (core.role() != Role.Leader) {
        f.completeExceptionally(StoreError.LEADER_CHANGED.exception());
      } else {
        leaseOnLeader(op, ByteBuffer.wrap(payload).getLong(), f);
      }
    });
    return f;
  }

  // ---------------------------------------------------------------- loop-thread work

  private void submit(CompletableFuture<?> f, Runnable task) {
    if (!running) {
      f.completeExceptionally(StoreError.STOPPED.exception());
    } else if (!inbox.offer(task)) {
      f.completeExceptionally(StoreError.TOO_MANY_REQUESTS.exception());
    }
  }

  private void proposeOnLoop(byte[] data, CompletableFuture<Object> f) {
    if (core.role() == Role.Leader) {
      StoreError err = proposeAsLeader(data);
      if (err != null) {
        f.completeExceptionally(err.exception());
      }
    } else if (core.lead() != null) {
      forwards.add(data, f); // sent with the others of this round; answered by our own apply
    } else {
      f.completeExceptionally(StoreError.NO_LEADER.exception());
    }
  }

  /** End of a loop round: forwarded proposals go to the leader in one call (or are proposed here if we lead now). */
  private void flushForwards() {
    if (forwards.isEmpty()) {
      return;
    }
    if (core.role() == Role.Leader) {
      List<CompletableFuture<Object>> results = new ArrayList<>();
      List<byte[]> data = forwards.drainData(results);
      for (int i = 0; i < data.size(); i++) {
        StoreError err = proposeAsLeader(data.get(i));
        if (err != null) {
          results.get(i).completeExceptionally(err.exception());
        }
      }
    } else if (core.lead() != null) {
      sendFrame(core.lead(), forwards.takeFrame(config.name()));
    } else {
      List<CompletableFuture<Object>> results = new ArrayList<>();
      forwards.drainData(results);
      results.forEach(r -> r.completeExceptionally(StoreError.NO_LEADER.exception()));
    }
  }

  /** A follower's forwarded proposals: proposed here; the ones refused (we no longer lead, overload) are named back. */
  private void proposeForwarded(PeerFrames.Proposals p) {
    List<PeerFrames.Refusal> refused = new ArrayList<>();
    for (byte[] c : p.commands()) {
      StoreError err = core.role() == Role.Leader ? proposeAsLeader(c) : StoreError.LEADER_CHANGED;
      if (err != null) {
        refused.add(new PeerFrames.Refusal(Command.requestIdOf(c), err));
      }
    }
    if (!refused.isEmpty()) {
      sendFrame(p.from(), PeerFrames.refusals(refused));
    }
  }

  /** A follower's ReadIndex request joins our next round; the result goes back on our stream to it. */
  private void readIndexForPeer(PeerFrames.ReadRequest r) {
    if (core.role() != Role.Leader) {
      sendFrame(r.from(), PeerFrames.readResult(new PeerFrames.ReadResult(r.readId(), StoreError.LEADER_CHANGED, 0)));
      return;
    }
    reads.add(index -> sendFrame(r.from(), PeerFrames.readResult(new PeerFrames.ReadResult(r.readId(), null, index))),
        err -> sendFrame(r.from(), PeerFrames.readResult(new PeerFrames.ReadResult(r.readId(),
            err instanceof StoreException se ? se.error() : StoreError.TIMEOUT, 0))));
  }

  /** Sends one frame to a peer; dropped when the link is down, as Raft messages are. */
  private void sendFrame(String peer, byte[] frame) {
    transport.sendFrame(peer, frame);
  }

  /** Proposes on the leader: null when the core accepted it, else why not. */
  private StoreError proposeAsLeader(byte[] data) {
    SubmitResult r = core.propose(data);
    if (r.accepted()) {
      return null;
    }
    return r.status() == SubmitResult.Status.OVERLOADED ? StoreError.TOO_MANY_REQUESTS : StoreError.LEADER_CHANGED;
  }

  private CompletableFuture<Long> leaderCall(byte op, long id) {
    CompletableFuture<byte[]> raw = new CompletableFuture<>();
    submit(raw, () -> {
      if (core.role() == Role.Leader) {
        leaseOnLeader(op, id, raw);
      } else if (core.lead() != null) {
        transport.call(core.lead(), op, longBytes(id), config.requestTimeoutMs()).whenComplete((v, e) -> {
          if (e != null) {
            raw.completeExceptionally(e);
          } else {
            raw.complete(v);
          }
        });
      } else {
        raw.completeExceptionally(StoreError.NO_LEADER.exception());
      }
    });
    return clock.timeout(raw, config.requestTimeoutMs())
        .thenApply(b -> ByteBuffer.wrap(b).getLong());
  }

  private void leaseOnLeader(byte op, long id, CompletableFuture<byte[]> f) {
    var lease = mvcc.leases().get(id);
    long now = clock.nanoTime();
    if (op == PeerMethods.LEASE_TTL) {
      f.complete(longBytes(lease == null ? -1 : lessor.remainingSeconds(id, now)));
    } else if (lease == null) {
      f.completeExceptionally(StoreError.LEASE_NOT_FOUND.exception());
    } else {
      lessor.renew(id, lease.ttlSeconds(), now);
      f.complete(longBytes(lease.ttlSeconds()));
    }
  }

  private void runLoop() {
    long tickNanos = config.tickMs() * 1_000_000L;
    long nextTick = clock.nanoTime() + tickNanos;
    List<Runnable> batch = new ArrayList<>();
    while (running) {
      try {
        long wait = nextTick - clock.nanoTime();
        Runnable first = wait > 0 ? inbox.poll(wait, TimeUnit.NANOSECONDS) : inbox.poll();
        if (first != null) {
          batch.add(first);
          inbox.drainTo(batch, MAX_TASKS_PER_ROUND);
          for (Runnable t : batch) {
            t.run();
          }
          batch.clear();
        }
        long now = clock.nanoTime();
        if (now >= nextTick) {
          nextTick = Math.max(nextTick + tickNanos, now - tickNanos);
          onTick(now);
        }
        endRound(now);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (IOException | RuntimeException e) {
        LOG.error("{}: stopping after a fatal error in the raft loop", config.name(), e);
        running = false;
      }
    }
  }

  /** A loop round ends: batched reads and forwarded proposals go out, every Ready is carried out. */
  private void endRound(long now) throws IOException {
    flushAndHandleReadys(now);
    if (reads.waitingForRound()) { // a round just ended in a Ready: its waiters start the next now
      flushAndHandleReadys(now);
    }
  }

  private void runTasks() {
    if (inbox.isEmpty()) {
      return;
    }
    try {
      inbox.drainTo(drained); // what is queued now; tasks these queue wait for the next round
      for (int i = 0; i < drained.size(); i++) {
        drained.get(i).run();
      }
    } finally {
      drained.clear();
    }
  }

  /**
   * Single-threaded driving (the simulator, which never calls {@link #start}): one loop round in
   * which a tick falls due, as {@link #runLoop} runs it: the queued tasks, then the tick, then one
   * {@link #endRound} (one Ready for all of them). An exception is fatal, as on the loop thread.
   */
  public void runPendingAndTick() throws IOException {
    runTasks();
    long now = clock.nanoTime();
    onTick(now);
    endRound(now);
  }

  private void flushAndHandleReadys(long now) throws IOException {
    reads.flush(core, core.role() == Role.Leader, now);
    flushForwards();
    while (core.hasReady()) {
      ReadyLoop.handle(core, core.ready(), readyHandler);
      maybeSnapshot();
    }
  }

  private void onTick(long now) {
    core.tick();
    reads.retryIfStale(now);
    ticks++;
    if (core.role() == Role.Leader) {
      for (long id : lessor.expired(now)) {
        LOG.info("{}: lease {} expired, revoking", config.name(), Long.toHexString(id));
        byte[] req = io.etcd.jetcd.api.LeaseRevokeRequest.newBuilder().setID(id).build().toByteArray();
        core.propose(new Command(Command.Type.LEASE_REVOKE, 0, req).encode());
      }
    }
    if (ticks % 10 == 0 && core.lead() != null && !clientUrl.equals(mvcc.meta().get(metaKey))) {
      byte[] meta = (metaKey + "\0" + clientUrl).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      proposeOnLoop(new Command(Command.Type.META, 0, meta).encode(), new CompletableFuture<>());
    }
  }

  /**
   * This node's side of the one {@link ReadyLoop}: the WAL through {@link NodeDisk}, the peers
   * through {@link PeerTransport}, the {@link MvccStore} as state machine. A leader sends its
   * replication before its own fsync and answers clients of already-durable entries before it.
   */
  private final class ReadyHandler implements ReadyLoop.Handler<IOException> {
    @Override
    public HardState persistedHardState() {
      return storage.initialState();
    }

    @Override
    public long stableLastIndex() {
      return storage.lastIndex();
    }

    @Override
    public void softState(SoftState s) {
      onSoftState(s);
    }

    @Override
    public void installSnapshot(Snapshot s) throws IOException {
      StoreNode.this.installSnapshot(s);
    }

    @Override
    public void persist(List<Entry> entries, HardState hs, boolean mustSync) throws IOException {
      disk.append(entries, hs, mustSync && !bugs.contains(ShellBug.ACK_BEFORE_FSYNC));
      storage.append(entries);
      if (hs != null) {
        storage.setHardState(hs);
        term = hs.term();
        commitIndex = hs.commit();
      }
      if (bugs.contains(ShellBug.APPLY_BEFORE_COMMIT) && !entries.isEmpty()) {
        apply(entries); // the bug: persisted is not committed
      }
    }

    @Override
    public void send(List<Message> messages) {
      StoreNode.this.send(messages);
    }

    @Override
    public void apply(List<Entry> committed) {
      StoreNode.this.apply(committed);
    }

    @Override
    public void readStates(List<ReadState> states) {
      for (ReadState rs : states) {
        reads.confirmed(rs);
      }
    }
  }

  private void onSoftState(SoftState s) {
    SoftState old = soft;
    soft = s;
    if (!java.util.Objects.equals(old.lead(), s.lead())) {
      LOG.info("{}: leader changed from {} to {} at term {} (role {})", config.name(),
          old.lead(), s.lead(), core.term(), s.role());
      reads.leaderChanged();
    }
    if (s.role() == Role.Leader && old.role() != Role.Leader) {
      lessor.promote(mvcc.leases().values(), clock.nanoTime());
      LOG.info("{}: became leader at term {}; {} lease(s) get their full TTL again", config.name(),
          core.term(), mvcc.leases().size());
    } else if (s.role() == Role.Candidate || s.role() == Role.PreCandidate) {
      LOG.info("{}: starting an election ({}) at term {}", config.name(), s.role(), core.term());
    }
  }

  private void send(List<Message> messages) {
    if (messages.isEmpty()) {
      return;
    }
    String only = messages.get(0).to();
    for (int i = 1; i < messages.size() && only != null; i++) {
      only = only.equals(messages.get(i).to()) ? only : null;
    }
    if (only != null) { // one peer (a follower's answers, a heartbeat of two members): no grouping
      transport.send(only, messages); // a Ready's list is immutable
      return;
    }
    Map<String, List<Message>> byPeer = new HashMap<>();
    for (Message m : messages) {
      byPeer.computeIfAbsent(m.to(), k -> new ArrayList<>()).add(m);
    }
    for (Map.Entry<String, List<Message>> e : byPeer.entrySet()) {
      transport.send(e.getKey(), e.getValue());
    }
  }

  private void apply(List<Entry> entries) {
    if (bugs.contains(ShellBug.APPLY_BEFORE_COMMIT)) { // applied when persisted: skip what was
      entries = entries.stream().filter(e -> e.index() > appliedIndex).toList();
    }
    if (entries.isEmpty()) {
      return;
    }
    List<Command> commands = new ArrayList<>(entries.size());
    List<Object> results = new ArrayList<>(entries.size());
    lock.writeLock().lock(); // once per batch: readers wait for one batch, not per entry
    try {
      for (Entry e : entries) {
        if (e.data().length > 0) {
          Command c = Command.decode(e.dataView());
          commands.add(c);
          results.add(config.faults().splitsTxns() && c.type() == Command.Type.TXN // fault hook: split-txn
              ? SplitTxn.apply(mvcc, c.payload(), lock.writeLock()) : Applier.apply(mvcc, c));
        }
      }
    } finally {
      lock.writeLock().unlock();
    }
    for (int i = 0; i < commands.size(); i++) {
      afterApply(commands.get(i), results.get(i));
    }
    appliedIndex = entries.get(entries.size() - 1).index();
    appliedWaiters.release(appliedIndex);
  }

  private void afterApply(Command c, Object result) {
    if (result instanceof io.etcd.jetcd.api.LeaseGrantResponse g) {
      lessor.granted(g.getID(), g.getTTL(), clock.nanoTime());
    } else if (c.type() == Command.Type.LEASE_REVOKE && !(result instanceof StoreException)) {
      lessor.revoked(parseRevokeId(c));
    }
    CompletableFuture<Object> f = waiting.get(c.requestId());
    if (f != null) { // completed here, on the loop: the callbacks only build and queue a response
      if (result instanceof StoreException se) {
        f.completeExceptionally(se);
      } else {
        f.complete(result);
      }
    }
  }

  private static long parseRevokeId(Command c) {
    try {
      return io.etcd.jetcd.api.LeaseRevokeRequest.parseFrom(c.payload()).getID();
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }

  private void installSnapshot(Snapshot snap) throws IOException {
    disk.saveSnapshot(snap);
    storage.applySnapshot(snap);
    lock.writeLock().lock();
    try {
      MvccSnapshot.restore(mvcc, snap.data());
    } finally {
      lock.writeLock().unlock();
    }
    disk.cutWal(snap.index(), snap.term(), storage.initialState(), List.of());
    snapshotIndex = snap.index();
    appliedIndex = snap.index();
    appliedWaiters.release(appliedIndex);
    LOG.info("{}: installed snapshot from the leader at index {} term {} (revision {})", config.name(),
        snap.index(), snap.term(), mvcc.currentRevision());
  }

  private void maybeSnapshot() throws IOException {
    if (appliedIndex - snapshotIndex < config.snapshotCount()) {
      return;
    }
    Snapshot s = storage.createSnapshot(appliedIndex, MvccSnapshot.write(mvcc));
    disk.saveSnapshot(s);
    long compactTo = appliedIndex - config.catchUpEntries();
    if (compactTo >= storage.firstIndex()) {
      storage.compact(compactTo);
    }
    List<Entry> kept = storage.lastIndex() > s.index()
        ? storage.entries(s.index() + 1, storage.lastIndex() + 1, Long.MAX_VALUE) : List.of();
    disk.cutWal(s.index(), s.term(), storage.initialState(), kept);
    snapshotIndex = s.index();
    LOG.info("{}: snapshot at index {} (revision {}), log compacted up to {}", config.name(),
        s.index(), mvcc.currentRevision(), storage.firstIndex() - 1);
  }

  /** Runs {@code task} on the loop thread (dropped when the node is stopping or overloaded). */
  void onLoop(Runnable task) {
    if (!inbox.offer(task)) {
      LOG.warn("{}: inbox full, dropping a task", config.name());
    }
  }

  static byte[] longBytes(long v) {
    return ByteBuffer.allocate(8).putLong(v).array();
  }

  @Override
  public void close() throws IOException {
    running = false;
    loop.interrupt();
    try {
      loop.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    transport.close();
    disk.close();
    for (CompletableFuture<Object> f : waiting.values()) {
      f.completeExceptionally(StoreError.STOPPED.exception());
    }
  }
}
