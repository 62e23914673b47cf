--------------------------- MODULE MCEtcdRaftReplay ---------------------------
(***************************************************************************)
(* Models of EtcdRaft for model-based tests of the Java core               *)
(* (implementation/README.md, "Model-based tests"): a quick state graph    *)
(* for `mvn verify`, and random behaviours of the CI model's bounds.       *)
(***************************************************************************)
EXTENDS MCEtcdRaft

\* A stronger scenario bound than SingleCampaigner: only one fixed server
\* ever leaves the Follower state. The servers are symmetric, so the graph
\* keeps every kind of step while being about three times smaller.
FixedCampaigner ==
    LET c == CHOOSE s \in Server : TRUE IN
    \A i \in Server \ {c} : state[i] = Follower

\* The CI model's bounds as part of the next-state relation, for TLC's
\* -simulate: with them as a CONSTRAINT a random trace ends at the first
\* out-of-bounds successor TLC happens to pick, so traces stay very short;
\* here TLC only ever picks successors within the bounds.
BoundedNext == Next /\ MCConstraint' /\ OneMessagePerLink'

\* The CI model's behaviours (without symmetry or view), for simulation.
BoundedSpec == Init /\ [][BoundedNext]_vars

\* BoundedNext where only one fixed server ever campaigns: random behaviours
\* then reach re-elections, replication and commits far more often than
\* with competing campaigners (whose elections mostly fail).
OneCampaignerNext == BoundedNext /\ FixedCampaigner'

\* The CI model's bounds with one fixed campaigner, for simulation.
OneCampaignerSpec == Init /\ [][OneCampaignerNext]_vars

\* Has server i state its disk does not hold yet (with "AsyncPersist": it is in
\* the middle of handling a Ready)?
Unpersisted(i) == Durable(i) # HardStateOf(i)

\* Copies of message m in bag msgs (0 when absent).
Copies(msgs, m) == IF m \in DOMAIN msgs THEN msgs[m] ELSE 0

\* Does this step leave server i alone, except for sending a leader's
\* replication messages (AppendEntries, heartbeats)? No variable of i
\* changes, no message to i is consumed, nothing else from i is sent.
OnlyReplicationBy(i) ==
    /\ currentTerm'[i] = currentTerm[i] /\ votedFor'[i] = votedFor[i]
    /\ log'[i] = log[i] /\ state'[i] = state[i] /\ leader'[i] = leader[i]
    /\ commitIndex'[i] = commitIndex[i]
    /\ votesGranted'[i] = votesGranted[i] /\ preVotesGranted'[i] = preVotesGranted[i]
    /\ nextIndex'[i] = nextIndex[i] /\ matchIndex'[i] = matchIndex[i]
    /\ recentActive'[i] = recentActive[i] /\ pendingReads'[i] = pendingReads[i]
    /\ \A m \in DOMAIN messages : m.mdest = i => Copies(messages', m) >= messages[m]
    /\ \A m \in DOMAIN messages' :
           (m.msource = i /\ messages'[m] > Copies(messages, m))
               => m.mtype \in {AppendEntriesRequest, HeartbeatRequest}
    /\ SentBy(i, pendingMessages') = SentBy(i, pendingMessages)

\* ACTION CONSTRAINT for model-based tests of the persist/send split: the
\* Java core's Ready is handled as one unit (RaftCore.ready, then
\* node.ReadyLoop.handle persists, sends and calls RaftCore.advance before the
\* core takes another step; Ready's contract). So a member with unpersisted
\* state takes no step but finishing its Ready (Persist, or a crash: Restart)
\* and the leader's replication sends the contract lets go out before the
\* fsync (Ready.maySendBeforePersist). The other members step meanwhile and
\* may receive those early messages. (EtcdRaft itself allows more: steps of
\* a member between its writes and their fsync, as etcd's asynchronous
\* storage writes do; the core does not implement those.)
SynchronousReady ==
    \A i \in Server : Unpersisted(i) => (~Unpersisted(i)' \/ OnlyReplicationBy(i))

\* A crash of i that can lose something: i is in the middle of a Ready, leads,
\* or knows a commit. (Random behaviours would otherwise spend most steps
\* restarting members that lose nothing but a pre-vote round.)
RestartLosesSomething(i) ==
    Unpersisted(i) \/ state[i] = Leader \/ commitIndex[i] > 0

\* ProtocolNext without a pre-candidate's retry: without message loss its
\* pre-vote round always completes, and random behaviours would otherwise
\* spend most steps restarting pre-vote rounds. (EtcdRaft's ProtocolNext with
\* ElectionTimeout guarded; keep the two lists alike.)
SplitProtocolNext ==
    \/ \E i \in Server : state[i] # PreCandidate /\ ElectionTimeout(i)
    \/ \E i \in Server : BecomeCandidate(i)
    \/ \E i \in Server : BecomeLeader(i)
    \/ \E i \in Server, v \in Value : ClientRequest(i, v)
    \/ \E i, j \in Server : AppendEntries(i, j)
    \/ \E i \in Server : AdvanceCommitIndex(i)
    \/ \E i, j \in Server : Heartbeat(i, j)
    \/ \E i \in Server : CheckQuorum(i)
    \/ \E i \in Server, r \in ReadId : ReadIndexRequest(i, r)
    \/ \E i \in Server, r \in ReadId : ReadIndexComplete(i, r)
    \/ Receive

\* The protocol, Persist and restarts that can lose something, within the
\* bounds of OneCampaignerNext and the core's Ready discipline
\* (SynchronousReady), for simulation of the persist/send split ("AsyncPersist"
\* in Faults, no loss or duplication); no stuttering steps (a Persist that
\* changes nothing), which would waste depth.
SplitNext ==
    /\ \/ SplitProtocolNext
       \/ \E i \in Server : Persist(i)
       \/ \E i \in Server : RestartLosesSomething(i) /\ Restart(i)
    /\ MCConstraint' /\ OneMessagePerLink' /\ FixedCampaigner'
    /\ SynchronousReady
    /\ vars' # vars

\* Behaviours of the persist/send split the Java core can take, for simulation.
SplitSpec == Init /\ [][SplitNext]_vars
\* ---- Reads across restarts (ModelBasedMixTest) ----------------------------
\* Random behaviours where a client value is committed, members crash and
\* restart from their disks, and ReadIndex reads complete afterwards. A read
\* needs an election, an own-term commit and a heartbeat round, so the walks
\* need room: the bounds (MaxTerm, MaxLogLen, MaxInFlight from the config)
\* are generous and sit inside the next-state relation (MixNext), where TLC
\* -simulate never picks an out-of-bounds successor instead of ending the walk.

\* Does i know a committed client value (an entry with a value at or below
\* its commit index)?
KnowsCommittedValue(i) == \E k \in 1..commitIndex[i] : log[i][k].value # Nil

\* Reads a leader may have waiting at once in MixSpec.
MaxPendingReads == 2

\* How many reads wait for their quorum round at leader i.
PendingCount(i) == Cardinality(pendingReads[i])

\* The next client read: the reads start in one fixed order (CHOOSE), so a
\* read request is one successor, not one per idle read id.
NextRead == CHOOSE r \in {r2 \in ReadId : readHistory[r2].phase = "idle"} : TRUE

\* Leader i may start a read: an idle read id is left, i knows a committed
\* client value (so the read has a write it must see), and fewer than
\* MaxPendingReads of its reads wait (several at once: heartbeats carry the
\* newest, whose quorum also serves the older ones).
MixReadStarts(i) ==
    /\ \E r \in ReadId : readHistory[r].phase = "idle"
    /\ KnowsCommittedValue(i)
    /\ PendingCount(i) < MaxPendingReads
    /\ ReadIndexRequest(i, NextRead)

\* Reads a crash lost: started ("pending" in readHistory) but no longer
\* waiting at any member, so the spec never completes them.
LostReads ==
    {r \in ReadId : readHistory[r].phase = "pending" /\ \A i \in Server : \A p \in pendingReads[i] : p.id # r}

\* A crash that matters here: i knows a committed client value, so a read
\* after it must still see that value (with "AsyncPersist" the crash may also
\* come in the middle of a Ready and lose unpersisted state). Restarts of
\* members that know nothing would only spend the walk's steps on elections
\* (MCEtcdRaftSimSplit has those). A crash may come while reads are pending,
\* at i or at the leader: a leader's crash loses its pending reads (they stay
\* "pending" in readHistory and must never be answered). Only one crash per
\* behaviour loses reads, once a read was answered (LostReads empty before
\* it): random walks would otherwise lose most reads before their heartbeat
\* round completes.
MixRestarts(i) ==
    /\ KnowsCommittedValue(i)
    /\ pendingReads[i] # {} =>
           LostReads = {} /\ \E r \in ReadId : readHistory[r].phase = "done"
    /\ Restart(i)

\* Does no message from or to i wait in the network or for a Persist (so a
\* pre-vote or vote round of i is over, won or lost)?
Quiet(i) ==
    \A m \in DOMAIN messages \cup DOMAIN pendingMessages : m.msource # i /\ m.mdest # i

\* i's election timer fires only when there is no leader and any round of
\* its own is over: elections start after a leader's crash (or step-down),
\* and a pre-candidate or candidate whose round failed may try again. (Timers
\* that fire beside a live leader, or over and over during a round, would
\* spend the walk on elections.)
MixTimeout(i) ==
    /\ \A j \in Server : state[j] # Leader
    /\ Quiet(i)
    /\ ElectionTimeout(i)

\* Is nothing from j to leader i in flight or held for j's Persist? A leader
\* sends j an AppendEntries only then: it waits for j's answer to the last
\* one. (Otherwise a leader resends an AppendEntries whose rejection is on its
\* way, and the second, identical rejection backs the spec's nextIndex off once
\* more, where the core, as etcd's Progress.MaybeDecrTo, ignores a rejection
\* that does not answer its latest probe.)
AnswerArrived(i, j) ==
    \A m \in DOMAIN messages \cup DOMAIN pendingMessages : ~(m.msource = j /\ m.mdest = i)

\* A leader's answer that nothing will ever read: an append or heartbeat
\* response of its destination's current term to a member that no longer
\* leads (it crashed or stepped down). The spec has no handler for it, so
\* it would stay in the network for good, keep its link (OneMessagePerLink)
\* and both ends from being Quiet, and no election would follow a leader's
\* crash. etcd's follower ignores it (stepFollower); with "Drop" in Faults
\* MixSpec discards such answers only (the replay delivers them, and the
\* core ignores them).
Unread(m) ==
    /\ m.mtype \in {AppendEntriesResponse, HeartbeatResponse}
    /\ m.mterm = currentTerm[m.mdest]
    /\ state[m.mdest] # Leader

\* ProtocolNext with MixTimeout, AppendEntries only once the last one was
\* answered (AnswerArrived), a client write only once the leader's log
\* is committed (one write at a time, so logs stay short and walks commit),
\* CheckQuorum only where the leader keeps leading (random walks would
\* otherwise depose most leaders before their first heartbeat round) and
\* reads started by MixReadStarts (keep the lists alike).
MixProtocolNext ==
    \/ \E i \in Server : MixTimeout(i)
    \/ \E i \in Server : BecomeCandidate(i)
    \/ \E i \in Server : BecomeLeader(i)
    \/ \E i \in Server, v \in Value : commitIndex[i] = Len(log[i]) /\ ClientRequest(i, v)
    \/ \E i, j \in Server : AnswerArrived(i, j) /\ AppendEntries(i, j)
    \/ \E i \in Server : AdvanceCommitIndex(i)
    \/ \E i, j \in Server : Heartbeat(i, j)
    \/ \E i \in Server : recentActive[i] \cup {i} \in Quorum /\ CheckQuorum(i)
    \/ \E i \in Server : MixReadStarts(i)
    \/ \E i \in Server, r \in ReadId : ReadIndexComplete(i, r)
    \/ Receive
    \/ \E m \in DOMAIN messages : Unread(m) /\ DropMessage(m)

\* Is every message in the network a single copy? (Without "Duplicate" a
\* second copy only arises when a leader resends an AppendEntries or a
\* heartbeat that is still in flight; replay gains nothing from it.)
OneCopyEach == \A m \in DOMAIN messages : messages[m] = 1

\* The protocol, Persist ("AsyncPersist" only) and restarts that matter,
\* within the config's bounds, one message per link and one copy each, with
\* the core's Ready discipline (SynchronousReady, which always holds without
\* "AsyncPersist"); no stuttering steps.
MixNext ==
    /\ \/ MixProtocolNext
       \/ \E i \in Server : Persist(i)
       \/ \E i \in Server : MixRestarts(i)
    /\ MCConstraint' /\ OneMessagePerLink' /\ OneCopyEach'
    /\ SynchronousReady
    /\ vars' # vars

\* Behaviours with reads across restarts, for simulation.
MixSpec == Init /\ [][MixNext]_vars
=============================================================================
