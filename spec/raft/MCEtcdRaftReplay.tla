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
=============================================================================
