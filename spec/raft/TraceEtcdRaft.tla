---------------------------- MODULE TraceEtcdRaft ----------------------------
(***************************************************************************)
(* Trace validation: is a recorded trace of a Raft implementation a        *)
(* behaviour of EtcdRaft? TLC replays each trace event by event; each      *)
(* event must be one step of the EtcdRaft action it names, and the node's  *)
(* state after the step must equal what the event reports.                 *)
(*                                                                         *)
(* The traces come from module TraceData (Traces: a sequence of traces,   *)
(* each a sequence of event records; ReadOrder), which                     *)
(* `plumbline spec validate-trace` generates from NDJSON files (Java:      *)
(* io.plumbline.spec.trace). They are DEFINITIONS, not CONSTANTs set with *)
(* <- in the cfg: TLC evaluates a constant definition once, but evaluated *)
(* an overridden CONSTANT's whole trace again at every access (measured:  *)
(* 10 states/s on a 3,400-event trace). One TLC run validates many traces:*)
(* the initial state picks one (t).                                        *)
(*                                                                         *)
(* Verdict: TLC runs with deadlock checking. An event no step explains     *)
(* leaves its trace without a successor: TLC reports a deadlock whose last *)
(* state names the trace (t) and the event (l). A completely matched trace *)
(* ends in Done, which stutters. No deadlock = every trace is valid.       *)
(*                                                                         *)
(* Field mapping (spec <-> JSON <-> Java core, io.plumbline.raft):         *)
(*  event          "event"               action name (the Java method's   *)
(*                                       Javadoc names it)                 *)
(*  node i         "node"                RaftCore id of the acting node    *)
(*  peer j         "peer" (null -> Nil)  the other end of a message        *)
(*  message m      "msg" (null -> Nil)   mtype, mterm, msource, mdest and  *)
(*                                       the type's fields (Message)       *)
(*  read id r      "read"                ReadIndex context (optional)      *)
(*  currentTerm[i] "state.currentTerm"   HardState term                    *)
(*  votedFor[i]    "state.votedFor"      HardState vote (null -> Nil)      *)
(*  state[i]       "state.state"         Role                              *)
(*  commitIndex[i] "state.commitIndex"   raftLog committed                 *)
(*  log[i]         "state.log" (the whole log), or "state.logLen" +        *)
(*                 "state.lastLogTerm" + "append": {from, entries} (the    *)
(*                 entries the action wrote from index `from` on)          *)
(*                                                                         *)
(* How the spec's SHORTCUTs (see EtcdRaft.tla) meet a real implementation: *)
(*  network  The event's message is put into the network just before the   *)
(*           event (step Deliver). The trace decides what is delivered, so *)
(*           loss, duplication, reordering and etcd's extra answers to     *)
(*           stale messages (SHORTCUT 6) need no events; what a sender     *)
(*           puts on the wire is not compared with the spec's message.     *)
(*  lease    (SHORTCUT 1) etcd's lease also ends when electionElapsed      *)
(*           reaches the election timeout, before the randomized timer     *)
(*           fires: a follower that HANDLES a higher-term vote request is  *)
(*           taken as out of lease (TraceInLease); a leader never is.      *)
(*  lost     (SHORTCUT 2) ElectionLost(i): etcd's VoteLost, a (pre-)       *)
(*           candidate rejected by a quorum becomes a follower.            *)
(*  restart  (SHORTCUT 3) TraceRestart: a member may restart with the      *)
(*           commit index it persisted (at most its commit before).        *)
(*  batches  (SHORTCUT 4) one entry per AppendEntries message: traces come *)
(*           from runs with maxSizePerMsg = 1 (sim --spec-profile).        *)
(*  reads    (SHORTCUT 5) a heartbeat answer for read r also acknowledges  *)
(*           every read issued before r (etcd releases them together).    *)
(*  persist  Persist events (RaftCore.advance after a Ready that persisted *)
(*           a hard state or entries) switch the split on: GenFaults then  *)
(*           holds "AsyncPersist", and a vote, vote request or append      *)
(*           acknowledgement may be delivered only once released by its    *)
(*           sender's Persist, or while it waits and its sender has        *)
(*           nothing left to persist (a Ready that persisted nothing emits *)
(*           no event). A message the sender's restart lost, i.e. one sent *)
(*           before its state was durable, is never deliverable (Released).*)
(*  snapshots EtcdRaft keeps whole logs (its SHORTCUT on compaction): a    *)
(*           snapshot at index k stands for the committed prefix 1..k.     *)
(*           SendSnapshot(i, j, m) and HandleSnapshotRequest(i, j, m) below *)
(*           give it that meaning: the sender's snapshot must be of a      *)
(*           committed entry; the receiver keeps its state if it already   *)
(*           committed k, commits k if its log holds entry k, else its log *)
(*           becomes the committed prefix 1..k (etcd raft.restore). Log    *)
(*           compaction itself changes no spec state: events report the   *)
(*           log's length and last term, and the spec's log stays whole.  *)
(***************************************************************************)
EXTENDS TraceData

VARIABLES
    \* Which trace this behaviour replays.
    t,
    \* Index of the next event to match in trace t.
    l,
    \* "deliver": put the event's message in the network; "explain": match the event.
    phase,
    \* History: every message that waits for a Persist (EtcdRaft's Dependent)
    \* and was released into the network by one.
    released

\* All variables of the trace spec.
traceVars == <<vars, t, l, phase, released>>

\* The trace being replayed.
TraceLog == Traces[t]

\* The event to match next.
Ev == TraceLog[l]

\* Position of each read context in issue order (SHORTCUT 5).
ReadRank == [r \in ReadId |-> CHOOSE k \in DOMAIN ReadOrder : ReadOrder[k] = r]

\* Does event e report an optional field?
Has(e, field) == field \in DOMAIN e

\* The network holding only message m (or nothing).
OnlyMessage(m) == IF m = Nil THEN [x \in {} |-> 0] ELSE (m :> 1)

\* Is the current event i handling (not ignoring) a vote request of a higher term?
HandlesVoteRequest(i) ==
    /\ phase = "explain"
    /\ l <= Len(TraceLog)
    /\ Ev.node = i
    /\ Ev.event \in {"HandlePreVoteRequest", "UpdateTerm"}
    /\ Ev.msg # Nil
    /\ Ev.msg.mtype \in {PreVoteRequest, RequestVoteRequest}

\* Replaces EtcdRaft's InLease in the trace models (cfg: InLease <- TraceInLease):
\* a follower's lease may have ended before its timer fired (etcd), a leader's never.
TraceInLease(i) ==
    /\ leader[i] # Nil
    /\ leader[i] = i \/ ~HandlesVoteRequest(i)

\* etcd's VoteLost: a PreCandidate or Candidate that a quorum rejected becomes
\* a follower of its term without a leader. EtcdRaft keeps it campaigning
\* (SHORTCUT 2); stepping down only removes behaviours. Java: electionLost().
ElectionLost(i) ==
    /\ state[i] \in {PreCandidate, Candidate}
    /\ state' = [state EXCEPT ![i] = Follower]
    /\ leader' = [leader EXCEPT ![i] = Nil]
    /\ ResetRoleState(i, {}, {}, 1)
    /\ UNCHANGED <<durableVars, commitIndex, ioVars, ghostVars>>

\* EtcdRaft's Restart, except that the member may restart with commit index c,
\* the one it persisted (etcd HardState.Commit), at most its commit before the
\* crash; EtcdRaft restarts at 0 (SHORTCUT 3). Java: RaftCore.recover(...).
TraceRestart(i, c) ==
    /\ "Restart" \in Faults
    /\ c <= commitIndex[i]
    /\ state' = [state EXCEPT ![i] = Follower]
    /\ commitIndex' = [commitIndex EXCEPT ![i] = c]
    /\ leader' = [leader EXCEPT ![i] = Nil]
    /\ ResetRoleState(i, {}, {}, 1)
    /\ currentTerm' = [currentTerm EXCEPT ![i] = Durable(i).term]
    /\ votedFor' = [votedFor EXCEPT ![i] = Durable(i).vote]
    /\ log' = [log EXCEPT ![i] = Durable(i).log]
    /\ pendingMessages' = WithoutSentBy(i, pendingMessages)
    /\ UNCHANGED <<durableState, messages, ghostVars>>

\* Does a heartbeat answer carrying context ctx acknowledge read r?
Acknowledges(ctx, r) == ctx # Nil /\ ctx \in ReadId /\ ReadRank[r] <= ReadRank[ctx]

\* EtcdRaft's HandleHeartbeatResponse, except that the answer acknowledges every
\* pending read issued up to the one it names (SHORTCUT 5).
\* Java: handleHeartbeatResponse(m).
TraceHandleHeartbeatResponse(i, j, m) ==
    /\ m.mtype = HeartbeatResponse
    /\ m.mterm = currentTerm[i]
    /\ state[i] = Leader
    /\ recentActive' = [recentActive EXCEPT ![i] = @ \cup {j}]
    /\ pendingReads' = [pendingReads EXCEPT ![i] =
           {IF Acknowledges(m.mcontext, p.id) THEN [p EXCEPT !.acks = @ \cup {j}] ELSE p
              : p \in @}]
    /\ Discard(m)
    /\ UNCHANGED <<durableVars, state, commitIndex, leader, votesGranted,
                   preVotesGranted, nextIndex, matchIndex, ghostVars>>

\* etcd's MsgSnap (trace validation only: EtcdRaft has no snapshot messages).
SnapshotRequest == "SnapshotRequest"

\* The committed log prefix a snapshot message m stands for: entries 1..k
\* (k = m.msnapshotIndex) of a member's log whose entry k has the snapshot's
\* term, once that entry is known committed (ghost committed); by
\* LogMatching every such log has the same prefix. <<>> if there is none.
SnapshotLog(m) ==
    LET k == m.msnapshotIndex
        holds(s) == Len(log[s]) >= k /\ log[s][k].term = m.msnapshotTerm
    IN IF /\ k >= 1
          /\ \E c \in committed : c.index = k /\ c.term = m.msnapshotTerm
          /\ \E s \in Server : holds(s)
       THEN SubSeq(log[CHOOSE s \in Server : holds(s)], 1, k)
       ELSE <<>>

\* Leader i sends j the snapshot m (the trace's message): a snapshot of its own
\* committed prefix (the core snapshots applied entries only).
\* Java: RaftCore.sendSnapshot(to, pr), when j needs compacted entries.
SendSnapshot(i, j, m) ==
    /\ i # j
    /\ state[i] = Leader
    /\ m.mtype = SnapshotRequest
    /\ m.mterm = currentTerm[i]
    /\ m.msnapshotIndex <= commitIndex[i]
    /\ SnapshotLog(m) # <<>>
    /\ m.msnapshotTerm = log[i][m.msnapshotIndex].term
    /\ Send(m)
    /\ UNCHANGED <<durableVars, volatileVars, ghostVars>>

\* Non-leader i handles leader j's snapshot m of its term: it follows j; if it
\* already committed k it keeps its state, if its log holds entry k (same
\* term) it commits k, else its log becomes the committed prefix 1..k with
\* commit index k (etcd raft.restore). It answers with the index it now
\* holds. Installing a snapshot has the effect of the appends that would
\* carry entries 1..k (EtcdRaft's SHORTCUT on snapshots).
\* Java: RaftCore.handleSnapshotRequest(m).
HandleSnapshotRequest(i, j, m) ==
    LET k == m.msnapshotIndex
        snap == SnapshotLog(m)
        ack(x) == [mtype |-> AppendEntriesResponse, mterm |-> currentTerm[i],
                   msuccess |-> TRUE, mmatchIndex |-> x, msource |-> i, mdest |-> j]
    IN
    /\ m.mtype = SnapshotRequest
    /\ m.mterm = currentTerm[i]
    /\ state[i] # Leader
    /\ snap # <<>>
    /\ state' = [state EXCEPT ![i] = Follower]
    /\ leader' = [leader EXCEPT ![i] = j]
    /\ votesGranted' = [votesGranted EXCEPT ![i] = {}]
    /\ preVotesGranted' = [preVotesGranted EXCEPT ![i] = {}]
    /\ IF k <= commitIndex[i]
       THEN /\ Reply(ack(commitIndex[i]), m)
            /\ UNCHANGED <<log, commitIndex, committed>>
       ELSE IF Len(log[i]) >= k /\ log[i][k].term = m.msnapshotTerm
       THEN /\ CommitTo(i, log[i], k)
            /\ Reply(ack(k), m)
            /\ UNCHANGED log
       ELSE /\ log' = [log EXCEPT ![i] = snap]
            /\ CommitTo(i, snap, k)
            /\ Reply(ack(k), m)
    /\ UNCHANGED <<currentTerm, votedFor, nextIndex, matchIndex, recentActive,
                   pendingReads, readHistory>>

\* The value of the entry a ClientRequest event appended.
AppendedValue(e) == e.append.entries[Len(e.append.entries)].value

\* A protocol step that explains event e (EtcdRaft's ProtocolNext, faults
\* and trace-only steps; the durable state follows as in EtcdRaft's Next).
ExplainProtocolStep(e) ==
    LET i == e.node
        j == e.peer
        m == e.msg
    IN
    \/ e.event = "ElectionTimeout" /\ ElectionTimeout(i)
    \/ e.event = "ElectionLost" /\ ElectionLost(i)
    \/ e.event = "BecomeCandidate" /\ BecomeCandidate(i)
    \/ e.event = "BecomeLeader" /\ BecomeLeader(i)
    \/ e.event = "ClientRequest" /\ IF Has(e, "append") THEN ClientRequest(i, AppendedValue(e))
                                    ELSE \E v \in Value : ClientRequest(i, v)
    \/ e.event = "AppendEntries" /\ AppendEntries(i, j)
    \/ e.event = "AdvanceCommitIndex" /\ AdvanceCommitIndex(i)
    \/ e.event = "Heartbeat" /\ Heartbeat(i, j)
    \/ e.event = "CheckQuorum" /\ CheckQuorum(i)
    \/ e.event = "ReadIndexRequest" /\ IF Has(e, "read") THEN ReadIndexRequest(i, e.read)
                                       ELSE \E r \in ReadId : ReadIndexRequest(i, r)
    \/ e.event = "ReadIndexComplete" /\ IF Has(e, "read") THEN ReadIndexComplete(i, e.read)
                                        ELSE \E r \in ReadId : ReadIndexComplete(i, r)
    \/ e.event = "UpdateTerm" /\ UpdateTerm(i, j, m)
    \/ e.event = "DropStaleMessage" /\ DropStaleMessage(i, j, m)
    \/ e.event = "IgnoreVoteRequestInLease" /\ IgnoreVoteRequestInLease(i, j, m)
    \/ e.event = "HandlePreVoteRequest" /\ HandlePreVoteRequest(i, j, m)
    \/ e.event = "HandlePreVoteResponse" /\ HandlePreVoteResponse(i, j, m)
    \/ e.event = "HandleRequestVoteRequest" /\ HandleRequestVoteRequest(i, j, m)
    \/ e.event = "HandleRequestVoteResponse" /\ HandleRequestVoteResponse(i, j, m)
    \/ e.event = "HandleAppendEntriesRequest" /\ HandleAppendEntriesRequest(i, j, m)
    \/ e.event = "HandleAppendEntriesResponse" /\ HandleAppendEntriesResponse(i, j, m)
    \/ e.event = "HandleHeartbeatRequest" /\ HandleHeartbeatRequest(i, j, m)
    \/ e.event = "HandleHeartbeatResponse" /\ TraceHandleHeartbeatResponse(i, j, m)
    \/ e.event = "SendSnapshot" /\ SendSnapshot(i, j, m)
    \/ e.event = "HandleSnapshotRequest" /\ HandleSnapshotRequest(i, j, m)
    \/ e.event = "DuplicateMessage" /\ DuplicateMessage(m)
    \/ e.event = "DropMessage" /\ DropMessage(m)

\* One step that explains event e (its message is already in the network).
ExplainStep(e) ==
    \/ e.event = "Restart" /\ TraceRestart(e.node, e.state.commitIndex)
    \/ e.event = "Persist" /\ Persist(e.node)
    \/ ExplainProtocolStep(e)

\* Does event e report that its node installed the snapshot it handled (its
\* log is now exactly the snapshot: etcd raft.restore)?
InstalledSnapshot(e) ==
    /\ e.event = "HandleSnapshotRequest"
    /\ ~Has(e, "append")
    /\ Has(e.state, "snapshotIndex")
    /\ e.state.snapshotIndex = e.state.logLen
    /\ e.state.logLen = e.msg.msnapshotIndex

\* i's log after event e: the whole log if e reports it; the snapshot's
\* committed prefix if e installed a snapshot; else the first append.from - 1
\* entries (or logLen when nothing was written) of the log before, then the
\* entries the action wrote.
ReportedLog(e, i) ==
    IF Has(e.state, "log") THEN e.state.log
    ELSE IF InstalledSnapshot(e) THEN SnapshotLog(e.msg)
    ELSE LET keep == IF Has(e, "append") THEN e.append.from - 1 ELSE e.state.logLen
             new == IF Has(e, "append") THEN e.append.entries ELSE <<>>
         IN IF keep <= Len(log[i]) THEN SubSeq(log[i], 1, keep) \o new ELSE <<>>

\* The log the event reports is consistent with itself and with the log before.
LogReportConsistent(e, i) ==
    IF Has(e.state, "log") THEN TRUE
    ELSE LET keep == IF Has(e, "append") THEN e.append.from - 1 ELSE e.state.logLen
             rl == ReportedLog(e, i)
         IN /\ keep <= Len(log[i]) \/ InstalledSnapshot(e)
            /\ Len(rl) = e.state.logLen
            /\ LastTerm(rl) = e.state.lastLogTerm

\* The node's state after the step equals what the event reports.
StateMatches(e) ==
    LET i == e.node IN
    /\ currentTerm'[i] = e.state.currentTerm
    /\ votedFor'[i] = e.state.votedFor
    /\ state'[i] = e.state.state
    /\ commitIndex'[i] = e.state.commitIndex
    /\ LogReportConsistent(e, i)
    /\ log'[i] = ReportedLog(e, i)

\* The spec's state of the event's node after a step that explains it but does
\* not match, printed (PrintT) for the readable report; then FALSE.
ReportMismatch(e) ==
    LET i == e.node IN
    /\ PrintT(<<"plumbline-mismatch", t, l, currentTerm'[i], votedFor'[i], state'[i],
                commitIndex'[i], Len(log'[i]), LastTerm(log'[i])>>)
    /\ FALSE

\* Start where EtcdRaft starts, in one of the traces.
TraceInit ==
    /\ Init
    /\ t \in DOMAIN Traces
    /\ l = 1
    /\ phase = "deliver"
    /\ released = {}

\* May message m be delivered now? One that vouches for its sender's state
\* (Held) only once a Persist released it, or while it waits and its sender
\* has nothing left to persist.
Released(m) ==
    \/ m = Nil
    \/ ~Held(m)
    \/ m \in released
    \/ m \in DOMAIN pendingMessages /\ Durable(m.msource) = HardStateOf(m.msource)

\* The spec's state when the event's message was never released, printed for
\* the readable report (a message sent before its sender persisted); FALSE.
ReportUnreleased ==
    /\ PrintT(<<"plumbline-unreleased", t, l>>)
    /\ FALSE

\* The next event's message (if any) arrives; nothing else changes.
Deliver ==
    /\ phase = "deliver"
    /\ l <= Len(TraceLog)
    /\ IF Released(Ev.msg) THEN TRUE ELSE ReportUnreleased
    /\ messages' = OnlyMessage(Ev.msg)
    /\ phase' = "explain"
    /\ UNCHANGED <<durableVars, durableState, volatileVars, pendingMessages, ghostVars,
                   t, l, released>>

\* Match the next event: one explaining step whose result the event reports.
\* (IF, not \/: TLC would evaluate both disjuncts of an action and always print.)
Explain ==
    /\ phase = "explain"
    /\ l <= Len(TraceLog)
    /\ ExplainStep(Ev)
    /\ IF StateMatches(Ev) THEN TRUE ELSE ReportMismatch(Ev)
    /\ l' = l + 1
    /\ phase' = "deliver"
    /\ released' = released \cup {m \in DOMAIN messages' : Held(m)}
    /\ UNCHANGED t

\* Every event matched: stutter, so a valid trace is no deadlock.
Done ==
    /\ l > Len(TraceLog)
    /\ UNCHANGED traceVars

\* The trace-validation next-state relation.
TraceNext == Deliver \/ Explain \/ Done

\* The trace-validation behaviour.
TraceSpec == TraceInit /\ [][TraceNext]_traceVars
=============================================================================
