package io.plumbline.raft;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One Raft member as a pure state machine, after etcd-io/raft: PreVote, CheckQuorum, randomized
 * election timeouts, pipelined replication with flow control, fast log back-off, commit of
 * current-term entries by quorum, ReadIndex, snapshots for lagging followers.
 *
 * <p>Drive it with {@link #tick()}, {@link #step(Message)}, {@link #propose(byte[])} and {@link
 * #readIndex(byte[])}; then take {@link #ready()}, honour its contract and call {@link
 * #advance(Ready)}. Single-threaded and deterministic: the same inputs and random source give the
 * same outputs. Each spec action of {@code spec/raft/EtcdRaft.tla} is one method whose Javadoc
 * names it; the {@link TraceSink} receives an event under that name.
 *
 * <p>Actions beyond the shared contract: {@code SendSnapshot}, {@code HandleSnapshotRequest}
 * (compaction, which the spec does not model; trace validation runs without compaction) and
 * {@code ElectionLost} (etcd's VoteLost: a (pre-)candidate rejected by a quorum becomes a
 * follower, which the spec's SHORTCUT 2 leaves out and {@code TraceEtcdRaft.tla} admits).
 */
public final class RaftCore {
  /** Bound on entries a leader holds uncommitted; further proposals are OVERLOADED. */
  static final int MAX_UNCOMMITTED_ENTRIES = 4096;
  /** Bound on pending ReadIndex reads; further reads are OVERLOADED. */
  static final int MAX_PENDING_READS = 1024;

  private final RaftConfig config;
  private final String id;
  private final RandomSource random;
  private final TraceSink trace;
  private final RaftLog log;

  private long term;
  private String vote;
  private String lead;
  private Role role = Role.Follower;
  private final Map<String, Progress> progress = new LinkedHashMap<>();
  private final Map<String, Boolean> votes = new HashMap<>();
  private ReadIndexQueue reads;
  private int electionElapsed;
  private int heartbeatElapsed;
  private int randomizedElectionTimeout;

  private final List<Message> outbox = new ArrayList<>();
  private final List<ReadState> readStates = new ArrayList<>();
  private HardState lastHardState;
  private SoftState lastSoftState;
  /**
   * Test hook for model-based tests (see {@link #stepwiseForModelBasedTests()}): when set, the core
   * never chains one spec action into the next on its own. Always false outside those tests.
   */
  private boolean stepwise;

  private RaftCore(RaftConfig config, RaftStorage storage, RandomSource random, TraceSink trace) {
    this.config = config;
    this.id = config.id();
    this.random = random;
    this.trace = trace;
    this.log = new RaftLog(storage, config.injectedBugs());
    this.reads = new ReadIndexQueue(config);
  }

  /**
   * Spec action {@code Restart(i)}: a member (re)starts from what its storage kept — term, vote,
   * log and snapshot — as a Follower; commit index, votes, progress and pending reads are gone.
   * A member with empty storage starts in the spec's initial state (no event).
   */
  public static RaftCore restart(
      RaftConfig config, RaftStorage storage, RandomSource random, TraceSink trace) {
    RaftCore core = new RaftCore(config, storage, random, trace);
    HardState hs = storage.initialState();
    core.log.commitTo(Math.min(Math.max(hs.commit(), core.log.committed), core.log.lastIndex()));
    if (config.has(InjectedBug.RESTART_APPLIED_TO_COMMIT)) {
      core.log.appliedTo(core.log.committed);
    }
    core.term = hs.term();
    core.vote = hs.vote();
    if (config.has(InjectedBug.RESTART_FORGETS_VOTE)) {
      core.vote = null;
    }
    if (config.has(InjectedBug.RESTART_FORGETS_TERM)) {
      core.term = core.log.lastTerm();
      core.vote = null;
    }
    core.resetTimers();
    core.lastHardState = hs;
    core.lastSoftState = core.softState();
    if (hs.term() > 0 || storage.lastIndex() > 0) {
      core.emit("Restart", null, null);
    }
    return core;
  }

  /**
   * Spec action {@code Restart(i)} after a crash: as {@link #restart}, but the event is emitted
   * even for empty storage (the member may have changed volatile state, e.g. become a
   * PreCandidate, before it crashed).
   */
  public static RaftCore recover(
      RaftConfig config, RaftStorage storage, RandomSource random, TraceSink trace) {
    HardState hs = storage.initialState();
    if (hs.term() > 0 || storage.lastIndex() > 0) {
      return restart(config, storage, random, trace);
    }
    RaftCore core = restart(config, storage, random, trace);
    core.emit("Restart", null, null);
    return core;
  }

  /** A member on fresh or existing storage, without tracing. */
  public static RaftCore create(RaftConfig config, RaftStorage storage, RandomSource random) {
    return restart(config, storage, random, TraceSink.NONE);
  }

  // ---------------------------------------------------------------- inputs

  /** Advances logical time by one tick: election timer for non-leaders, heartbeats for leaders. */
  public void tick() {
    if (role == Role.Leader) {
      tickLeader();
    } else {
      electionElapsed++;
      if (electionElapsed >= randomizedElectionTimeout) {
        if (!config.has(InjectedBug.PRE_VOTE_KEEPS_ELECTION_ELAPSED)) {
          electionElapsed = 0;
        }
        electionTimeout();
      }
    }
  }

  private void tickLeader() {
    heartbeatElapsed++;
    electionElapsed++;
    retryStalledSnapshots();
    if (electionElapsed >= config.electionTimeoutTicks()) {
      electionElapsed = 0;
      if (config.checkQuorum()) {
        checkQuorum();
        if (role != Role.Leader) {
          return;
        }
      }
    }
    if (heartbeatElapsed >= config.heartbeatTimeoutTicks()) {
      heartbeatElapsed = 0;
      broadcastHeartbeat(reads.lastContext());
    }
  }

  /** Starts an election now, as if the election timer fired (a no-op on a leader). */
  public void campaign() {
    if (role != Role.Leader) {
      electionTimeout();
    }
  }

  /**
   * Handles a message from a peer: term checks first (spec actions {@code UpdateTerm} and
   * {@code DropStaleMessage}), then one handler per message type.
   */
  public void step(Message m) {
    if (!id.equals(m.to())) {
      throw new IllegalArgumentException(id + " got a message for " + m.to() + ": " + m);
    }
    if (m.term() > term) {
      if (role == Role.Leader && config.has(InjectedBug.LEADER_IGNORES_HIGHER_TERM)) {
        return;
      }
      if (!stepHigherTerm(m)) {
        return;
      }
    } else if (m.term() < term && !(config.has(InjectedBug.STALE_ANSWERS_COUNTED) && isAnswer(m))) {
      if (config.has(InjectedBug.ACCEPT_STALE_TERM_APPEND)
          && m.type() == MessageType.AppendEntriesRequest && role != Role.Leader) {
        handleAppendEntries(m);
        return;
      }
      dropStaleMessage(m);
      return;
    }
    dispatch(m);
  }

  /** {@link InjectedBug#STALE_ANSWERS_COUNTED}: the answers that bug lets through at an older term. */
  private static boolean isAnswer(Message m) {
    return m.type() == MessageType.RequestVoteResponse || m.type() == MessageType.AppendEntriesResponse
        || m.type() == MessageType.HeartbeatResponse;
  }

  private void dispatch(Message m) {
    switch (m.type()) {
      case PreVoteRequest -> handlePreVoteRequest(m);
      case RequestVoteRequest -> handleRequestVoteRequest(m);
      case PreVoteResponse -> handlePreVoteResponse(m);
      case RequestVoteResponse -> handleRequestVoteResponse(m);
      case AppendEntriesRequest -> {
        if (followLeader(m)) {
          handleAppendEntries(m);
        }
      }
      case HeartbeatRequest -> {
        if (followLeader(m)) {
          handleHeartbeat(m);
        }
      }
      case SnapshotRequest -> {
        if (followLeader(m)) {
          handleSnapshotRequest(m);
        }
      }
      case AppendEntriesResponse -> handleAppendEntriesResponse(m);
      case HeartbeatResponse -> handleHeartbeatResponse(m);
    }
  }

  /**
   * A message of a higher term. Vote requests inside the CheckQuorum lease are ignored; PreVote
   * requests and granted PreVote responses do not change our term (etcd); anything else makes us
   * a follower of that term. Returns whether to go on handling the message.
   */
  private boolean stepHigherTerm(Message m) {
    boolean voteRequest =
        m.type() == MessageType.PreVoteRequest || m.type() == MessageType.RequestVoteRequest;
    if (voteRequest && inLease()) {
      ignoreVoteRequestInLease(m);
      return false;
    }
    if (m.type() == MessageType.PreVoteRequest
        || (m.type() == MessageType.PreVoteResponse && !m.reject())) {
      return true;
    }
    boolean fromLeader = m.type() == MessageType.AppendEntriesRequest
        || m.type() == MessageType.HeartbeatRequest || m.type() == MessageType.SnapshotRequest;
    updateTerm(m, fromLeader ? m.from() : null);
    return true;
  }

  private boolean inLease() {
    return config.checkQuorum() && lead != null && electionElapsed < config.electionTimeoutTicks();
  }

  /** Spec action {@code UpdateTerm(i, j, m)}: a higher term makes us a follower of it. */
  private void updateTerm(Message m, String leader) {
    becomeFollower(m.term(), leader);
    emit("UpdateTerm", m.from(), m);
  }

  /**
   * Spec action {@code DropStaleMessage(i, j, m)}. As etcd does, a stale leader's append or
   * heartbeat is answered with our term so it steps down, and a stale PreVote is rejected.
   */
  private void dropStaleMessage(Message m) {
    boolean fromLeader = m.type() == MessageType.AppendEntriesRequest
        || m.type() == MessageType.HeartbeatRequest;
    if (fromLeader && (config.checkQuorum() || config.preVote())) {
      send(Message.of(MessageType.AppendEntriesResponse, id, m.from(), term));
    } else if (m.type() == MessageType.PreVoteRequest) {
      send(reply(m, MessageType.PreVoteResponse, term, true));
    }
    emit("DropStaleMessage", m.from(), m);
  }

  /**
   * Spec action {@code IgnoreVoteRequestInLease(i, j, m)}: we heard from a live leader recently
   * (CheckQuorum's lease), so a higher-term (pre-)vote request is dropped without an answer.
   */
  private void ignoreVoteRequestInLease(Message m) {
    emit("IgnoreVoteRequestInLease", m.from(), m);
  }

  // ---------------------------------------------------------------- election

  /**
   * Spec action {@code ElectionTimeout(i)}: with PreVote, become PreCandidate and ask for
   * pre-votes for term + 1 without changing our term; without it, become Candidate at once.
   */
  void electionTimeout() {
    if (!config.preVote()) {
      becomeCandidate();
      return;
    }
    role = Role.PreCandidate;
    lead = null;
    votes.clear();
    votes.put(id, true);
    boolean raise = config.has(InjectedBug.PRE_VOTE_RAISES_TERM);
    if (raise) {
      term++;
      vote = null;
    }
    emit("ElectionTimeout", null, null);
    if (granted() >= config.quorum()) {
      becomeCandidate();
      return;
    }
    broadcastVoteRequest(MessageType.PreVoteRequest, raise ? term : term + 1);
  }

  /** Spec action {@code BecomeCandidate(i)}: term + 1, vote for ourselves, ask for votes. */
  void becomeCandidate() {
    reset(term + 1);
    role = Role.Candidate;
    vote = id;
    votes.put(id, true);
    emit("BecomeCandidate", null, null);
    if (granted() >= config.quorum()) {
      becomeLeader();
      return;
    }
    broadcastVoteRequest(MessageType.RequestVoteRequest, term);
  }

  private void broadcastVoteRequest(MessageType type, long requestTerm) {
    for (String peer : config.peers()) {
      if (!peer.equals(id)) {
        send(new Message(type, id, peer, requestTerm, log.lastTerm(), log.lastIndex(), List.of(),
            0, false, 0, null, null));
      }
    }
  }

  /**
   * Spec action {@code BecomeLeader(i)}: initialise progress for every follower and append an
   * empty entry of the new term (committing it lets ReadIndex and earlier entries commit).
   */
  void becomeLeader() {
    reset(term);
    role = Role.Leader;
    lead = id;
    for (String peer : config.peers()) {
      progress.put(peer, new Progress(log.lastIndex() + 1, config.maxInflightMsgs()));
    }
    Progress self = progress.get(id);
    self.match = log.lastIndex();
    self.becomeReplicate();
    self.recentActive = true;
    appendLocal(null);
    emit("BecomeLeader", null, null);
    if (!stepwise) {
      maybeCommit();
      broadcastAppend();
    }
  }

  /** Becomes a follower of {@code newTerm} led by {@code leader} (null when unknown). */
  void becomeFollower(long newTerm, String leader) {
    reset(newTerm);
    role = Role.Follower;
    lead = leader;
  }

  private void reset(long newTerm) {
    if (term != newTerm) {
      term = newTerm;
      vote = null;
    }
    lead = null;
    votes.clear();
    progress.clear();
    reads = new ReadIndexQueue(config);
    resetTimers();
  }

  private void resetTimers() {
    electionElapsed = 0;
    heartbeatElapsed = 0;
    randomizedElectionTimeout =
        config.electionTimeoutTicks() + random.nextInt(config.electionTimeoutTicks());
  }

  /** Spec action {@code HandlePreVoteRequest(i, j, m)}. */
  private void handlePreVoteRequest(Message m) {
    boolean grant = (m.from().equals(vote) || (vote == null && lead == null) || m.term() > term)
        && log.isUpToDate(m.index(), m.logTerm());
    send(reply(m, MessageType.PreVoteResponse, grant ? m.term() : term, !grant));
    emit("HandlePreVoteRequest", m.from(), m);
  }

  /** Spec action {@code HandleRequestVoteRequest(i, j, m)}: one vote per term, up-to-date logs. */
  private void handleRequestVoteRequest(Message m) {
    boolean canVote = (m.from().equals(vote) && !config.has(InjectedBug.VOTE_REFUSED_ON_REPEATED_REQUEST))
        || (vote == null && lead == null)
        || config.has(InjectedBug.VOTE_TWICE_IN_TERM);
    boolean grant = canVote && log.isUpToDate(m.index(), m.logTerm());
    if (grant) {
      electionElapsed = 0;
      vote = m.from();
    }
    send(reply(m, MessageType.RequestVoteResponse, term, !grant));
    emit("HandleRequestVoteRequest", m.from(), m);
  }

  /** Spec action {@code HandlePreVoteResponse(i, j, m)}: a pre-vote quorum starts the election. */
  private void handlePreVoteResponse(Message m) {
    if (role != Role.PreCandidate) {
      return;
    }
    votes.putIfAbsent(m.from(), !m.reject());
    emit("HandlePreVoteResponse", m.from(), m);
    if (stepwise) {
      return;
    }
    if (granted() >= config.quorum()) {
      becomeCandidate();
    } else if (votes.size() - granted() >= config.quorum()) {
      electionLost();
    }
  }

  /** Spec action {@code HandleRequestVoteResponse(i, j, m)}: a vote quorum makes us leader. */
  private void handleRequestVoteResponse(Message m) {
    if (role != Role.Candidate) {
      return;
    }
    votes.putIfAbsent(m.from(), !m.reject());
    emit("HandleRequestVoteResponse", m.from(), m);
    if (stepwise) {
      return;
    }
    if (granted() >= config.quorum()) {
      becomeLeader();
    } else if (votes.size() - granted() >= config.quorum()) {
      electionLost();
    }
  }

  /**
   * Trace action {@code ElectionLost(i)} (etcd's VoteLost; not in EtcdRaft, see the class
   * comment): a quorum rejected our (pre-)vote, so we become a follower of our term.
   */
  private void electionLost() {
    becomeFollower(term, null);
    emit("ElectionLost", null, null);
  }

  private int granted() {
    int n = 0;
    for (boolean g : votes.values()) {
      n += g ? 1 : 0;
    }
    return n;
  }

  // ---------------------------------------------------------------- follower side

  /** Same-term message from the leader: follow it. False on a leader (two leaders in a term). */
  private boolean followLeader(Message m) {
    if (role == Role.Leader) {
      return false;
    }
    if (role != Role.Follower
        && !(role == Role.PreCandidate && config.has(InjectedBug.PRE_CANDIDATE_IGNORES_LEADER))) {
      becomeFollower(term, m.from());
    }
    electionElapsed = 0;
    lead = m.from();
    return true;
  }

  /**
   * Spec action {@code HandleAppendEntriesRequest(i, j, m)}: reject on a log mismatch (with
   * etcd's back-off hint), else truncate the conflicting suffix, append, and advance the commit
   * index to min(leaderCommit, last new index).
   */
  private void handleAppendEntries(Message m) {
    long replyTerm = m.term() < term ? m.term() : term; // only the stale-append bug replies stale
    Message ack = Message.of(MessageType.AppendEntriesResponse, id, m.from(), replyTerm);
    if (m.index() < log.committed && !config.has(InjectedBug.TRUNCATE_COMMITTED)) {
      send(withIndex(ack, log.committed));
    } else {
      long lastNew = log.maybeAppend(m.index(), m.logTerm(), m.commit(), m.entries());
      if (lastNew >= 0) {
        send(withIndex(ack, config.has(InjectedBug.ACK_BEYOND_LAST_NEW) ? log.lastIndex() : lastNew));
      } else {
        long[] hint = log.findConflictByTerm(Math.min(m.index(), log.lastIndex()), m.logTerm());
        send(new Message(MessageType.AppendEntriesResponse, id, m.from(), replyTerm, hint[1],
            m.index(), List.of(), 0, true, hint[0], null, null));
      }
    }
    emit("HandleAppendEntriesRequest", m.from(), m);
  }

  /** Spec action {@code HandleHeartbeatRequest(i, j, m)}: learn the commit index, answer. */
  private void handleHeartbeat(Message m) {
    if (config.has(InjectedBug.COMMIT_INDEX_BACKWARDS)) {
      log.committed = Math.min(m.commit(), log.lastIndex());
    }
    log.commitTo(Math.min(m.commit(), log.lastIndex()));
    send(new Message(MessageType.HeartbeatResponse, id, m.from(), term, 0, 0, List.of(),
        0, false, 0, m.context(), null));
    emit("HandleHeartbeatRequest", m.from(), m);
  }

  /**
   * Added action {@code HandleSnapshotRequest(i, j, m)}: install the leader's snapshot unless we
   * already have (or committed) what it covers; answer with our last index.
   */
  private void handleSnapshotRequest(Message m) {
    Snapshot s = m.snapshot();
    Message ack = Message.of(MessageType.AppendEntriesResponse, id, m.from(), term);
    boolean installAny = config.has(InjectedBug.INSTALL_OLDER_SNAPSHOT);
    if (s.index() <= log.committed && !installAny) {
      send(withIndex(ack, log.committed));
    } else if (log.matchTerm(s.index(), s.term()) && !installAny
        && !config.has(InjectedBug.SNAPSHOT_OVER_MATCHING_LOG)) {
      log.commitTo(s.index());
      send(withIndex(ack, log.committed));
    } else {
      log.restore(s);
      send(withIndex(ack, log.lastIndex()));
    }
    emit("HandleSnapshotRequest", m.from(), m);
  }

  // ---------------------------------------------------------------- leader side

  /** Spec action {@code ClientRequest(i, v)}: the leader appends a client entry. */
  public SubmitResult propose(byte[] data) {
    if (role != Role.Leader) {
      return SubmitResult.rejected(SubmitResult.Status.NOT_LEADER, lead);
    }
    if (log.lastIndex() - log.committed >= MAX_UNCOMMITTED_ENTRIES) {
      return SubmitResult.rejected(SubmitResult.Status.OVERLOADED, id);
    }
    long index = appendLocal(data);
    emit("ClientRequest", null, null);
    if (!stepwise) {
      maybeCommit();
      broadcastAppend();
    }
    return SubmitResult.accepted(index, term);
  }

  /** Appends one entry of our term to our own log (a leader's own progress counts it). */
  private long appendLocal(byte[] data) {
    long index = log.lastIndex() + 1;
    log.append(List.of(new Entry(term, index, data)));
    progress.get(id).maybeUpdate(index);
    return index;
  }

  private void broadcastAppend() {
    for (String peer : config.peers()) {
      if (!peer.equals(id)) {
        sendAppend(peer, true);
      }
    }
  }

  /**
   * Spec action {@code AppendEntries(i, j)}: send entries from j's next index (maybe none, when
   * {@code sendIfEmpty}), unless flow control pauses j; a compacted next index sends a snapshot.
   * Returns whether a message was sent.
   */
  boolean sendAppend(String to, boolean sendIfEmpty) {
    Progress pr = progress.get(to);
    if (pr.isPaused()) {
      return false;
    }
    long prevIndex = pr.next - 1;
    long prevTerm = log.termOrNone(prevIndex);
    if (prevTerm == RaftLog.NO_TERM || pr.next < log.firstIndex()) {
      return sendSnapshot(to, pr);
    }
    List<Entry> ents = log.entriesFrom(pr.next, config.maxSizePerMsg());
    if (ents.isEmpty() && !sendIfEmpty) {
      return false;
    }
    Message m = new Message(MessageType.AppendEntriesRequest, id, to, term, prevTerm, prevIndex,
        ents, log.committed, false, 0, null, null);
    send(m);
    if (pr.state == Progress.State.Replicate && !ents.isEmpty()) {
      long last = ents.get(ents.size() - 1).index();
      pr.next = last + 1;
      pr.inflights.add(last);
    } else if (pr.state == Progress.State.Probe) {
      pr.probeSent = true;
    }
    emit("AppendEntries", to, m);
    return true;
  }

  /** Added action {@code SendSnapshot(i, j)}: j needs entries we compacted away. */
  private boolean sendSnapshot(String to, Progress pr) {
    if (!pr.recentActive) {
      return false;
    }
    Snapshot s = log.snapshot();
    if (s.isEmpty()) {
      throw new IllegalStateException("need a snapshot for " + to + " but have none");
    }
    Message m = new Message(MessageType.SnapshotRequest, id, to, term, s.term(), s.index(),
        List.of(), log.committed, false, 0, null, s);
    send(m);
    pr.becomeSnapshot(s.index());
    emit("SendSnapshot", to, m);
    return true;
  }

  /** A snapshot unacknowledged for an election timeout counts as failed: probe again. */
  private void retryStalledSnapshots() {
    for (Progress pr : progress.values()) {
      if (pr.state == Progress.State.Snapshot
          && ++pr.snapshotTicks >= config.electionTimeoutTicks()) {
        pr.becomeProbe();
      }
    }
  }

  /**
   * Spec action {@code HandleAppendEntriesResponse(i, j, m)}: on success advance match/next
   * (and pipeline more), on rejection back off using the follower's hint.
   */
  private void handleAppendEntriesResponse(Message m) {
    Progress pr = role == Role.Leader ? progress.get(m.from()) : null;
    if (pr == null) {
      return;
    }
    pr.recentActive = true;
    if (m.reject()) {
      long next = m.logTerm() > 0
          ? log.findConflictByTerm(m.rejectHint(), m.logTerm())[0] : m.rejectHint();
      boolean backedOff = pr.maybeDecrTo(m.index(), next);
      if (backedOff && pr.state == Progress.State.Replicate) {
        pr.becomeProbe();
      }
      emit("HandleAppendEntriesResponse", m.from(), m);
      if (backedOff && !stepwise) {
        sendAppend(m.from(), true);
      }
      return;
    }
    boolean wasPaused = pr.isPaused();
    if (!pr.maybeUpdate(m.index())) {
      emit("HandleAppendEntriesResponse", m.from(), m);
      return;
    }
    switch (pr.state) {
      case Probe -> pr.becomeReplicate();
      case Snapshot -> {
        if (pr.match + 1 >= log.firstIndex()) {
          pr.becomeProbe();
          pr.becomeReplicate();
        }
      }
      case Replicate -> pr.inflights.freeLE(m.index());
    }
    emit("HandleAppendEntriesResponse", m.from(), m);
    if (stepwise) {
      return;
    }
    if (maybeCommit()) {
      broadcastAppend();
    } else if (wasPaused) {
      sendAppend(m.from(), true);
    }
    while (pr.state == Progress.State.Replicate && sendAppend(m.from(), false)) {
      // pipeline until the in-flight window is full or everything is sent
    }
  }

  /**
   * Spec action {@code AdvanceCommitIndex(i)}: commit the largest index a quorum has, if its
   * entry is from our term (Raft §5.4.2: earlier-term entries commit only indirectly).
   */
  boolean maybeCommit() {
    long[] matches = new long[progress.size()];
    int i = 0;
    for (Progress pr : progress.values()) {
      matches[i++] = pr.match;
    }
    Arrays.sort(matches);
    long quorumIndex = config.has(InjectedBug.COMMIT_INDEX_MEDIAN)
        ? matches[matches.length / 2] : matches[matches.length - config.quorum()];
    long requiredTerm = config.has(InjectedBug.COMMIT_PREVIOUS_TERM_BY_COUNT) ? -1 : term;
    if (log.maybeCommit(quorumIndex, requiredTerm)) {
      emit("AdvanceCommitIndex", null, null);
      return true;
    }
    return false;
  }

  private void broadcastHeartbeat(byte[] context) {
    for (String peer : config.peers()) {
      if (!peer.equals(id)) {
        sendHeartbeat(peer, context);
      }
    }
  }

  /**
   * Spec action {@code Heartbeat(i, j)}: the commit index (capped at what j has, so j never
   * commits past its log) and the newest pending ReadIndex context, if any.
   */
  void sendHeartbeat(String to, byte[] context) {
    long commit = Math.min(progress.get(to).match, log.committed);
    Message m = new Message(MessageType.HeartbeatRequest, id, to, term, 0, 0, List.of(), commit,
        false, 0, context, null);
    send(m);
    emit("Heartbeat", to, m);
  }

  /**
   * Spec action {@code HandleHeartbeatResponse(i, j, m)}: j is alive (CheckQuorum), may need
   * entries, and acknowledges the ReadIndex round in {@code m}'s context.
   */
  private void handleHeartbeatResponse(Message m) {
    Progress pr = role == Role.Leader ? progress.get(m.from()) : null;
    if (pr == null) {
      return;
    }
    pr.recentActive = true;
    pr.probeSent = false;
    if (pr.state == Progress.State.Replicate && pr.inflights.full()) {
      pr.inflights.freeFirstOne();
    }
    emit("HandleHeartbeatResponse", m.from(), m);
    long lacking = config.has(InjectedBug.HEARTBEAT_RESENDS_ONLY_COMMITTED) ? log.committed : log.lastIndex();
    if (!stepwise && (pr.match < lacking || pr.state == Progress.State.Probe)) {
      sendAppend(m.from(), true);
    }
    int selfAgain = config.has(InjectedBug.READ_INDEX_SELF_COUNTED_TWICE) ? 1 : 0;
    if (m.hasContext() && reads.ack(m.from(), m.context()) + selfAgain >= config.quorum() && !stepwise) {
      for (ReadState rs : reads.releaseThrough(m.context())) {
        readIndexComplete(rs);
      }
    }
  }

  /**
   * Test hook for spec {@code ReadIndexComplete(i, r)} in model-based tests (stepwise mode, where
   * a heartbeat response only records its ack): releases read {@code context} if a quorum
   * acknowledged it; returns its index, or -1 when it cannot complete.
   */
  long completeReadForModelBasedTests(byte[] context) {
    if (role != Role.Leader || reads.ack(id, context) < config.quorum()) {
      return -1;
    }
    long index = -1;
    for (ReadState rs : reads.releaseThrough(context)) {
      readIndexComplete(rs);
      index = rs.index();
    }
    return index;
  }

  /** Test hook: the context of the newest pending read (what heartbeats carry), or null. */
  byte[] pendingReadContext() {
    return reads.lastContext();
  }

  /**
   * Spec action {@code CheckQuorum(i)}: a leader that heard from no quorum during the last
   * election timeout steps down. Activity marks are cleared for the next round either way, so
   * the event is emitted either way (the spec's recentActive is reset in both branches).
   */
  void checkQuorum() {
    int active = 0;
    for (Map.Entry<String, Progress> e : progress.entrySet()) {
      boolean self = e.getKey().equals(id);
      active += self || e.getValue().recentActive ? 1 : 0;
      e.getValue().recentActive = self;
    }
    if (active < config.quorum() && !config.has(InjectedBug.LEADER_KEEPS_LEADING_WITHOUT_QUORUM)) {
      becomeFollower(term, null);
    }
    emit("CheckQuorum", null, null);
  }

  /**
   * Spec action {@code ReadIndexRequest(i, r)}: a leader that has committed an entry of its term
   * records the read at its commit index and starts a heartbeat round carrying the context.
   */
  public SubmitResult readIndex(byte[] context) {
    if (role != Role.Leader) {
      return SubmitResult.rejected(SubmitResult.Status.NOT_LEADER, lead);
    }
    if (log.termOrNone(log.committed) != term
        && !config.has(InjectedBug.READ_INDEX_BEFORE_OWN_TERM_COMMIT)) {
      return SubmitResult.rejected(SubmitResult.Status.NOT_READY, id);
    }
    if (reads.size() >= MAX_PENDING_READS) {
      return SubmitResult.rejected(SubmitResult.Status.OVERLOADED, id);
    }
    long index = log.committed;
    if (config.peers().size() == 1 || config.has(InjectedBug.READ_INDEX_WITHOUT_QUORUM)) {
      emitRead("ReadIndexRequest", context);
      readIndexComplete(new ReadState(index, context));
      return SubmitResult.accepted(index, term);
    }
    reads.add(index, context);
    reads.ack(id, context);
    emitRead("ReadIndexRequest", context);
    if (!stepwise) {
      broadcastHeartbeat(context);
    }
    return SubmitResult.accepted(index, term);
  }

  /** Spec action {@code ReadIndexComplete(i, r)}: the read is confirmed; hand it out in Ready. */
  private void readIndexComplete(ReadState rs) {
    readStates.add(rs);
    emitRead("ReadIndexComplete", rs.context());
  }

  // ---------------------------------------------------------------- Ready

  /** Whether {@link #ready()} has anything to do (cheap; allocates nothing). */
  public boolean hasReady() {
    return !outbox.isEmpty() || !readStates.isEmpty() || log.pendingSnapshot() != null
        || log.hasUnstableEntries() || log.committed > log.applied
        || term != lastHardState.term() || log.committed != lastHardState.commit()
        || !Objects.equals(vote, lastHardState.vote())
        || role != lastSoftState.role() || !Objects.equals(lead, lastSoftState.lead());
  }

  /** What to persist, send and apply now; see {@link Ready} for the contract. No side effects. */
  public Ready ready() {
    SoftState soft = softState();
    HardState hard = hardState();
    if (config.has(InjectedBug.VOTE_GRANTED_BEFORE_PERSIST) && grantsVote(outbox)) {
      hard = lastHardState; // the vote goes out in this Ready, its hard state in the next one
    }
    List<Entry> entries = log.unstableEntries();
    if (config.has(InjectedBug.APPEND_ACKED_BEFORE_PERSIST) && acksAppend(outbox)) {
      entries = List.of(); // the acknowledgement goes out in this Ready, its entries in the next one
    }
    Snapshot snap = log.pendingSnapshot();
    boolean mustSync = !entries.isEmpty() || snap != null
        || (hard.needsSyncSince(lastHardState) && !config.has(InjectedBug.HARD_STATE_NOT_SYNCED));
    Ready ready = new Ready(
        soft.equals(lastSoftState) ? null : soft,
        hard.equals(lastHardState) ? null : hard,
        entries,
        snap,
        log.nextCommittedEntries(config.maxCommittedSizePerReady()),
        outbox,
        readStates,
        mustSync);
    if (ready.isEmpty() && hasReady()) {
      // Every Ready loop runs "while (hasReady())": an empty Ready that advance cannot clear
      // would spin there forever, so stop with the state that says why.
      throw new IllegalStateException(String.format("member %s reports a Ready but the Ready is"
          + " empty (committed %d, applied %d, first index %d): a Ready loop would never end",
          id, log.committed, log.applied, log.firstIndex()));
    }
    return ready;
  }

  /** Whether {@code out} acknowledges an append (for {@link InjectedBug#APPEND_ACKED_BEFORE_PERSIST}). */
  private static boolean acksAppend(List<Message> out) {
    for (Message m : out) {
      if (m.type() == MessageType.AppendEntriesResponse && !m.reject()) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code out} grants a vote (for {@link InjectedBug#VOTE_GRANTED_BEFORE_PERSIST}). */
  private static boolean grantsVote(List<Message> out) {
    for (Message m : out) {
      if (m.type() == MessageType.RequestVoteResponse && !m.reject()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Spec action {@code Persist(i)}: the caller did everything {@code rd} asked (persisted its hard
   * state and entries, then sent its messages): drop it from the core's to-do state. A Ready that
   * persisted a hard state or entries is traced as {@code Persist}, after its messages went out, so
   * trace validation checks that every vote and acknowledgement was delivered only after the state
   * it vouches for was durable.
   */
  public void advance(Ready rd) {
    boolean persisted = rd.hardState() != null || !rd.entries().isEmpty();
    if (rd.softState() != null) {
      lastSoftState = rd.softState();
    }
    if (rd.hardState() != null) {
      lastHardState = config.has(InjectedBug.ADVANCE_RECORDS_CURRENT_HARD_STATE) ? hardState()
          : rd.hardState();
    }
    if (!rd.entries().isEmpty()) {
      Entry last = rd.entries().get(rd.entries().size() - 1);
      if (config.has(InjectedBug.STABLE_TO_LAST_INDEX)) {
        log.stableTo(log.lastIndex(), log.lastTerm());
      } else if (config.has(InjectedBug.STABLE_TO_FIRST_ENTRY)) {
        log.stableTo(rd.entries().get(0).index(), rd.entries().get(0).term());
      } else {
        log.stableTo(last.index(), config.has(InjectedBug.STABLE_WITH_CURRENT_LAST_TERM)
            ? log.lastTerm() : last.term());
      }
    }
    if (rd.snapshot() != null) {
      log.stableSnapshotTo(rd.snapshot().index());
      if (!config.has(InjectedBug.SNAPSHOT_NOT_MARKED_APPLIED)) {
        log.appliedTo(config.has(InjectedBug.SNAPSHOT_APPLIED_TO_COMMIT) ? log.committed
            : rd.snapshot().index());
      }
    }
    if (!rd.committedEntries().isEmpty()
        && !(rd.snapshot() != null && config.has(InjectedBug.SNAPSHOT_READY_NOT_APPLIED))) {
      log.appliedTo(config.has(InjectedBug.APPLIED_TO_COMMIT_INDEX) ? log.committed
          : rd.committedEntries().get(rd.committedEntries().size() - 1).index());
    }
    outbox.subList(0, rd.messages().size()).clear();
    readStates.subList(0, rd.readStates().size()).clear();
    if (persisted) {
      emit("Persist", null, null);
    }
  }

  // ---------------------------------------------------------------- model-based test hooks

  /**
   * Test hook: model-based tests (implementation/README.md, "Model-based tests") replay the spec
   * one action at a time, so the core must not take the spec's next action by itself: after this
   * call a vote quorum no longer makes it Candidate/Leader (the test calls {@link
   * #becomeCandidate()}/{@link #becomeLeader()}), a rejection quorum no longer makes it Follower,
   * appends and responses no longer commit ({@link #maybeCommit()}) or send appends ({@link
   * #sendAppend}), a ReadIndex request sends no heartbeats and a heartbeat response only records
   * its ack (the test calls {@link #completeReadForModelBasedTests}). Every single action behaves exactly as without the hook.
   */
  void stepwiseForModelBasedTests() {
    stepwise = true;
  }

  /**
   * Test hook for model-based tests' {@code Restart(i)}: the spec restarts a member with
   * commitIndex 0 and lets it learn the commit index again, etcd (and {@link #restart}) from its
   * hard state's commit. Called after the restarted core's Ready handed its application the
   * entries up to that commit: the commit index becomes the spec's (the snapshot's index, 0
   * without snapshots), the applied index stays where the application is, and the hard state on
   * disk keeps its commit (no Ready writes the lower one). Entries are handed out again only past
   * the applied index, as the commit index passes it.
   */
  void forgetCommitIndexForModelBasedTests() {
    log.committed = Math.min(log.committed, log.firstIndex() - 1);
    lastHardState = new HardState(lastHardState.term(), lastHardState.vote(), log.committed);
  }

  /** Test hook: the leader's progress of {@code peer}, or null when not leading. */
  Progress progressOf(String peer) {
    return progress.get(peer);
  }

  /** Test hook: the members whose (pre-)vote this (pre-)candidate counts as granted. */
  Set<String> grantedVotes() {
    Set<String> out = new TreeSet<>();
    votes.forEach((peer, granted) -> {
      if (granted) {
        out.add(peer);
      }
    });
    return out;
  }

  // ---------------------------------------------------------------- observation

  public String id() {
    return id;
  }

  public long term() {
    return term;
  }

  /** The member voted for in the current term, or null. */
  public String vote() {
    return vote;
  }

  /** The known leader of the current term, or null. */
  public String lead() {
    return lead;
  }

  public Role role() {
    return role;
  }

  public long commitIndex() {
    return log.committed;
  }

  public long appliedIndex() {
    return log.applied;
  }

  public long firstIndex() {
    return log.firstIndex();
  }

  public long lastIndex() {
    return log.lastIndex();
  }

  /** Term of entry {@code index}, or -1 when compacted or absent. */
  public long termAt(long index) {
    return log.termOrNone(index);
  }

  /** The available log, first index to last (copies; for tests, traces and scenario output). */
  public List<Entry> logEntries() {
    return log.allEntries();
  }

  /** The leader's view of each follower, e.g. {@code n2=Replicate match=4 next=5}; empty otherwise. */
  public Map<String, String> progressView() {
    Map<String, String> view = new LinkedHashMap<>();
    progress.forEach((peer, pr) -> view.put(peer, pr.toString()));
    return view;
  }

  private SoftState softState() {
    return new SoftState(lead, role);
  }

  private HardState hardState() {
    return new HardState(term, vote, log.committed);
  }

  // ---------------------------------------------------------------- helpers

  private void send(Message m) {
    outbox.add(m);
  }

  private Message reply(Message m, MessageType type, long replyTerm, boolean reject) {
    return new Message(type, id, m.from(), replyTerm, 0, 0, List.of(), 0, reject, 0, null, null);
  }

  private static Message withIndex(Message m, long index) {
    return new Message(m.type(), m.from(), m.to(), m.term(), 0, index, List.of(), 0, false, 0,
        null, null);
  }

  private void emit(String action, String peer, Message m) {
    emitEvent(action, peer, m, null);
  }

  private void emitRead(String action, byte[] context) {
    if (trace.enabled()) {
      emitEvent(action, null, null, new String(context, StandardCharsets.UTF_8));
    }
  }

  /** Builds the event only when traced; it carries just the entries this action wrote. */
  private void emitEvent(String action, String peer, Message m, String read) {
    if (!trace.enabled()) {
      return;
    }
    long last = log.lastIndex();
    long from = Math.max(log.takeWrittenFrom(), log.firstIndex());
    List<Entry> written = from <= last ? log.slice(from, last + 1, Long.MAX_VALUE) : List.of();
    trace.accept(new TraceEvent(action, id, peer, m, read,
        new TraceEvent.NodeState(term, vote, role, log.committed, log.firstIndex() - 1, last,
            Math.max(0, log.termOrNone(last))),
        written.isEmpty() ? 0 : from, written));
  }
}
