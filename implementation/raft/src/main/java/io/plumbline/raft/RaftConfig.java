package io.plumbline.raft;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Typed configuration of one member. Units are ticks (the caller decides how long a tick is),
 * messages and bytes. Membership is static: {@code peers} lists every voter, this one included.
 *
 * @param id this member's id
 * @param peers all voters, including {@code id}
 * @param electionTimeoutTicks base election timeout; the randomized one is in [this, 2 × this)
 * @param heartbeatTimeoutTicks ticks between leader heartbeats; less than the election timeout
 * @param maxInflightMsgs bound on unacknowledged AppendEntries per follower when pipelining
 * @param maxSizePerMsg bound on entry bytes per AppendEntries (at least one entry is always sent)
 * @param maxCommittedSizePerReady bound on committed entry bytes handed out per Ready
 * @param preVote whether elections start with a PreVote round
 * @param checkQuorum whether a leader steps down without quorum contact, and members in contact
 *     with a leader ignore vote requests (the lease)
 * @param injectedBugs deliberate bugs for tests; empty in any real configuration
 */
public record RaftConfig(
    String id,
    List<String> peers,
    int electionTimeoutTicks,
    int heartbeatTimeoutTicks,
    int maxInflightMsgs,
    long maxSizePerMsg,
    long maxCommittedSizePerReady,
    boolean preVote,
    boolean checkQuorum,
    Set<InjectedBug> injectedBugs) {

  public RaftConfig {
    peers = List.copyOf(peers);
    injectedBugs = injectedBugs.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(injectedBugs));
    require(id != null && peers.contains(id), "id must be one of peers: " + id + " " + peers);
    require(peers.stream().distinct().count() == peers.size(), "duplicate peers: " + peers);
    require(heartbeatTimeoutTicks > 0, "heartbeatTimeoutTicks must be > 0");
    require(electionTimeoutTicks > heartbeatTimeoutTicks,
        "electionTimeoutTicks must exceed heartbeatTimeoutTicks");
    require(maxInflightMsgs > 0, "maxInflightMsgs must be > 0");
    require(maxSizePerMsg > 0, "maxSizePerMsg must be > 0");
    require(maxCommittedSizePerReady > 0, "maxCommittedSizePerReady must be > 0");
  }

  /** etcd's defaults: election 10 ticks, heartbeat 1, 256 in flight, 1 MiB per message, PreVote and CheckQuorum on. */
  public static RaftConfig defaults(String id, List<String> peers) {
    return new RaftConfig(id, peers, 10, 1, 256, 1 << 20, 64L << 20, true, true, Set.of());
  }

  public RaftConfig withElectionTimeoutTicks(int ticks) {
    return new RaftConfig(id, peers, ticks, heartbeatTimeoutTicks, maxInflightMsgs, maxSizePerMsg,
        maxCommittedSizePerReady, preVote, checkQuorum, injectedBugs);
  }

  public RaftConfig withHeartbeatTimeoutTicks(int ticks) {
    return new RaftConfig(id, peers, electionTimeoutTicks, ticks, maxInflightMsgs, maxSizePerMsg,
        maxCommittedSizePerReady, preVote, checkQuorum, injectedBugs);
  }

  public RaftConfig withFlowControl(int inflight, long sizePerMsg) {
    return new RaftConfig(id, peers, electionTimeoutTicks, heartbeatTimeoutTicks, inflight,
        sizePerMsg, maxCommittedSizePerReady, preVote, checkQuorum, injectedBugs);
  }

  public RaftConfig withPreVoteAndCheckQuorum(boolean pre, boolean check) {
    return new RaftConfig(id, peers, electionTimeoutTicks, heartbeatTimeoutTicks, maxInflightMsgs,
        maxSizePerMsg, maxCommittedSizePerReady, pre, check, injectedBugs);
  }

  /** Committed entries handed out per Ready at most (bytes as {@code maxSizePerMsg} counts them; at least one entry). */
  public RaftConfig withMaxCommittedSizePerReady(long bytes) {
    return new RaftConfig(id, peers, electionTimeoutTicks, heartbeatTimeoutTicks, maxInflightMsgs,
        maxSizePerMsg, bytes, preVote, checkQuorum, injectedBugs);
  }

  /** Test-only: a configuration with deliberate bugs (see {@link InjectedBug}). */
  public RaftConfig withInjectedBugs(Set<InjectedBug> bugs) {
    return new RaftConfig(id, peers, electionTimeoutTicks, heartbeatTimeoutTicks, maxInflightMsgs,
        maxSizePerMsg, maxCommittedSizePerReady, preVote, checkQuorum, bugs);
  }

  boolean has(InjectedBug bug) {
    return !injectedBugs.isEmpty() && injectedBugs.contains(bug);
  }

  /** Votes needed for a majority of {@code peers}. */
  public int quorum() {
    return peers.size() / 2 + 1;
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
