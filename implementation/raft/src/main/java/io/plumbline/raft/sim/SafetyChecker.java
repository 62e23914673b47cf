package io.plumbline.raft.sim;

import io.plumbline.raft.Entry;
import io.plumbline.raft.HardState;
import io.plumbline.raft.MemoryStorage;
import io.plumbline.raft.Message;
import io.plumbline.raft.MessageType;
import io.plumbline.raft.RaftCore;
import io.plumbline.raft.ReadState;
import io.plumbline.raft.Ready;
import io.plumbline.raft.Role;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Asserts the spec's safety invariants on the real cores after every step, incrementally (each
 * check is O(1) per entry or per step, so it can run after every step of long simulations):
 * ElectionSafety, SingleVotePerTerm, LogMatching, LeaderCompleteness, StateMachineSafety,
 * MonotonicCommit, CommittedIsDurable, AppliedPrefix and ReadIndexLinearizable. A violation
 * throws {@link InvariantViolation} naming the invariant. Members are numbered by their position
 * in the id list; the caller reports each Ready as it persists it and calls {@link #afterStep}.
 */
public final class SafetyChecker {
  private record IndexTerm(long index, long term) {}

  /** What the checker remembers of one node: its persisted log as a hash chain, and last state. */
  private static final class View {
    long offset; // index of chain.get(0)
    final LongList chain = new LongList();
    long commit;
    long term;
    String vote;
    Role role = Role.Follower;

    long lastIndex() {
      return offset + chain.size() - 1;
    }

    long hashAt(long index) {
      return chain.get((int) (index - offset));
    }

    void resetTo(long index, long hash) {
      offset = index;
      chain.clear();
      chain.add(hash);
    }
  }

  private final List<String> ids;
  private final int quorum;
  private final View[] views;
  private final Map<Long, String> leaderOfTerm = new HashMap<>();
  private final Map<IndexTerm, Long> chainOfEntry = new HashMap<>();
  /** committed.get(i) is the chain hash of the committed prefix 1..i; index 0 is the empty log. */
  private final LongList committed = new LongList();
  /**
   * commitTerms.get(i): the term of the member that first showed index i committed (the spec's
   * {@code commitTerm}); LeaderCompleteness binds only leaders of that term or later.
   */
  private final LongList commitTerms = new LongList();
  private final Map<String, Long> readRequired = new HashMap<>();

  public SafetyChecker(List<String> ids) {
    this.ids = ids;
    this.quorum = ids.size() / 2 + 1;
    this.views = new View[ids.size()];
    for (int i = 0; i < views.length; i++) {
      views[i] = new View();
      views[i].resetTo(0, 0);
    }
    committed.add(0);
    commitTerms.add(0);
  }

  /** How many terms had a leader. */
  public long leadersElected() {
    return leaderOfTerm.size();
  }

  /** The highest index known committed anywhere (what a client may have been told). */
  public long globalCommit() {
    return committed.size() - 1;
  }

  /** The chain hash of the committed prefix ending at {@code index}. */
  public long committedHash(long index) {
    return committed.get((int) index);
  }

  /** LogMatching over everything a node persists: same (index, term) ⇒ same prefix. */
  public void onPersisted(int n, Ready rd) {
    onPersisted(n, rd.snapshot(), rd.entries());
  }

  /** As {@link #onPersisted(int, Ready)}, for a snapshot (or null) and entries persisted apart. */
  public void onPersisted(int n, io.plumbline.raft.Snapshot snapshot, List<Entry> entries) {
    View v = views[n];
    if (snapshot != null) {
      long si = snapshot.index();
      if (si > globalCommit()) {
        throw violation("StateMachineSafety", n, "installed snapshot at " + si
            + " beyond anything committed (" + globalCommit() + ")");
      }
      v.resetTo(si, committedHash(si));
    }
    boolean heldCommitted = holdsCommitted(v);
    for (Entry e : entries) {
      if (e.index() <= v.offset) {
        continue; // covered by the snapshot
      }
      if (e.index() > v.lastIndex() + 1) {
        throw violation("LogMatching", n, "entry " + e + " leaves a gap after " + v.lastIndex());
      }
      v.chain.truncate((int) (e.index() - v.offset));
      long h = ChainHash.extend(v.hashAt(e.index() - 1), e);
      v.chain.add(h);
      Long other = chainOfEntry.putIfAbsent(new IndexTerm(e.index(), e.term()), h);
      if (other != null && other != h) {
        throw violation("LogMatching", n, "holds entry " + e.index() + "/" + e.term()
            + " like another member, but the logs before it differ");
      }
    }
    if (heldCommitted && !holdsCommitted(v)) {
      checkDurable(n); // it dropped a committed entry: is a quorum still holding it?
    }
  }

  private boolean holdsCommitted(View v) {
    long c = globalCommit();
    return v.offset >= c || (v.lastIndex() >= c && v.hashAt(c) == committedHash(c));
  }

  /** Per-step checks of roles, votes and commit on node {@code n}. */
  public void afterStep(int n, RaftCore core) {
    View v = views[n];
    if (core.term() == v.term && v.vote != null && !Objects.equals(v.vote, core.vote())) {
      throw violation("SingleVotePerTerm", n, "voted for " + v.vote + " and then "
          + core.vote() + " in term " + core.term());
    }
    if (core.term() < v.term) {
      throw violation("MonotonicTerm", n, "term went from " + v.term + " to " + core.term());
    }
    if (core.role() == Role.Leader && (v.role != Role.Leader || v.term != core.term())) {
      onNewLeader(n, core.term());
    }
    if (core.commitIndex() < v.commit) {
      throw violation("MonotonicCommit", n, "commit went from " + v.commit + " to "
          + core.commitIndex());
    }
    for (long i = Math.max(v.commit, v.offset) + 1; i <= core.commitIndex(); i++) {
      onCommitted(n, i, core.term());
    }
    v.commit = core.commitIndex();
    v.term = core.term();
    v.vote = core.vote();
    v.role = core.role();
  }

  /**
   * Node {@code n} is about to apply committed entries up to {@code index}, possibly before its
   * Ready is persisted (the durable prefix): the checker learns those commits now, the rest at
   * the next {@link #afterStep}.
   */
  public void beforeApply(int n, long index) {
    beforeApply(n, index, views[n].term);
  }

  /** As {@link #beforeApply(int, long)}, with the member's current term ({@code term}). */
  public void beforeApply(int n, long index, long term) {
    View v = views[n];
    for (long i = Math.max(v.commit, v.offset) + 1; i <= index; i++) {
      onCommitted(n, i, term);
    }
    v.commit = Math.max(v.commit, index);
  }

  private void onNewLeader(int n, long term) {
    String prev = leaderOfTerm.putIfAbsent(term, ids.get(n));
    if (prev != null && !prev.equals(ids.get(n))) {
      throw violation("ElectionSafety", n, "became leader of term " + term
          + ", which " + prev + " already leads");
    }
    View v = views[n];
    // The spec's LeaderCompleteness: every entry committed in a term <= this one. A leader of an
    // older term may lack later commits: its votes were granted before a newer term committed,
    // and in the Ready-out mode its election is checked only when its held Ready is finished.
    long c = globalCommit();
    while (c > 0 && commitTerms.get((int) c) > term) {
      c--;
    }
    if (c > v.offset && (v.lastIndex() < c || v.hashAt(c) != committedHash(c))) {
      throw violation("LeaderCompleteness", n, "leads term " + term
          + " without the committed prefix up to " + c + " (its log ends at " + v.lastIndex() + ")");
    }
  }

  private void onCommitted(int n, long i, long term) {
    View v = views[n];
    if (i > v.lastIndex()) {
      throw violation("StateMachineSafety", n, "commits " + i + " beyond its log " + v.lastIndex());
    }
    long h = v.hashAt(i);
    if (i <= globalCommit()) {
      if (committedHash(i) != h) {
        throw violation("StateMachineSafety", n, "commits a different entry at index " + i
            + " than was committed before");
      }
    } else {
      committed.add(h);
      commitTerms.add(term);
      checkDurable(n);
    }
  }

  /** CommittedIsDurable: a quorum's persisted logs (or snapshots) hold the committed prefix. */
  private void checkDurable(int n) {
    long c = globalCommit();
    int holders = 0;
    for (View v : views) {
      holders += holdsCommitted(v) ? 1 : 0;
    }
    if (holders < quorum) {
      throw violation("CommittedIsDurable", n, "index " + c + " is committed but only "
          + holders + " members hold it");
    }
  }

  /** AppliedPrefix: what a node applied at {@code index} is the committed prefix. */
  public void onApplied(int n, long index, long chainHash) {
    if (index > globalCommit() || committedHash(index) != chainHash) {
      throw violation("AppliedPrefix", n, "applied sequence up to " + index
          + " differs from the committed sequence");
    }
  }

  /** A node restarted from {@code recovered}: rebuild its view from what survived. */
  public void onRestart(int n, RaftCore core, MemoryStorage recovered) {
    View v = views[n];
    long first = recovered.firstIndex();
    v.resetTo(first - 1, first == 1 ? 0 : committedHash(first - 1));
    for (Entry e : recovered.entries(first, recovered.lastIndex() + 1, Long.MAX_VALUE)) {
      v.chain.add(ChainHash.extend(v.hashAt(e.index() - 1), e));
    }
    // The hard state's commit index may be one no step showed (persisted by a Ready the core had
    // moved past, then a crash): learn those commits, and check them, from the recovered log.
    for (long i = Math.max(globalCommit(), v.offset) + 1; i <= core.commitIndex(); i++) {
      onCommitted(n, i, core.term());
    }
    v.commit = core.commitIndex();
    v.role = core.role();
    if (core.term() < v.term || (core.term() == v.term && v.vote != null
        && !Objects.equals(v.vote, core.vote()))) {
      throw violation("DurableTermAndVote", n, "restarted with term " + core.term() + " vote "
          + core.vote() + " but had acknowledged term " + v.term + " vote " + v.vote);
    }
    v.term = core.term();
    v.vote = core.vote();
    if (globalCommit() > 0) {
      checkDurable(n);
    }
  }

  /**
   * Node {@code n} is about to send {@code m}; {@code durable} and {@code durableLastIndex} are what
   * a crash now would keep. What a member sends vouches for its durable state (Fig. 2: respond
   * only after updating stable storage): no message of a term above the durable term
   * (DurableTermAndVote; pre-votes ask for a term they do not hold), a vote granted only once the
   * vote is durable (DurableTermAndVote), an append of the durable term acknowledged only up to the
   * durable log's end (AcknowledgedIsDurable; an answer of an older term is stale, the receiver
   * drops it or has lost its leadership).
   */
  public void beforeSend(int n, Message m, HardState durable, long durableLastIndex) {
    if (m.type() == MessageType.PreVoteRequest || m.type() == MessageType.PreVoteResponse) {
      return;
    }
    if (m.term() > durable.term()) {
      throw violation("DurableTermAndVote", n, "sends " + m + " while its disk holds term "
          + durable.term());
    }
    if (m.type() == MessageType.RequestVoteResponse && !m.reject() && m.term() == durable.term()
        && !m.to().equals(durable.vote())) {
      throw violation("DurableTermAndVote", n, "grants its vote of term " + m.term() + " to "
          + m.to() + " while its disk holds " + durable);
    }
    if (m.type() == MessageType.AppendEntriesResponse && !m.reject()
        && m.term() == durable.term() && m.index() > durableLastIndex) {
      throw violation("AcknowledgedIsDurable", n, "acknowledges index " + m.index() + " to "
          + m.to() + " while its disk ends at " + durableLastIndex);
    }
  }

  /** A client starts a read: it must reflect every write acknowledged so far. */
  public void onReadStarted(String context) {
    readRequired.put(context, globalCommit());
  }

  /** ReadIndexLinearizable: the read's index covers every write acknowledged before it began. */
  public void onReadState(int n, ReadState rs) {
    String ctx = new String(rs.context(), java.nio.charset.StandardCharsets.UTF_8);
    Long required = readRequired.remove(ctx);
    if (required != null && rs.index() < required) {
      throw violation("ReadIndexLinearizable", n, "read " + ctx + " served at index "
          + rs.index() + " but index " + required + " was committed before the read began");
    }
  }

  private InvariantViolation violation(String invariant, int n, String detail) {
    return new InvariantViolation(invariant, ids.get(n) + " " + detail);
  }
}
