---------------------------- MODULE TraceEtcdRaft ----------------------------
(***************************************************************************)
(* Trace validation: is a recorded trace of a Raft implementation a        *)
(* behaviour of EtcdRaft? TLC replays the trace event by event; each event *)
(* must be one step of the named EtcdRaft action, and the node's state     *)
(* after the step must equal the state the event reports. Parameters the   *)
(* event does not carry (the value of ClientRequest, the read id of        *)
(* ReadIndexRequest/ReadIndexComplete) are chosen by TLC, so a trace is    *)
(* accepted if SOME choice explains it.                                    *)
(*                                                                         *)
(* The trace is a TLA+ sequence generated from the NDJSON events (one     *)
(* generated module per trace, which EXTENDS this one and substitutes     *)
(* TraceLog); see MCTraceEtcdRaftSample.tla for the shape.                 *)
(*                                                                         *)
(* Field mapping (spec <-> JSON <-> Java core):                            *)
(*  event          "event"               the action name (Javadoc of the  *)
(*                                       Java method names it)             *)
(*  node i         "node"                RaftCore id of the stepping node  *)
(*  peer j         "peer" (null -> Nil)  the other end of a message        *)
(*  message m      "msg" (null -> Nil)   fields mtype, mterm, msource,     *)
(*                                       mdest, ... exactly as the spec's  *)
(*                                       message records (Message)         *)
(*  currentTerm[i] "state.currentTerm"   HardState term                    *)
(*  votedFor[i]    "state.votedFor"      HardState vote (null -> Nil)      *)
(*  state[i]       "state.state"         Follower/PreCandidate/Candidate/  *)
(*                                       Leader                            *)
(*  commitIndex[i] "state.commitIndex"   raftLog committed                 *)
(*  log[i]         "state.log"           [{term, value}] (value null ->   *)
(*                                       Nil: a leader's empty entry)      *)
(* Acceptance: the invariant TraceIncomplete is VIOLATED exactly when TLC *)
(* has matched every event (the expected result); if TLC finishes without *)
(* violating it, the trace is not a behaviour of EtcdRaft, and the longest *)
(* matched prefix is the reported maximum of l - 1.                        *)
(***************************************************************************)
EXTENDS EtcdRaft

CONSTANT
    \* The trace: a sequence of event records
    \* [event, node, peer, msg, state |-> [currentTerm, votedFor, state, commitIndex, log]].
    TraceLog

VARIABLE
    \* Index of the next trace event to match.
    l

\* All variables of the trace spec.
traceVars == <<vars, l>>

\* The event to match next.
Ev == TraceLog[l]

\* The node's state after the step equals what the event reports.
StateMatches(e) ==
    LET i == e.node IN
    /\ currentTerm'[i] = e.state.currentTerm
    /\ votedFor'[i] = e.state.votedFor
    /\ state'[i] = e.state.state
    /\ commitIndex'[i] = e.state.commitIndex
    /\ log'[i] = e.state.log

\* The event's message is in the network (for events that deliver one).
Delivered(e) == e.msg \in DOMAIN messages

\* One EtcdRaft step that explains event e.
ExplainStep(e) ==
    LET i == e.node
        j == e.peer
        m == e.msg
    IN
    \/ e.event = "Restart" /\ Restart(i)
    \/ e.event = "ElectionTimeout" /\ ElectionTimeout(i)
    \/ e.event = "BecomeCandidate" /\ BecomeCandidate(i)
    \/ e.event = "BecomeLeader" /\ BecomeLeader(i)
    \/ e.event = "ClientRequest" /\ \E v \in Value : ClientRequest(i, v)
    \/ e.event = "AppendEntries" /\ AppendEntries(i, j)
    \/ e.event = "AdvanceCommitIndex" /\ AdvanceCommitIndex(i)
    \/ e.event = "Heartbeat" /\ Heartbeat(i, j)
    \/ e.event = "CheckQuorum" /\ CheckQuorum(i)
    \/ e.event = "ReadIndexRequest" /\ \E r \in ReadId : ReadIndexRequest(i, r)
    \/ e.event = "ReadIndexComplete" /\ \E r \in ReadId : ReadIndexComplete(i, r)
    \/ e.event = "UpdateTerm" /\ Delivered(e) /\ UpdateTerm(i, j, m)
    \/ e.event = "DropStaleMessage" /\ Delivered(e) /\ DropStaleMessage(i, j, m)
    \/ e.event = "IgnoreVoteRequestInLease" /\ Delivered(e)
                                         /\ IgnoreVoteRequestInLease(i, j, m)
    \/ e.event = "HandlePreVoteRequest" /\ Delivered(e) /\ HandlePreVoteRequest(i, j, m)
    \/ e.event = "HandlePreVoteResponse" /\ Delivered(e) /\ HandlePreVoteResponse(i, j, m)
    \/ e.event = "HandleRequestVoteRequest" /\ Delivered(e)
                                         /\ HandleRequestVoteRequest(i, j, m)
    \/ e.event = "HandleRequestVoteResponse" /\ Delivered(e)
                                         /\ HandleRequestVoteResponse(i, j, m)
    \/ e.event = "HandleAppendEntriesRequest" /\ Delivered(e)
                                         /\ HandleAppendEntriesRequest(i, j, m)
    \/ e.event = "HandleAppendEntriesResponse" /\ Delivered(e)
                                         /\ HandleAppendEntriesResponse(i, j, m)
    \/ e.event = "HandleHeartbeatRequest" /\ Delivered(e) /\ HandleHeartbeatRequest(i, j, m)
    \/ e.event = "HandleHeartbeatResponse" /\ Delivered(e) /\ HandleHeartbeatResponse(i, j, m)
    \/ e.event = "DuplicateMessage" /\ Delivered(e) /\ DuplicateMessage(m)
    \/ e.event = "DropMessage" /\ Delivered(e) /\ DropMessage(m)

\* Start where EtcdRaft starts, before the first event.
TraceInit == Init /\ l = 1

\* Match the next event: one explaining step whose result the event reports.
TraceNext ==
    /\ l <= Len(TraceLog)
    /\ ExplainStep(Ev)
    /\ StateMatches(Ev)
    /\ l' = l + 1

\* The trace-validation behaviour.
TraceSpec == TraceInit /\ [][TraceNext]_traceVars

\* EXPECTED TO BE VIOLATED: false once every event has been matched, i.e.
\* the whole trace is a behaviour of EtcdRaft.
TraceIncomplete == l <= Len(TraceLog)
=============================================================================
