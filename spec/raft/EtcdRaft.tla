------------------------------- MODULE EtcdRaft -------------------------------
(***************************************************************************)
(* etcd's Raft (go.etcd.io/raft) among an odd number of members: terms,   *)
(* PreVote, CheckQuorum, elections, log replication with conflict         *)
(* truncation, commit of current-term entries by quorum only, ReadIndex    *)
(* (ReadOnlySafe), crash/restart keeping only durable state, and message   *)
(* loss, duplication and reordering.                                       *)
(*                                                                         *)
(* PERSISTENCE (fault class "AsyncPersist"): a member's term, vote and log *)
(* (currentTerm, votedFor, log) are the state its handlers see; what a    *)
(* crash keeps is durableState, which catches up only in Persist(i) (the  *)
(* core's Ready: persist, then send). Messages that vouch for unpersisted *)
(* state wait in pendingMessages until their sender's next Persist: vote   *)
(* requests (the candidate's own term and vote), granted votes and        *)
(* successful append acknowledgements; a leader's own entries count toward *)
(* a commit only once durable. A leader's appends and heartbeats, and every *)
(* other message, go out at once (the Ready contract's                    *)
(* maySendBeforePersist, and messages that promise nothing durable).      *)
(* Without "AsyncPersist" every step persists as it goes (Durable is the  *)
(* hard state itself, nothing waits): the models that leave it out        *)
(* explore exactly the state space they did before the split.             *)
(*                                                                         *)
(* Action names are a contract shared with the Java core, the class       *)
(* io.plumbline.raft.RaftCore (file implementation/raft/src/main/java/     *)
(* io/plumbline/raft/RaftCore.java): each action is one Java method, named *)
(* after "Java:" in the comment before the action; that method's Javadoc   *)
(* names the action back.                                                  *)
(* The same names are the NDJSON trace events (see README.md).             *)
(*                                                                         *)
(* TIME is abstract: there are no clocks. Every timer of etcd is an       *)
(* action that is enabled whenever the timer could fire:                   *)
(*  - ElectionTimeout(i): a non-leader's randomized election timer fired. *)
(*  - CheckQuorum(i): a leader's election timeout elapsed (etcd checks    *)
(*    quorum activity once per election timeout).                          *)
(*  - Heartbeat(i, j): a leader's heartbeat timer fired.                   *)
(*  - The CheckQuorum lease of a follower ("I heard from a live leader    *)
(*    within the election timeout") is the variable leader[i] # Nil: it   *)
(*    starts when i hears from the leader and ends when i's own election  *)
(*    timer fires (see InLease).                                           *)
(* SHORTCUT (time): since any timer may fire at any time, the spec allows *)
(* every ordering real timers allow (and more: e.g. a leader's CheckQuorum *)
(* right after its election). More behaviours can only expose more        *)
(* violations, so the abstraction is sound for the safety invariants.      *)
(*                                                                         *)
(* The network is a bag of messages: any message in it may be delivered   *)
(* at any time (reordering), delivered more than once (DuplicateMessage)  *)
(* or never (DropMessage).                                                  *)
(*                                                                         *)
(* SHORTCUT (log compaction and snapshots): the core compacts its log and  *)
(* sends a snapshot to a follower that needs compacted entries             *)
(* (RaftCore.sendSnapshot, action SendSnapshot;                            *)
(* RaftCore.handleSnapshotRequest, action HandleSnapshotRequest). The spec *)
(* keeps every log whole and has no snapshot messages. This is sound for   *)
(* the invariants: a snapshot at index k stands for the log prefix 1..k,   *)
(* which the core only takes from committed (hence, by StateMachineSafety, *)
(* agreed) entries; installing it has the same effect on a follower's log  *)
(* and commit index as the AppendEntries messages that would carry those   *)
(* entries one by one, which the spec does model. Whole logs also keep     *)
(* every entry visible to the invariants (LogMatching and                  *)
(* StateMachineSafety compare entries by index).                           *)
(*                                                                         *)
(* SHORTCUT (flow control): the core's bounds on uncommitted entries and   *)
(* pending reads, its in-flight windows and paused probes are not modelled.*)
(* They only refuse or delay sends, i.e. remove behaviours, so every       *)
(* behaviour of the core remains a behaviour of the spec.                  *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets, TLC

CONSTANTS
    \* The members (2n+1 of them). Model values; symmetric.
    Server,
    \* Values clients may propose.
    Value,
    \* Identifiers of ReadIndex requests (each is issued at most once).
    ReadId,
    \* A model value distinct from all servers, values and read ids: "none".
    Nil,
    \* Deliberately injected bugs (default {}); see BugNames.
    Bugs,
    \* The faults the environment injects: a subset of FaultNames (all of
    \* them for the full spec; bounded models may leave some out to stay small).
    Faults

(***************************************************************************)
(* Names of the injectable bugs. Each is consulted by exactly one action, *)
(* so the same spec text is checked with and without the bug.              *)
(*  - CommitWithoutQuorum: AdvanceCommitIndex commits the leader's last   *)
(*    current-term entry without waiting for a quorum of replicas.         *)
(*  - StaleReadIndex: the leader serves reads from its local commit index: *)
(*    ReadIndexRequest skips the "committed an entry of my term" check and *)
(*    ReadIndexComplete skips the quorum heartbeat round that confirms     *)
(*    leadership (dropping either check alone is unsafe too; the pair      *)
(*    gives a short counterexample).                                       *)
(*  - NoVoteTermCheck: HandleRequestVoteRequest ignores the term: it      *)
(*    grants a vote without checking whether it already voted in this     *)
(*    term (votedFor), so two candidates can win one term.                 *)
(*  - CommitRegression: a member takes the commit index a message carries  *)
(*    as is (no max with its own), so a reordered old message lowers it.  *)
(***************************************************************************)
BugNames == {"CommitWithoutQuorum", "StaleReadIndex", "NoVoteTermCheck",
             "CommitRegression"}

ASSUME Bugs \subseteq BugNames

\* Fault classes: crash/restart, message loss, message duplication, and the
\* disk lagging behind a member's state (persistence is a step of its own).
\* (Reordering needs no switch: the network is a bag.)
\* "AsyncPersist": members persist in separate Persist steps (see the header).
FaultNames == {"Restart", "Drop", "Duplicate", "AsyncPersist"}

ASSUME Faults \subseteq FaultNames
ASSUME Nil \notin Server \cup Value \cup ReadId

\* Server states. Strings, so they print readably and match the trace JSON.
Follower == "Follower"
\* A server that runs a pre-election (PreVote) without raising its term.
PreCandidate == "PreCandidate"
\* A server that runs an election in its (raised) term.
Candidate == "Candidate"
\* The server that replicates its log to the others in its term.
Leader == "Leader"

\* Message types (field mtype).
PreVoteRequest == "PreVoteRequest"
\* Answer to a PreVoteRequest.
PreVoteResponse == "PreVoteResponse"
\* etcd's MsgVote.
RequestVoteRequest == "RequestVoteRequest"
\* etcd's MsgVoteResp.
RequestVoteResponse == "RequestVoteResponse"
\* etcd's MsgApp.
AppendEntriesRequest == "AppendEntriesRequest"
\* etcd's MsgAppResp.
AppendEntriesResponse == "AppendEntriesResponse"
\* etcd's MsgHeartbeat (carries commit and an optional ReadIndex context).
HeartbeatRequest == "HeartbeatRequest"
\* etcd's MsgHeartbeatResp (echoes the context).
HeartbeatResponse == "HeartbeatResponse"

(***************************************************************************)
(* Variables. Hard state (currentTerm, votedFor, log): what the member's   *)
(* handlers see; a Restart recovers it from durableState, the part that    *)
(* reached the disk. Volatile (reset by Restart): everything else of a     *)
(* server.                                                                  *)
(***************************************************************************)
VARIABLES
    \* Hard state: the latest term a server has seen (etcd HardState.Term).
    currentTerm,
    \* Hard state: whom the server voted for in currentTerm, or Nil (HardState.Vote).
    votedFor,
    \* Hard state: the log, a sequence of [term |-> t, value |-> v] (etcd raftLog).
    log,
    \* Durable: per server, the [term, vote, log] its disk holds (etcd Storage
    \* after the last persisted Ready), with "AsyncPersist" in Faults; without
    \* it the disk is the hard state itself (see Durable) and this stays at
    \* its initial value.
    durableState,
    \* Volatile: Follower, PreCandidate, Candidate or Leader.
    state,
    \* Volatile: highest log index known committed (etcd raftLog.committed).
    commitIndex,
    \* Volatile: the leader this server follows in currentTerm, or Nil (etcd r.lead).
    leader,
    \* Volatile: servers that granted this candidate's vote.
    votesGranted,
    \* Volatile: servers that granted this pre-candidate's pre-vote.
    preVotesGranted,
    \* Volatile (leader): next index to send to each server (etcd Progress.Next).
    nextIndex,
    \* Volatile (leader): highest index known replicated on each server (Progress.Match).
    matchIndex,
    \* Volatile (leader): servers heard from since the last CheckQuorum (Progress.RecentActive).
    recentActive,
    \* Volatile (leader): ReadIndex requests waiting for their quorum round
    \* (etcd readOnly): a set of [id |-> r, index |-> k, acks |-> S].
    pendingReads,
    \* The network: a bag of messages, message -> number of copies (>= 1).
    messages,
    \* Sent but held until the sender's next Persist (a bag, as messages):
    \* messages vouching for unpersisted state (see Dependent). Always empty
    \* unless "AsyncPersist" is in Faults.
    pendingMessages,
    \* GHOST (history): every entry ever committed anywhere, as
    \* [index |-> k, term |-> t, commitTerm |-> T], T = the term in which it was
    \* first known committed. Drives the safety invariants; never read by actions'
    \* guards.
    committed,
    \* GHOST (client history): per read id, phase "idle"/"pending"/"done",
    \* mustSee = highest committed index when the read began, index = the index
    \* the read was served at. The phase is read by ReadIndexRequest's guard.
    readHistory

\* Per-server hard state (what Persist makes durable).
durableVars == <<currentTerm, votedFor, log>>
\* Volatile per-server state.
volatileVars == <<state, commitIndex, leader, votesGranted, preVotesGranted,
                  nextIndex, matchIndex, recentActive, pendingReads>>
\* Ghost/history variables (no influence on behaviour, except readHistory's phase).
ghostVars == <<committed, readHistory>>
\* What lies outside the members' memory: the network, the messages waiting
\* for their sender's Persist, and the disks. A step that sends nothing and
\* is not Persist or Restart leaves it alone.
ioVars == <<messages, pendingMessages, durableState>>
\* All variables.
vars == <<durableVars, volatileVars, ioVars, ghostVars>>

-----------------------------------------------------------------------------
(* Helpers *)

\* Quorums: the majorities of Server.
Quorum == {Q \in SUBSET Server : 2 * Cardinality(Q) > Cardinality(Server)}

\* The term of the last entry of a log, 0 for an empty log.
LastTerm(xlog) == IF Len(xlog) = 0 THEN 0 ELSE xlog[Len(xlog)].term

\* The smaller of two numbers.
Min(a, b) == IF a < b THEN a ELSE b

\* The larger of two numbers.
Max(a, b) == IF a > b THEN a ELSE b

\* The largest element of a finite set of naturals, 0 for the empty set.
MaxOf(S) == IF S = {} THEN 0 ELSE CHOOSE x \in S : \A y \in S : y <= x

\* The bag msgs with one more copy of m.
WithMessage(m, msgs) ==
    IF m \in DOMAIN msgs THEN [msgs EXCEPT ![m] = @ + 1]
                         ELSE msgs @@ (m :> 1)

\* The bag msgs with one copy of m less (m must be in msgs).
WithoutMessage(m, msgs) ==
    IF msgs[m] > 1 THEN [msgs EXCEPT ![m] = @ - 1]
                   ELSE [x \in DOMAIN msgs \ {m} |-> msgs[x]]

\* The bag msgs with one more copy of every message in the set ms.
WithMessages(ms, msgs) ==
    [x \in DOMAIN msgs \cup ms |->
        (IF x \in DOMAIN msgs THEN msgs[x] ELSE 0) + (IF x \in ms THEN 1 ELSE 0)]

\* Does m vouch for state its sender may not have persisted yet, so that it
\* waits for the sender's Persist (with "AsyncPersist")? A vote request (the
\* candidate's new term and its vote for itself), a granted vote, and a
\* successful append acknowledgement. (The leader's own acknowledgement is
\* its durable log: see Agree.)
Dependent(m) ==
    \/ m.mtype = RequestVoteRequest
    \/ m.mtype = RequestVoteResponse /\ m.mvoteGranted
    \/ m.mtype = AppendEntriesResponse /\ m.msuccess

\* Does m wait in pendingMessages for its sender's Persist?
Held(m) == "AsyncPersist" \in Faults /\ Dependent(m)

\* Send the set ms of messages (one copy each): held ones wait for Persist,
\* the others enter the network. msgs is the network after any consumption.
SendSet(ms, msgs) ==
    /\ messages' = WithMessages({m \in ms : ~Held(m)}, msgs)
    /\ pendingMessages' = WithMessages({m \in ms : Held(m)}, pendingMessages)
    /\ UNCHANGED durableState

\* Send one message.
Send(m) == SendSet({m}, messages)

\* Send one message to each of a set of servers (a broadcast).
Broadcast(ms) == SendSet(ms, messages)

\* Consume a delivered message without answering.
Discard(m) ==
    /\ messages' = WithoutMessage(m, messages)
    /\ UNCHANGED <<pendingMessages, durableState>>

\* Consume a delivered request and send its response in one step.
Reply(response, request) == SendSet({response}, WithoutMessage(request, messages))

\* The number of messages in flight (copies counted): used by model bounds.
RECURSIVE SumCounts(_, _)
\* Sum of msgs[x] over the finite set S of messages.
SumCounts(msgs, S) ==
    IF S = {} THEN 0
    ELSE LET x == CHOOSE y \in S : TRUE IN msgs[x] + SumCounts(msgs, S \ {x})
\* Total copies of messages in the network and waiting for a Persist.
InFlight == SumCounts(messages, DOMAIN messages)
            + SumCounts(pendingMessages, DOMAIN pendingMessages)

\* The highest index of any entry ever committed (ghost).
MaxCommittedIndex == MaxOf({c.index : c \in committed})

\* i's CheckQuorum lease: it heard from a leader (or is one) and its election
\* timer has not fired since. While in lease, i ignores (pre-)vote requests
\* of higher terms (etcd Step: inLease). SHORTCUT: in etcd the lease ends when
\* electionElapsed reaches electionTimeout, slightly before the randomized
\* timer fires; here it ends exactly when ElectionTimeout(i) fires, so a
\* follower that lost its lease and does not campaign itself is not modelled.
\* It only delays granting pre-votes (a liveness matter), not safety.
InLease(i) == leader[i] # Nil

\* Candidate j's log (last term/index from message m) is at least as
\* up-to-date as i's log (Raft section 5.4.1; etcd raftLog.isUpToDate).
LogUpToDate(i, m) ==
    \/ m.mlastLogTerm > LastTerm(log[i])
    \/ /\ m.mlastLogTerm = LastTerm(log[i])
       /\ m.mlastLogIndex >= Len(log[i])

\* The ghost records the entries of newLog (i's log after the step) in
\* (old, new] as committed in i's term, keeping the first commit term of an
\* entry already known committed.
RecordCommitted(i, newLog, old, new) ==
    committed' = committed \cup
        {[index |-> k, term |-> newLog[k].term, commitTerm |-> currentTerm[i]] :
            k \in {k2 \in (old + 1)..new :
                     ~\E c \in committed : c.index = k2 /\ c.term = newLog[k2].term}}

\* Set i's commitIndex to the larger of its current value and newCommit
\* (given i's log after the step, newLog), recording newly committed entries
\* in the ghost. (etcd raftLog.commitTo never decreases the commit index.)
\* Bug CommitRegression: newCommit is taken as is, even if lower.
CommitTo(i, newLog, newCommit) ==
    LET nc == IF "CommitRegression" \in Bugs THEN newCommit
              ELSE Max(commitIndex[i], newCommit) IN
    /\ commitIndex' = [commitIndex EXCEPT ![i] = nc]
    /\ RecordCommitted(i, newLog, commitIndex[i], nc)

\* Volatile leader/candidate bookkeeping of i reset on a role change, as
\* etcd's reset() does: votes and pre-votes set to the given sets, next index
\* of every server to next, the rest emptied. Non-leaders keep canonical
\* values, which also keeps the state space small.
ResetRoleState(i, votes, preVotes, next) ==
    /\ votesGranted' = [votesGranted EXCEPT ![i] = votes]
    /\ preVotesGranted' = [preVotesGranted EXCEPT ![i] = preVotes]
    /\ nextIndex' = [nextIndex EXCEPT ![i] = [j \in Server |-> next]]
    /\ matchIndex' = [matchIndex EXCEPT ![i] = [j \in Server |-> 0]]
    /\ recentActive' = [recentActive EXCEPT ![i] = {}]
    /\ pendingReads' = [pendingReads EXCEPT ![i] = {}]

\* i becomes a Follower of term t following leader l (or Nil): etcd becomeFollower.
BecomeFollowerOf(i, t, l) ==
    /\ state' = [state EXCEPT ![i] = Follower]
    /\ currentTerm' = [currentTerm EXCEPT ![i] = t]
    /\ leader' = [leader EXCEPT ![i] = l]
    /\ ResetRoleState(i, {}, {}, 1)

-----------------------------------------------------------------------------
(* Initial state *)

\* All servers start as followers of term 0 with empty logs and no messages.
Init ==
    /\ currentTerm = [i \in Server |-> 0]
    /\ votedFor = [i \in Server |-> Nil]
    /\ log = [i \in Server |-> <<>>]
    /\ durableState = [i \in Server |-> [term |-> 0, vote |-> Nil, log |-> <<>>]]
    /\ state = [i \in Server |-> Follower]
    /\ commitIndex = [i \in Server |-> 0]
    /\ leader = [i \in Server |-> Nil]
    /\ votesGranted = [i \in Server |-> {}]
    /\ preVotesGranted = [i \in Server |-> {}]
    /\ nextIndex = [i \in Server |-> [j \in Server |-> 1]]
    /\ matchIndex = [i \in Server |-> [j \in Server |-> 0]]
    /\ recentActive = [i \in Server |-> {}]
    /\ pendingReads = [i \in Server |-> {}]
    /\ messages = [m \in {} |-> 0]
    /\ pendingMessages = [m \in {} |-> 0]
    /\ committed = {}
    /\ readHistory = [r \in ReadId |-> [phase |-> "idle", mustSee |-> 0, index |-> 0]]

-----------------------------------------------------------------------------
(* Persistence, crash and restart *)

\* The hard state of server i as a durable record.
HardStateOf(i) == [term |-> currentTerm[i], vote |-> votedFor[i], log |-> log[i]]

\* The messages of bag msgs sent by server i.
SentBy(i, msgs) == {m \in DOMAIN msgs : m.msource = i}

\* The bag holding the copies of both bags a and b.
BagSum(a, b) ==
    [x \in DOMAIN a \cup DOMAIN b |->
        (IF x \in DOMAIN a THEN a[x] ELSE 0) + (IF x \in DOMAIN b THEN b[x] ELSE 0)]

\* The bag msgs without the messages sent by server i.
WithoutSentBy(i, msgs) == [m \in DOMAIN msgs \ SentBy(i, msgs) |-> msgs[m]]

\* What server i's disk holds: with "AsyncPersist" what its last Persist
\* wrote; without it every step persists as it goes, so the disk is the
\* hard state itself (and durableState, never written, adds no states).
Durable(i) == IF "AsyncPersist" \in Faults THEN durableState[i] ELSE HardStateOf(i)

\* i handles a Ready (with "AsyncPersist"): its term, vote and log become
\* durable (the write and its fsync), then the messages it held for them go
\* out. Java: RaftCore.advance(rd), called by the Ready loop after it
\* persisted and sent the Ready (node.ReadyLoop.handle).
Persist(i) ==
    /\ "AsyncPersist" \in Faults
    /\ durableState' = [durableState EXCEPT ![i] = HardStateOf(i)]
    /\ messages' = BagSum(messages, [m \in SentBy(i, pendingMessages) |-> pendingMessages[m]])
    /\ pendingMessages' = WithoutSentBy(i, pendingMessages)
    /\ UNCHANGED <<durableVars, volatileVars, ghostVars>>

\* i crashes and restarts (if the model allows crashes): it recovers its
\* term, vote and log from durableState; everything volatile is reset,
\* pending reads are lost, and so are the messages it held for a Persist.
\* Messages already in the network stay there (they may still be
\* delivered). Java: RaftCore.restart(...), called by the simulator's
\* SimNode.restart().
\* SHORTCUT: no snapshots, so commitIndex restarts at 0 (etcd restarts at the
\* snapshot index or HardState.Commit; 0 is the most pessimistic choice).
Restart(i) ==
    /\ "Restart" \in Faults
    /\ state' = [state EXCEPT ![i] = Follower]
    /\ commitIndex' = [commitIndex EXCEPT ![i] = 0]
    /\ leader' = [leader EXCEPT ![i] = Nil]
    /\ ResetRoleState(i, {}, {}, 1)
    /\ currentTerm' = [currentTerm EXCEPT ![i] = Durable(i).term]
    /\ votedFor' = [votedFor EXCEPT ![i] = Durable(i).vote]
    /\ log' = [log EXCEPT ![i] = Durable(i).log]
    /\ pendingMessages' = WithoutSentBy(i, pendingMessages)
    /\ UNCHANGED <<durableState, messages, ghostVars>>

-----------------------------------------------------------------------------
(* Elections *)

\* i's randomized election timer fires (it is not a leader): with PreVote it
\* becomes a PreCandidate, forgets its leader (its lease ends) and asks every
\* other server for a pre-vote for term currentTerm+1 WITHOUT raising its own
\* term. Java: RaftCore.electionTimeout() (called from tick()).
ElectionTimeout(i) ==
    /\ state[i] # Leader
    /\ state' = [state EXCEPT ![i] = PreCandidate]
    /\ leader' = [leader EXCEPT ![i] = Nil]
    /\ ResetRoleState(i, {}, {i}, 1)
    /\ Broadcast(
           {[mtype |-> PreVoteRequest, mterm |-> currentTerm[i] + 1,
             mlastLogTerm |-> LastTerm(log[i]), mlastLogIndex |-> Len(log[i]),
             msource |-> i, mdest |-> j] : j \in Server \ {i}})
    /\ UNCHANGED <<durableVars, commitIndex, ghostVars>>

\* i answers j's pre-vote request m (m's term >= i's term; a request with a
\* higher term while i is in lease is ignored by IgnoreVoteRequestInLease).
\* It grants iff j's log is at least as up-to-date and either m's term is
\* higher than i's, or i could vote for j in this very term. A grant carries
\* m's term, a rejection i's term (as etcd). Nothing durable changes.
\* Java: RaftCore.handlePreVoteRequest(m).
HandlePreVoteRequest(i, j, m) ==
    /\ m.mtype = PreVoteRequest
    /\ m.mterm >= currentTerm[i]
    /\ m.mterm > currentTerm[i] => ~InLease(i)
    /\ LET grant == /\ LogUpToDate(i, m)
                    /\ \/ m.mterm > currentTerm[i]
                       \/ votedFor[i] = j
                       \/ votedFor[i] = Nil /\ leader[i] = Nil
       IN Reply([mtype |-> PreVoteResponse,
                 mterm |-> IF grant THEN m.mterm ELSE currentTerm[i],
                 mvoteGranted |-> grant, msource |-> i, mdest |-> j], m)
    /\ UNCHANGED <<durableVars, volatileVars, ghostVars>>

\* i receives j's pre-vote response m: a grant for term currentTerm+1 is
\* recorded while i is still a PreCandidate; anything else (a rejection in
\* i's own term, a late grant) is consumed without effect.
\* SHORTCUT: etcd turns a pre-candidate whose pre-vote is lost into a
\* follower at once; here it stays a PreCandidate until its next
\* ElectionTimeout or a message from a leader (no effect on safety).
\* Java: RaftCore.handlePreVoteResponse(m).
HandlePreVoteResponse(i, j, m) ==
    /\ m.mtype = PreVoteResponse
    /\ \/ m.mvoteGranted /\ m.mterm >= currentTerm[i]
       \/ ~m.mvoteGranted /\ m.mterm = currentTerm[i]
    /\ preVotesGranted' =
           IF state[i] = PreCandidate /\ m.mvoteGranted /\ m.mterm = currentTerm[i] + 1
           THEN [preVotesGranted EXCEPT ![i] = @ \cup {j}]
           ELSE preVotesGranted
    /\ Discard(m)
    /\ UNCHANGED <<durableVars, state, commitIndex, leader, votesGranted,
                   nextIndex, matchIndex, recentActive, pendingReads, ghostVars>>

\* A PreCandidate with a quorum of pre-votes starts a real election: it raises
\* its term, votes for itself and asks every other server for its vote.
\* Java: RaftCore.becomeCandidate().
BecomeCandidate(i) ==
    /\ state[i] = PreCandidate
    /\ preVotesGranted[i] \in Quorum
    /\ state' = [state EXCEPT ![i] = Candidate]
    /\ currentTerm' = [currentTerm EXCEPT ![i] = @ + 1]
    /\ votedFor' = [votedFor EXCEPT ![i] = i]
    /\ ResetRoleState(i, {i}, {}, 1)
    /\ Broadcast(
           {[mtype |-> RequestVoteRequest, mterm |-> currentTerm[i] + 1,
             mlastLogTerm |-> LastTerm(log[i]), mlastLogIndex |-> Len(log[i]),
             msource |-> i, mdest |-> j] : j \in Server \ {i}})
    /\ UNCHANGED <<log, commitIndex, leader, ghostVars>>

\* i answers j's vote request m of i's own term: it grants iff j's log is at
\* least as up-to-date and i has not voted for anyone else in this term nor
\* follows a leader in it (etcd canVote). A grant is durable (votedFor).
\* Bug NoVoteTermCheck: the votedFor/leader check of the term is skipped, so
\* i may vote twice in one term. Java: RaftCore.handleRequestVoteRequest(m).
HandleRequestVoteRequest(i, j, m) ==
    /\ m.mtype = RequestVoteRequest
    /\ m.mterm = currentTerm[i]
    /\ LET canVote == \/ votedFor[i] = j
                      \/ votedFor[i] = Nil /\ leader[i] = Nil
                      \/ "NoVoteTermCheck" \in Bugs
           grant == LogUpToDate(i, m) /\ canVote
       IN /\ votedFor' = IF grant THEN [votedFor EXCEPT ![i] = j] ELSE votedFor
          /\ Reply([mtype |-> RequestVoteResponse, mterm |-> currentTerm[i],
                    mvoteGranted |-> grant, msource |-> i, mdest |-> j], m)
    /\ UNCHANGED <<currentTerm, log, volatileVars, ghostVars>>

\* Candidate i records j's vote response m of its term (a rejection, or a
\* response reaching a non-candidate, is consumed without effect).
\* Java: RaftCore.handleRequestVoteResponse(m).
HandleRequestVoteResponse(i, j, m) ==
    /\ m.mtype = RequestVoteResponse
    /\ m.mterm = currentTerm[i]
    /\ votesGranted' =
           IF state[i] = Candidate /\ m.mvoteGranted
           THEN [votesGranted EXCEPT ![i] = @ \cup {j}]
           ELSE votesGranted
    /\ Discard(m)
    /\ UNCHANGED <<durableVars, state, commitIndex, leader, preVotesGranted,
                   nextIndex, matchIndex, recentActive, pendingReads, ghostVars>>

\* A Candidate with a quorum of votes becomes Leader: it initializes
\* progress (next = last index + 1, match = 0) and appends an empty entry of
\* its term (value Nil), which lets it commit earlier-term entries.
\* Java: RaftCore.becomeLeader().
BecomeLeader(i) ==
    /\ state[i] = Candidate
    /\ votesGranted[i] \in Quorum
    /\ state' = [state EXCEPT ![i] = Leader]
    /\ leader' = [leader EXCEPT ![i] = i]
    /\ log' = [log EXCEPT ![i] = Append(@, [term |-> currentTerm[i], value |-> Nil])]
    /\ ResetRoleState(i, {}, {}, Len(log[i]) + 1)
    /\ UNCHANGED <<currentTerm, votedFor, commitIndex, ioVars, ghostVars>>

-----------------------------------------------------------------------------
(* Replication *)

\* Leader i appends a client entry with value v to its log.
\* Java: RaftCore.propose(data).
ClientRequest(i, v) ==
    /\ state[i] = Leader
    /\ log' = [log EXCEPT ![i] = Append(@, [term |-> currentTerm[i], value |-> v])]
    /\ UNCHANGED <<currentTerm, votedFor, volatileVars, ioVars, ghostVars>>

\* Leader i sends j a MsgApp with the entry at nextIndex[i][j] (or none, when
\* j is up to date: a probe), the preceding index/term and i's commit index.
\* SHORTCUT: at most one entry per message and nextIndex advances only on a
\* response (etcd batches entries and pipelines optimistically in
\* StateReplicate); a batch is a sequence of one-entry messages here.
\* Java: RaftCore.sendAppend(to, sendIfEmpty).
AppendEntries(i, j) ==
    /\ i # j
    /\ state[i] = Leader
    /\ LET prev == nextIndex[i][j] - 1
           entries == IF prev < Len(log[i]) THEN <<log[i][prev + 1]>> ELSE <<>>
       IN Send([mtype |-> AppendEntriesRequest, mterm |-> currentTerm[i],
                mprevLogIndex |-> prev,
                mprevLogTerm |-> IF prev > 0 THEN log[i][prev].term ELSE 0,
                mentries |-> entries, mcommitIndex |-> commitIndex[i],
                msource |-> i, mdest |-> j])
    /\ UNCHANGED <<durableVars, volatileVars, ghostVars>>

\* Does i's log contain the entry m.mprevLogIndex with term m.mprevLogTerm?
PrevLogMatches(i, m) ==
    \/ m.mprevLogIndex = 0
    \/ /\ m.mprevLogIndex <= Len(log[i])
       /\ log[i][m.mprevLogIndex].term = m.mprevLogTerm

\* i's log after accepting m's entries: a conflicting suffix (same index,
\* different term) is truncated; entries already present are kept as they
\* are, so a stale or duplicated message never shortens the log.
LogAfterAppend(i, m) ==
    LET idx == m.mprevLogIndex + 1 IN
    IF m.mentries = <<>> THEN log[i]
    ELSE IF Len(log[i]) >= idx /\ log[i][idx].term = m.mentries[1].term THEN log[i]
    ELSE Append(SubSeq(log[i], 1, m.mprevLogIndex), m.mentries[1])

\* Non-leader i handles leader j's MsgApp m of its term: it follows j (a
\* (pre-)candidate steps down). On a log mismatch it rejects, hinting its last
\* index; otherwise it truncates any conflicting suffix, appends, and advances
\* its commit index to min(leader's commit, last new index).
\* Java: RaftCore.handleAppendEntries(m).
HandleAppendEntriesRequest(i, j, m) ==
    /\ m.mtype = AppendEntriesRequest
    /\ m.mterm = currentTerm[i]
    /\ state[i] # Leader
    /\ state' = [state EXCEPT ![i] = Follower]
    /\ leader' = [leader EXCEPT ![i] = j]
    /\ votesGranted' = [votesGranted EXCEPT ![i] = {}]
    /\ preVotesGranted' = [preVotesGranted EXCEPT ![i] = {}]
    /\ IF PrevLogMatches(i, m)
       THEN LET lastNew == m.mprevLogIndex + Len(m.mentries) IN
            /\ log' = [log EXCEPT ![i] = LogAfterAppend(i, m)]
            /\ CommitTo(i, LogAfterAppend(i, m), Min(m.mcommitIndex, lastNew))
            /\ Reply([mtype |-> AppendEntriesResponse, mterm |-> currentTerm[i],
                      msuccess |-> TRUE, mmatchIndex |-> lastNew,
                      msource |-> i, mdest |-> j], m)
       ELSE /\ Reply([mtype |-> AppendEntriesResponse, mterm |-> currentTerm[i],
                      msuccess |-> FALSE, mmatchIndex |-> Len(log[i]),
                      msource |-> i, mdest |-> j], m)
            /\ UNCHANGED <<log, commitIndex, committed>>
    /\ UNCHANGED <<currentTerm, votedFor, nextIndex, matchIndex, recentActive,
                   pendingReads, readHistory>>

\* Leader i handles j's MsgAppResp m of its term: j is recently active; on
\* success match/next advance (never back); on rejection next backs off by
\* one, or to j's hinted last index + 1 if lower, but never below match + 1.
\* Java: RaftCore.handleAppendEntriesResponse(m).
HandleAppendEntriesResponse(i, j, m) ==
    /\ m.mtype = AppendEntriesResponse
    /\ m.mterm = currentTerm[i]
    /\ state[i] = Leader
    /\ recentActive' = [recentActive EXCEPT ![i] = @ \cup {j}]
    /\ IF m.msuccess
       THEN /\ matchIndex' = [matchIndex EXCEPT ![i][j] = Max(@, m.mmatchIndex)]
            /\ nextIndex' = [nextIndex EXCEPT ![i][j] = Max(@, m.mmatchIndex + 1)]
       ELSE /\ nextIndex' = [nextIndex EXCEPT ![i][j] =
                   Max(matchIndex[i][j] + 1, Min(@ - 1, m.mmatchIndex + 1))]
            /\ UNCHANGED matchIndex
    /\ Discard(m)
    /\ UNCHANGED <<durableVars, state, commitIndex, leader, votesGranted,
                   preVotesGranted, pendingReads, ghostVars>>

\* Does i's durable log hold entry k of i's log (same term)?
DurableHolds(i, k) ==
    /\ Len(Durable(i).log) >= k
    /\ Durable(i).log[k].term = log[i][k].term

\* The servers that hold index k of leader i's log durably, as far as i
\* knows: those that acknowledged it, and i itself once its own copy is
\* durable (its self-acknowledgement waits for its Persist, as etcd's
\* leader acknowledges its own append after its Ready is persisted).
Agree(i, k) == {x \in {i} : DurableHolds(i, k)} \cup {j \in Server : matchIndex[i][j] >= k}

\* Leader i commits the largest index replicated on a quorum whose entry has
\* i's current term (Raft 5.4.2: earlier-term entries are committed only
\* indirectly). Bug CommitWithoutQuorum: any current-term index i holds
\* counts, quorum or not. Java: RaftCore.maybeCommit().
AdvanceCommitIndex(i) ==
    /\ state[i] = Leader
    /\ LET enough(k) == IF "CommitWithoutQuorum" \in Bugs THEN TRUE
                        ELSE Agree(i, k) \in Quorum
           ok == {k \in 1..Len(log[i]) : enough(k) /\ log[i][k].term = currentTerm[i]}
       IN /\ MaxOf(ok) > commitIndex[i]
          /\ CommitTo(i, log[i], MaxOf(ok))
    /\ UNCHANGED <<durableVars, state, leader, votesGranted, preVotesGranted,
                   nextIndex, matchIndex, recentActive, pendingReads, ioVars,
                   readHistory>>

-----------------------------------------------------------------------------
(* Heartbeats, CheckQuorum and ReadIndex *)

\* The context a heartbeat carries: i's newest pending read (highest seq), if
\* any, else Nil (etcd's readOnly.lastPendingRequestCtx). Its quorum also
\* releases every older read (ReadIndexComplete), whose own rounds began
\* earlier. Java: ReadIndexQueue.lastContext().
HeartbeatContext(i) ==
    IF pendingReads[i] = {} THEN Nil
    ELSE (CHOOSE p \in pendingReads[i] : \A q \in pendingReads[i] : q.seq <= p.seq).id

\* Leader i sends j a MsgHeartbeat carrying min(j's match, i's commit) and
\* the context of a pending ReadIndex request (or Nil).
\* Java: RaftCore.sendHeartbeat(to, context).
Heartbeat(i, j) ==
    /\ i # j
    /\ state[i] = Leader
    /\ Send([mtype |-> HeartbeatRequest, mterm |-> currentTerm[i],
             mcommitIndex |-> Min(matchIndex[i][j], commitIndex[i]),
             mcontext |-> HeartbeatContext(i), msource |-> i, mdest |-> j])
    /\ UNCHANGED <<durableVars, volatileVars, ghostVars>>

\* Non-leader i handles leader j's heartbeat m of its term: it follows j
\* (which restarts its lease/election timer), learns the commit index
\* (bounded by its own log) and answers, echoing the context.
\* Java: RaftCore.handleHeartbeat(m).
HandleHeartbeatRequest(i, j, m) ==
    /\ m.mtype = HeartbeatRequest
    /\ m.mterm = currentTerm[i]
    /\ state[i] # Leader
    /\ state' = [state EXCEPT ![i] = Follower]
    /\ leader' = [leader EXCEPT ![i] = j]
    /\ votesGranted' = [votesGranted EXCEPT ![i] = {}]
    /\ preVotesGranted' = [preVotesGranted EXCEPT ![i] = {}]
    /\ CommitTo(i, log[i], Min(m.mcommitIndex, Len(log[i])))
    /\ Reply([mtype |-> HeartbeatResponse, mterm |-> currentTerm[i],
              mcontext |-> m.mcontext, msource |-> i, mdest |-> j], m)
    /\ UNCHANGED <<durableVars, nextIndex, matchIndex, recentActive,
                   pendingReads, readHistory>>

\* Leader i handles j's heartbeat response m of its term: j is recently
\* active, and j acknowledges the pending read named by m's context.
\* Java: RaftCore.handleHeartbeatResponse(m).
HandleHeartbeatResponse(i, j, m) ==
    /\ m.mtype = HeartbeatResponse
    /\ m.mterm = currentTerm[i]
    /\ state[i] = Leader
    /\ recentActive' = [recentActive EXCEPT ![i] = @ \cup {j}]
    /\ pendingReads' = [pendingReads EXCEPT ![i] =
           {IF p.id = m.mcontext THEN [p EXCEPT !.acks = @ \cup {j}] ELSE p : p \in @}]
    /\ Discard(m)
    /\ UNCHANGED <<durableVars, state, commitIndex, leader, votesGranted,
                   preVotesGranted, nextIndex, matchIndex, ghostVars>>

\* An election timeout elapsed on leader i: if it heard from a quorum since
\* the last check it stays leader and starts a new round of activity
\* tracking; otherwise it steps down to Follower of its term (its pending
\* reads are dropped). Java: RaftCore.checkQuorum().
CheckQuorum(i) ==
    /\ state[i] = Leader
    /\ IF recentActive[i] \cup {i} \in Quorum
       THEN /\ recentActive' = [recentActive EXCEPT ![i] = {}]
            /\ UNCHANGED <<state, leader, votesGranted, preVotesGranted,
                           nextIndex, matchIndex, pendingReads>>
       ELSE /\ state' = [state EXCEPT ![i] = Follower]
            /\ leader' = [leader EXCEPT ![i] = Nil]
            /\ ResetRoleState(i, {}, {}, 1)
    /\ UNCHANGED <<durableVars, commitIndex, ioVars, ghostVars>>

\* How many reads have started so far: a read's seq, its place in arrival
\* order at its leader (etcd's readOnly queue). Phases never return to
\* "idle", so a later read always has a higher seq.
ReadsStarted == Cardinality({r \in ReadId : readHistory[r].phase # "idle"})

\* Leader i, once it has committed an entry of its own term (so its commit
\* index is at least that of any earlier leader), accepts client read r: it
\* records r with index = its commit index and its arrival order (seq);
\* heartbeats now carry r, the newest.
\* The ghost notes the highest committed index so far, which the read must
\* reflect. Bug StaleReadIndex: the own-term commit check is skipped.
\* Java: RaftCore.readIndex(context).
ReadIndexRequest(i, r) ==
    /\ state[i] = Leader
    /\ readHistory[r].phase = "idle"
    /\ \/ "StaleReadIndex" \in Bugs
       \/ commitIndex[i] > 0 /\ log[i][commitIndex[i]].term = currentTerm[i]
    /\ pendingReads' = [pendingReads EXCEPT ![i] =
           @ \cup {[id |-> r, index |-> commitIndex[i], acks |-> {}, seq |-> ReadsStarted]}]
    /\ readHistory' = [readHistory EXCEPT ![r] =
           [phase |-> "pending", mustSee |-> MaxCommittedIndex, index |-> 0]]
    /\ UNCHANGED <<durableVars, state, commitIndex, leader, votesGranted,
                   preVotesGranted, nextIndex, matchIndex, recentActive,
                   ioVars, committed>>

\* Leader i's read r has been acknowledged by a quorum (i included) in a
\* heartbeat round that started after the read: i was still leader then,
\* so r is served at its recorded index (etcd emits a ReadState; the
\* application serves it once applied >= index). Every older pending read
\* of i is served with it, each at its own index: their rounds began before
\* r's (etcd's readOnly.advance). Bug StaleReadIndex: the quorum round is
\* skipped. Java: RaftCore.readIndexComplete(readState) per read released
\* (ReadIndexQueue.releaseThrough), handed out in the next Ready.
ReadIndexComplete(i, r) ==
    /\ state[i] = Leader
    /\ \E p \in pendingReads[i] :
          /\ p.id = r
          /\ "StaleReadIndex" \in Bugs \/ p.acks \cup {i} \in Quorum
          /\ LET released == {q \in pendingReads[i] : q.seq <= p.seq}
                 servedAt(x) == (CHOOSE q \in released : q.id = x).index
             IN /\ pendingReads' = [pendingReads EXCEPT ![i] = @ \ released]
                /\ readHistory' = [x \in ReadId |->
                       IF \E q \in released : q.id = x
                       THEN [readHistory[x] EXCEPT !.phase = "done", !.index = servedAt(x)]
                       ELSE readHistory[x]]
    /\ UNCHANGED <<durableVars, state, commitIndex, leader, votesGranted,
                   preVotesGranted, nextIndex, matchIndex, recentActive,
                   ioVars, committed>>

-----------------------------------------------------------------------------
(* Terms in messages *)

\* Is m a message whose higher term does NOT make the receiver a follower
\* (etcd: pre-vote requests, and granted pre-vote responses)?
KeepsTermOnHigher(m) ==
    \/ m.mtype = PreVoteRequest
    \/ m.mtype = PreVoteResponse /\ m.mvoteGranted

\* Is m a (pre-)vote request that i, while in lease, ignores?
IgnoredInLease(i, m) ==
    /\ m.mtype \in {PreVoteRequest, RequestVoteRequest}
    /\ m.mterm > currentTerm[i]
    /\ InLease(i)

\* m from j has a higher term than i's: i becomes a Follower of that term,
\* with no vote, following j if m comes from a leader. The message stays in
\* the network and is handled next at the new term. Java: RaftCore.updateTerm(m,
\* leader) (called by step, which then handles m at the new term).
UpdateTerm(i, j, m) ==
    /\ m.mterm > currentTerm[i]
    /\ ~KeepsTermOnHigher(m)
    /\ ~IgnoredInLease(i, m)
    /\ BecomeFollowerOf(i, m.mterm,
           IF m.mtype \in {AppendEntriesRequest, HeartbeatRequest} THEN j ELSE Nil)
    /\ votedFor' = [votedFor EXCEPT ![i] = Nil]
    /\ UNCHANGED <<log, commitIndex, ioVars, ghostVars>>

\* m from j has a lower term than i's: i ignores it.
\* SHORTCUT: etcd answers a stale MsgApp/MsgHeartbeat/MsgPreVote with a
\* message of its higher term (so a stale leader or pre-candidate learns
\* it); here stale leaders learn the term from other messages or step down
\* by CheckQuorum. This only affects liveness. Java:
\* RaftCore.dropStaleMessage(m) (which does answer, as etcd).
DropStaleMessage(i, j, m) ==
    /\ m.mterm < currentTerm[i]
    /\ Discard(m)
    /\ UNCHANGED <<durableVars, volatileVars, ghostVars>>

\* (Added action.) i is in lease (it follows a live leader or is one) and
\* ignores a (pre-)vote request of a higher term without answering or
\* changing its term: etcd's CheckQuorum protection against disruptive
\* servers. Java: RaftCore.ignoreVoteRequestInLease(m).
IgnoreVoteRequestInLease(i, j, m) ==
    /\ IgnoredInLease(i, m)
    /\ Discard(m)
    /\ UNCHANGED <<durableVars, volatileVars, ghostVars>>

\* Message delivery. Step_X is "X for some message in the network", with
\* i = m.mdest and j = m.msource. (One wrapper per handler, so that TLC's
\* counterexamples name the handler: TLC labels a step by the definition
\* that holds the quantifier over the network.)
\* UpdateTerm for some message in the network.
Step_UpdateTerm == \E m \in DOMAIN messages : UpdateTerm(m.mdest, m.msource, m)
\* DropStaleMessage for some message in the network.
Step_DropStaleMessage == \E m \in DOMAIN messages : DropStaleMessage(m.mdest, m.msource, m)
\* IgnoreVoteRequestInLease for some message in the network.
Step_IgnoreVoteRequestInLease == \E m \in DOMAIN messages : IgnoreVoteRequestInLease(m.mdest, m.msource, m)
\* HandlePreVoteRequest for some message in the network.
Step_HandlePreVoteRequest == \E m \in DOMAIN messages : HandlePreVoteRequest(m.mdest, m.msource, m)
\* HandlePreVoteResponse for some message in the network.
Step_HandlePreVoteResponse == \E m \in DOMAIN messages : HandlePreVoteResponse(m.mdest, m.msource, m)
\* HandleRequestVoteRequest for some message in the network.
Step_HandleRequestVoteRequest == \E m \in DOMAIN messages : HandleRequestVoteRequest(m.mdest, m.msource, m)
\* HandleRequestVoteResponse for some message in the network.
Step_HandleRequestVoteResponse == \E m \in DOMAIN messages : HandleRequestVoteResponse(m.mdest, m.msource, m)
\* HandleAppendEntriesRequest for some message in the network.
Step_HandleAppendEntriesRequest == \E m \in DOMAIN messages : HandleAppendEntriesRequest(m.mdest, m.msource, m)
\* HandleAppendEntriesResponse for some message in the network.
Step_HandleAppendEntriesResponse == \E m \in DOMAIN messages : HandleAppendEntriesResponse(m.mdest, m.msource, m)
\* HandleHeartbeatRequest for some message in the network.
Step_HandleHeartbeatRequest == \E m \in DOMAIN messages : HandleHeartbeatRequest(m.mdest, m.msource, m)
\* HandleHeartbeatResponse for some message in the network.
Step_HandleHeartbeatResponse == \E m \in DOMAIN messages : HandleHeartbeatResponse(m.mdest, m.msource, m)

\* Deliver some message with the handler its type and term select.
Receive ==
    \/ Step_UpdateTerm
    \/ Step_DropStaleMessage
    \/ Step_IgnoreVoteRequestInLease
    \/ Step_HandlePreVoteRequest
    \/ Step_HandlePreVoteResponse
    \/ Step_HandleRequestVoteRequest
    \/ Step_HandleRequestVoteResponse
    \/ Step_HandleAppendEntriesRequest
    \/ Step_HandleAppendEntriesResponse
    \/ Step_HandleHeartbeatRequest
    \/ Step_HandleHeartbeatResponse

-----------------------------------------------------------------------------
(* Network faults (spec only; the Java simulator's network does them) *)

\* The network delivers one more copy of m later (if the model allows it).
\* Java: SimNetwork.send(m, now) enqueues a second copy (simulator only).
DuplicateMessage(m) ==
    /\ "Duplicate" \in Faults
    /\ Send(m)
    /\ UNCHANGED <<durableVars, volatileVars, ghostVars>>

\* The network loses one copy of m (if the model allows it).
\* Java: SimNetwork.send(m, now) loses it, or SimNetwork.due(now) drops it
\* across a partition (simulator only).
DropMessage(m) ==
    /\ "Drop" \in Faults
    /\ Discard(m)
    /\ UNCHANGED <<durableVars, volatileVars, ghostVars>>

-----------------------------------------------------------------------------
(* Next-state relation *)

\* DropMessage for some message in the network.
Step_DropMessage == \E m \in DOMAIN messages : DropMessage(m)

\* DuplicateMessage for some message in the network.
Step_DuplicateMessage == \E m \in DOMAIN messages : DuplicateMessage(m)

\* Everything the servers themselves do (timers, clients, message handling).
ProtocolNext ==
    \/ \E i \in Server : ElectionTimeout(i)
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

\* All steps: the protocol, Persist, and the faults Faults allows
\* (reordering is inherent in the bag).
Next ==
    \/ ProtocolNext
    \/ \E i \in Server : Persist(i)
    \/ \E i \in Server : Restart(i)
    \/ Step_DropMessage
    \/ Step_DuplicateMessage

\* The specification (safety only: no fairness).
Spec == Init /\ [][Next]_vars

-----------------------------------------------------------------------------
(* Type invariants: one per variable, so TLC names the one that breaks *)

\* A log entry.
Entry == [term : Nat, value : Value \cup {Nil}]

\* Every message the servers can send.
Message ==
    [mtype : {PreVoteRequest, RequestVoteRequest}, mterm : Nat,
     mlastLogTerm : Nat, mlastLogIndex : Nat, msource : Server, mdest : Server]
    \cup
    [mtype : {PreVoteResponse, RequestVoteResponse}, mterm : Nat,
     mvoteGranted : BOOLEAN, msource : Server, mdest : Server]
    \cup
    [mtype : {AppendEntriesRequest}, mterm : Nat, mprevLogIndex : Nat,
     mprevLogTerm : Nat, mentries : Seq(Entry), mcommitIndex : Nat,
     msource : Server, mdest : Server]
    \cup
    [mtype : {AppendEntriesResponse}, mterm : Nat, msuccess : BOOLEAN,
     mmatchIndex : Nat, msource : Server, mdest : Server]
    \cup
    [mtype : {HeartbeatRequest}, mterm : Nat, mcommitIndex : Nat,
     mcontext : ReadId \cup {Nil}, msource : Server, mdest : Server]
    \cup
    [mtype : {HeartbeatResponse}, mterm : Nat, mcontext : ReadId \cup {Nil},
     msource : Server, mdest : Server]

\* currentTerm is a natural number per server.
TypeOK_currentTerm == currentTerm \in [Server -> Nat]
\* votedFor is a server or Nil.
TypeOK_votedFor == votedFor \in [Server -> Server \cup {Nil}]
\* log is a sequence of entries.
TypeOK_log == \A i \in Server : log[i] \in Seq(Entry)
\* state is one of the four roles.
TypeOK_state == state \in [Server -> {Follower, PreCandidate, Candidate, Leader}]
\* commitIndex is an index within the server's log.
TypeOK_commitIndex == \A i \in Server : commitIndex[i] \in 0..Len(log[i])
\* leader is a server or Nil.
TypeOK_leader == leader \in [Server -> Server \cup {Nil}]
\* votesGranted is a set of servers.
TypeOK_votesGranted == votesGranted \in [Server -> SUBSET Server]
\* preVotesGranted is a set of servers.
TypeOK_preVotesGranted == preVotesGranted \in [Server -> SUBSET Server]
\* nextIndex is a positive index per pair.
TypeOK_nextIndex == \A i, j \in Server : nextIndex[i][j] \in Nat /\ nextIndex[i][j] > 0
\* matchIndex is an index per pair.
TypeOK_matchIndex == \A i, j \in Server : matchIndex[i][j] \in Nat
\* recentActive is a set of servers.
TypeOK_recentActive == recentActive \in [Server -> SUBSET Server]
\* pendingReads is a set of read records per server.
TypeOK_pendingReads ==
    \A i \in Server : \A p \in pendingReads[i] :
        p.id \in ReadId /\ p.index \in Nat /\ p.acks \subseteq Server /\ p.seq \in Nat
\* messages is a bag of well-formed messages.
TypeOK_messages ==
    \A m \in DOMAIN messages : m \in Message /\ messages[m] \in Nat /\ messages[m] > 0
\* pendingMessages is a bag of well-formed messages that wait for a Persist.
TypeOK_pendingMessages ==
    \A m \in DOMAIN pendingMessages :
        m \in Message /\ Dependent(m) /\ pendingMessages[m] \in Nat /\ pendingMessages[m] > 0
\* durableState holds a term, a vote and a log per server.
TypeOK_durableState ==
    \A i \in Server :
        /\ durableState[i].term \in Nat
        /\ durableState[i].vote \in Server \cup {Nil}
        /\ durableState[i].log \in Seq(Entry)
\* committed is a set of committed-entry records.
TypeOK_committed ==
    \A c \in committed : c \in [index : Nat, term : Nat, commitTerm : Nat] /\ c.index > 0
\* readHistory records each read's phase and indexes.
TypeOK_readHistory ==
    readHistory \in [ReadId -> [phase : {"idle", "pending", "done"},
                                mustSee : Nat, index : Nat]]

\* All type invariants.
TypeOK ==
    /\ TypeOK_currentTerm /\ TypeOK_votedFor /\ TypeOK_log /\ TypeOK_state
    /\ TypeOK_commitIndex /\ TypeOK_leader /\ TypeOK_votesGranted
    /\ TypeOK_preVotesGranted /\ TypeOK_nextIndex /\ TypeOK_matchIndex
    /\ TypeOK_recentActive /\ TypeOK_pendingReads /\ TypeOK_messages
    /\ TypeOK_pendingMessages /\ TypeOK_durableState
    /\ TypeOK_committed /\ TypeOK_readHistory

-----------------------------------------------------------------------------
(* Safety invariants *)

\* At most one leader per term (Raft Figure 3).
ElectionSafety ==
    \A i, j \in Server :
        (state[i] = Leader /\ state[j] = Leader /\ currentTerm[i] = currentTerm[j])
            => i = j

\* If two logs hold an entry with the same index and term, they are
\* identical up to that index.
LogMatching ==
    \A i, j \in Server : \A k \in 1..Min(Len(log[i]), Len(log[j])) :
        log[i][k].term = log[j][k].term
            => SubSeq(log[i], 1, k) = SubSeq(log[j], 1, k)

\* Does server i's log hold committed entry c?
HasEntry(i, c) == Len(log[i]) >= c.index /\ log[i][c.index].term = c.term

\* Every entry committed in term T is in the log of every leader of a term
\* >= T (a stale leader of an older term may lack it).
LeaderCompleteness ==
    \A c \in committed : \A i \in Server :
        (state[i] = Leader /\ currentTerm[i] >= c.commitTerm) => HasEntry(i, c)

\* No two members apply different entries at one index: committed prefixes
\* agree now, and with every entry ever committed (across restarts).
StateMachineSafety ==
    /\ \A i, j \in Server : \A k \in 1..Min(commitIndex[i], commitIndex[j]) :
          log[i][k] = log[j][k]
    /\ \A c1, c2 \in committed : c1.index = c2.index => c1.term = c2.term
    /\ \A i \in Server : \A c \in committed :
          c.index <= commitIndex[i] => HasEntry(i, c)

\* A member's commit index covers only entries committed by the rules (a
\* leader's quorum, or a commit index learned from a leader for entries the
\* member verified): every entry up to it is in the ghost history of
\* committed entries. A commit index taken from anywhere else (a restart that
\* takes its whole recovered log as committed, where etcd restarts at
\* HardState.Commit) lets a member apply an entry no quorum ever held.
CommitIndexIsCommitted ==
    \A i \in Server : \A k \in 1..commitIndex[i] :
        \E c \in committed : c.index = k /\ c.term = log[i][k].term

\* Does server i's durable log hold committed entry c?
DurablyHasEntry(i, c) ==
    Len(Durable(i).log) >= c.index /\ Durable(i).log[c.index].term = c.term

\* Every entry ever committed is in the durable log of a quorum, so it
\* survives any crash/restart of any minority.
CommittedIsDurable ==
    \A c \in committed : \E Q \in Quorum : \A i \in Q : DurablyHasEntry(i, c)

\* ACTION PROPERTY (checked with PROPERTY, not INVARIANT): a server's commit
\* index never decreases, except when it restarts (volatile state is lost).
MonotonicCommit ==
    [][\A i \in Server : commitIndex'[i] >= commitIndex[i] \/ Restart(i)]_vars

\* A read completed by ReadIndex reflects every write committed (so possibly
\* acknowledged to a client) before the read began: it is served at an index
\* at least as high. (The served prefix itself is the committed prefix, whose
\* agreement is StateMachineSafety's job.)
ReadIndexLinearizable ==
    \A r \in ReadId :
        readHistory[r].phase = "done" => readHistory[r].index >= readHistory[r].mustSee

-----------------------------------------------------------------------------
(* What each mechanism is for. The safety invariants above hold whether or *)
(* not PreVote, CheckQuorum and durable acknowledgements work (they are     *)
(* liveness and availability mechanisms, or guard durability across        *)
(* restarts); these properties state each mechanism's purpose, so a model  *)
(* in which the mechanism is switched off breaks one of them.              *)

\* PreVote (Raft thesis 9.6, etcd PreVote): a member raises its term by
\* campaigning only after a quorum granted it a pre-vote for that term, and
\* a member grants one only when the candidate's log is at least as
\* up-to-date as its own and it follows no live leader. So a member that
\* cannot win (stale log, or cut off from a quorum) never raises its term
\* and never makes a healthy leader step down. ACTION PROPERTY (PROPERTY).
PreVoteGuardsTerms ==
    [][\A i \in Server :
         (currentTerm'[i] > currentTerm[i] /\ state'[i] = Candidate)
             => preVotesGranted[i] \in Quorum]_vars

\* PreVote's tally counts only grants for the term it campaigns for: a
\* pre-vote a member counts (other than its own) was granted for its current
\* term + 1, the term a quorum of them lets it take. A grant for its current
\* term was given to an earlier round (before it reached this term) and says
\* nothing about this one: its giver may follow a live leader by now. (With
\* PreVoteGuardsTerms: a member takes term t by campaigning only after a
\* quorum granted it a pre-vote for t.) ACTION PROPERTY (PROPERTY).
PreVotesAreForTheNextTerm ==
    [][\A i \in Server :
         \A j \in preVotesGranted'[i] \ (preVotesGranted[i] \cup {i}) :
             \E m \in DOMAIN messages :
                 /\ m.mtype = PreVoteResponse /\ m.mvoteGranted
                 /\ m.msource = j /\ m.mdest = i
                 /\ m.mterm = currentTerm'[i] + 1]_vars

\* A candidate's tally counts only votes (Raft 5.2; etcd poll() on MsgVoteResp
\* while a candidate, MsgPreVoteResp only while a pre-candidate): a member a
\* candidate counts (other than itself) answered its vote request of the
\* candidate's term with a grant. A pre-vote grant carries the term it was asked
\* for, which is the candidate's term once it campaigns, so a tally that takes
\* pre-vote answers too counts members that promised nothing in that term and
\* may vote for a rival: two leaders in one term, in a schedule (three messages
\* in flight, two campaigners) that no CI model has. ACTION PROPERTY.
VotesAreVoteAnswers ==
    [][\A i \in Server :
         \A j \in votesGranted'[i] \ (votesGranted[i] \cup {i}) :
             \E m \in DOMAIN messages :
                 /\ m.mtype = RequestVoteResponse /\ m.mvoteGranted
                 /\ m.msource = j /\ m.mdest = i
                 /\ m.mterm = currentTerm'[i]]_vars

\* CheckQuorum's lease (Raft thesis 4.2.3 and 9.6, etcd inLease): a member
\* that heard from a live leader within its election timeout (InLease) helps
\* no campaign of a higher term: it grants no pre-vote for a term above its
\* own, and only a message that is not a (pre-)vote request raises its term
\* (a leader's append or heartbeat, an answer of a higher term). So members
\* that follow a healthy leader keep a cut-off or restarted member from
\* deposing it, PreVote or not. A leader is in its own lease (etcd's
\* becomeLeader sets r.lead to itself, and inLease reads r.lead), whatever
\* its leader variable says: a leader that forgot to follow itself grants
\* pre-votes of higher terms and is deposed by the first vote request of a
\* cut-off member. ACTION PROPERTY (PROPERTY).
LeaseHoldsOffCampaigns ==
    [][\A i \in Server : (InLease(i) \/ state[i] = Leader) =>
         /\ currentTerm'[i] > currentTerm[i] =>
               \E m \in DOMAIN messages :
                   /\ m.mdest = i /\ m.mterm = currentTerm'[i]
                   /\ m.mtype \notin {PreVoteRequest, RequestVoteRequest}
         /\ ~\E r \in DOMAIN messages' :
               /\ r.msource = i /\ r.mtype = PreVoteResponse /\ r.mvoteGranted
               /\ r.mterm > currentTerm[i]
               /\ \/ r \notin DOMAIN messages
                  \/ messages'[r] > messages[r]]_vars

\* CheckQuorum's lease ends with the member's own election timer (etcd
\* inLease: electionElapsed < electionTimeout; only a leader runs
\* checkQuorum): a member that follows a leader keeps following it, in its
\* term, until its timer fires or it restarts. A lease dropped early (say, by
\* a quorum check run on followers too) lets a cut-off member gather
\* pre-votes from a live leader's followers and depose it, and
\* LeaseHoldsOffCampaigns, which speaks of members in lease, cannot see it.
\* ACTION PROPERTY (PROPERTY).
LeaseEndsWithTheTimer ==
    [][\A i \in Server :
         (/\ state[i] # Leader /\ leader[i] # Nil /\ leader'[i] = Nil
          /\ currentTerm'[i] = currentTerm[i])
             => ElectionTimeout(i) \/ Restart(i)]_vars

\* CheckQuorum (etcd checkQuorum): a leader that heard from no quorum during
\* the current election timeout (recentActive: whom it heard from since its
\* last check) is no leader after its next check, the end of that timeout:
\* the bound is one CheckQuorum period. Stated with ENABLED, because with
\* three members a check that wrongly keeps a silent leader changes nothing
\* (recentActive is already empty), a step no action property can see.
CheckQuorumStepsDown ==
    \A i \in Server :
        (state[i] = Leader /\ recentActive[i] \cup {i} \notin Quorum)
            => ENABLED (CheckQuorum(i) /\ state'[i] # Leader)

\* CheckQuorum counts activity per election timeout (etcd resets each
\* Progress.RecentActive at every check): a check ends its round, so after it
\* a leader has either stepped down or starts the next round having heard from
\* no one. Without the reset a leader heard once from a quorum would keep
\* leading forever, and CheckQuorumStepsDown, which reads recentActive,
\* could not tell. Stated with ENABLED for the same reason as
\* CheckQuorumStepsDown: a check that keeps stale marks changes nothing.
CheckQuorumStartsNewRound ==
    \A i \in Server :
        state[i] = Leader =>
            ENABLED (CheckQuorum(i) /\ (state'[i] # Leader \/ recentActive'[i] = {}))

\* CheckQuorum counts the leader itself (etcd's leader marks its own Progress
\* RecentActive; Raft thesis 6.2: a leader steps down when it cannot reach a
\* majority): a leader steps down by CheckQuorum only when the members it
\* heard from during the election timeout, itself included, are no quorum. A
\* check that forgets the leader deposes a healthy leader whenever a single
\* member is down (with three members it needs both followers). Restarts and
\* higher terms end leaderships for other reasons. ACTION PROPERTY (PROPERTY).
CheckQuorumKeepsAnsweredLeader ==
    [][\A i \in Server :
         (/\ state[i] = Leader /\ state'[i] # Leader
          /\ currentTerm'[i] = currentTerm[i] /\ ~Restart(i))
             => recentActive[i] \cup {i} \notin Quorum]_vars

\* ReadIndex's round counts the leader itself (etcd's readOnly.recvAck
\* includes the leader's own ack): a pending read that a quorum, the leader
\* included, acknowledged can complete. A round that forgets the leader needs
\* every follower of three, so one member down blocks every read. Stated with
\* ENABLED: what is at stake is a step that never comes.
ReadQuorumCountsLeader ==
    \A i \in Server :
        state[i] = Leader =>
            \A p \in pendingReads[i] :
                {i} \cup p.acks \in Quorum => ENABLED ReadIndexComplete(i, p.id)

\* A campaign counts the campaigner's own (pre-)vote (etcd campaign() polls
\* itself first; Raft 5.2: a candidate votes for itself): a pre-candidate
\* that a quorum, itself included, granted a pre-vote can start its election,
\* and a candidate that a quorum, itself included, voted for can lead. A tally
\* that forgets the campaigner needs every other member of three, so one
\* member down blocks every election; no safety invariant can see it. Stated
\* with ENABLED, as ReadQuorumCountsLeader: what is at stake is a step that
\* never comes.
CampaignsCountTheCampaigner ==
    \A i \in Server :
        /\ (state[i] = PreCandidate /\ preVotesGranted[i] \cup {i} \in Quorum)
               => ENABLED BecomeCandidate(i)
        /\ (state[i] = Candidate /\ votesGranted[i] \cup {i} \in Quorum)
               => ENABLED BecomeLeader(i)

\* ReadIndex releases reads in arrival order (etcd readOnly.advance): a
\* heartbeat round acknowledged by a quorum (the leader included) releases
\* the read it carried and the reads that arrived before it, never a read
\* that arrived after it. A later read's own round has not been answered:
\* the answers that released it may have been sent before it arrived, by
\* members that have since elected a new leader and committed a write the
\* read must see. ACTION PROPERTY (PROPERTY).
ReadsReleasedByLaterRounds ==
    [][\A i \in Server : \A q \in pendingReads[i] :
         (readHistory'[q.id].phase = "done" /\ state[i] = Leader)
             => \E p \in pendingReads[i] :
                    p.seq >= q.seq /\ p.acks \cup {i} \in Quorum]_vars

\* A read a leader accepted waits for its round (etcd readOnly keeps a
\* request until a quorum acknowledges it; only a role change drops the
\* queue): while i leads in one term, a pending read leaves its queue only by
\* being served. A read dropped on the way (say, at every CheckQuorum that
\* keeps the leader) is never answered: its client waits for ever, and no
\* safety invariant can see a read that never completes. ACTION PROPERTY.
PendingReadsAreServed ==
    [][\A i \in Server : \A p \in pendingReads[i] :
         (/\ state[i] = Leader /\ state'[i] = Leader
          /\ currentTerm'[i] = currentTerm[i])
             => \/ \E q \in pendingReads'[i] : q.id = p.id
                \/ readHistory'[p.id].phase = "done"]_vars

\* ReadIndex queues reads in arrival order (etcd readOnly.readIndexQueue): a
\* read a leader accepts comes after every read already pending there, so a
\* round a quorum acknowledges releases the reads that arrived before its read
\* and none that arrived after it (ReadsReleasedByLaterRounds, which compares
\* places in the queue). A read given the place of an older one (say, every
\* read the same place) is released by an older round, on answers sent before
\* it arrived, and ReadsReleasedByLaterRounds cannot tell. ACTION PROPERTY.
ReadsQueueInArrivalOrder ==
    [][\A i \in Server : \A q \in pendingReads'[i] :
         readHistory[q.id].phase = "idle" => \A p \in pendingReads[i] : p.seq < q.seq]_vars

\* A leader's progress record belongs to its leadership (Raft Figure 2: volatile
\* state on leaders, reinitialized after election; etcd reset() on every role
\* change): a member that is not leader holds no match index and no CheckQuorum
\* activity. Activity kept from an earlier leadership lets a re-elected leader
\* pass its first CheckQuorum on answers to that leadership (a leader cut off
\* from everyone stays one period too long), and CheckQuorumStepsDown, which
\* reads recentActive, cannot tell. The read queue is the leader's too (etcd
\* answers a follower's ReadIndex through its leader): a read a non-leader
\* accepted could never complete (ReadIndexComplete is a leader's), so its
\* client would wait for ever.
NonLeadersHoldNoProgress ==
    \A i \in Server : state[i] # Leader =>
        /\ recentActive[i] = {} /\ \A j \in Server : matchIndex[i][j] = 0
        /\ pendingReads[i] = {}

\* A leader's matchIndex only grows during its leadership (Raft Figure 2:
\* "increases monotonically"; etcd Progress.MaybeUpdate ignores a lower
\* index): an acknowledgement that arrives late, after a higher one, changes
\* nothing. ACTION PROPERTY (PROPERTY).
MatchNeverGoesBack ==
    [][\A i, j \in Server :
         (state[i] = Leader /\ state'[i] = Leader /\ currentTerm'[i] = currentTerm[i])
             => matchIndex'[i][j] >= matchIndex[i][j]]_vars

\* A leader's probe of a member stays above what the member acknowledged (etcd
\* tracker.Progress: "Invariant: 0 <= Match < Next"; Progress.MaybeUpdate raises
\* Next to at least the acknowledged index + 1 and never lowers it): a late or
\* duplicated acknowledgement of a lower index leaves nextIndex where it was.
\* Taken as is, it moves the probe back below the match, and the leader resends
\* entries the follower already acknowledged, one round trip each; no safety
\* invariant can see it, and AcknowledgementAdvancesNext speaks only of the
\* answer's own index.
ProbeStaysAboveMatch ==
    \A i, j \in Server : nextIndex[i][j] > matchIndex[i][j]

\* A member follows itself only while it leads (etcd: becomeLeader sets r.lead
\* to itself; becomeFollower after a failed checkQuorum, like every other role
\* change, sets lead to the leader it heard from or None). A leader deposed by
\* CheckQuorum heard from no quorum, so it knows no live leader; one that kept
\* following itself would be in lease (InLease) and refuse the pre-votes and
\* votes of the members that can still elect a successor until its own timer
\* fires, and LeaseHoldsOffCampaigns, which speaks of members in lease, takes
\* that for the lease doing its job.
OnlyALeaderFollowsItself ==
    \A i \in Server : leader[i] = i => state[i] = Leader

\* A rejection moves a leader's probe back, never forward (Raft 5.3: "decrement
\* nextIndex and retry"; etcd Progress.MaybeDecrTo takes min(rejected - 1,
\* hint + 1)): a follower's hint (its last index) only speeds the walk back.
\* Taken as is, the hint of a follower with a longer, divergent log sends the
\* probe to an index where it is rejected again with the same hint, and the
\* follower is never repaired. ACTION PROPERTY (PROPERTY).
RejectionNeverRaisesNext ==
    [][\A m \in DOMAIN messages :
         (/\ m.mtype = AppendEntriesResponse /\ ~m.msuccess
          /\ m.mterm = currentTerm[m.mdest] /\ state[m.mdest] = Leader
          /\ \/ m \notin DOMAIN messages'
             \/ messages'[m] < messages[m]
          /\ ~DropMessage(m))
             => nextIndex'[m.mdest][m.msource] <= nextIndex[m.mdest][m.msource]]_vars

\* ... and back it does move (Raft 5.3: "After a rejection, the leader
\* decrements nextIndex and retries"): a rejection of its term that a leader
\* takes while its probe of j is above j's match + 1 lowers the probe. A
\* rejection that leaves nextIndex where it was (the decrement dropped, or
\* only the hint taken when it is not lower) probes a diverging follower at
\* the same index for ever, and nothing past the divergence reaches it.
\* ACTION PROPERTY (PROPERTY).
RejectionStepsBack ==
    [][\A m \in DOMAIN messages :
         (/\ m.mtype = AppendEntriesResponse /\ ~m.msuccess
          /\ m.mterm = currentTerm[m.mdest] /\ state[m.mdest] = Leader
          /\ nextIndex[m.mdest][m.msource] > matchIndex[m.mdest][m.msource] + 1
          /\ \/ m \notin DOMAIN messages'
             \/ messages'[m] < messages[m]
          /\ ~DropMessage(m))
             => nextIndex'[m.mdest][m.msource] < nextIndex[m.mdest][m.msource]]_vars

\* An acknowledgement moves the leader's probe past what it acknowledged
\* (Raft Figure 2: on success update nextIndex and matchIndex; etcd
\* Progress.MaybeUpdate sets Next to at least the acknowledged index + 1):
\* a successful append answer of the leader's term that the leader takes from
\* the network (not lost by the network) leaves nextIndex above the answer's
\* match index, so the next append carries the entry after it. A leader whose
\* probe stayed put would resend the acknowledged entry for ever and never
\* send a follower the entries after it: no entry past the first one commits,
\* which no safety invariant can see. ACTION PROPERTY (PROPERTY).
AcknowledgementAdvancesNext ==
    [][\A m \in DOMAIN messages :
         (/\ m.mtype = AppendEntriesResponse /\ m.msuccess
          /\ m.mterm = currentTerm[m.mdest] /\ state[m.mdest] = Leader
          /\ \/ m \notin DOMAIN messages'
             \/ messages'[m] < messages[m]
          /\ ~DropMessage(m))
             => nextIndex'[m.mdest][m.msource] > m.mmatchIndex]_vars

\* Raft 5.3's consistency check: an append names the index and term of the
\* entry just before its entry in its leader's log (etcd sendAppend: the term
\* of entry Next - 1), so a follower whose entry there has that term holds the
\* leader's log up to it (Log Matching) and one whose entry differs rejects.
\* An append of a leader's current term that is still in the network names the
\* term its leader's log holds at prevLogIndex (a leader's log only grows
\* during its term). An append naming another term, say the leader's last
\* one, is rejected by every follower whose entry there is of an earlier term,
\* however well it matches, so such a follower is never repaired past it;
\* nothing wrong is accepted, so no safety invariant breaks.
AppendsNameTheirPrefix ==
    \A m \in DOMAIN messages :
        (/\ m.mtype = AppendEntriesRequest /\ m.mprevLogIndex > 0
         /\ state[m.msource] = Leader /\ currentTerm[m.msource] = m.mterm)
            => /\ m.mprevLogIndex <= Len(log[m.msource])
               /\ log[m.msource][m.mprevLogIndex].term = m.mprevLogTerm

\* Raft 5.3's consistency check accepts what matches (Raft Figure 2,
\* AppendEntries rules 2-4: reply false only if the log has no entry at
\* prevLogIndex whose term matches prevLogTerm): a non-leader that takes from
\* the network an append of its term whose prevLogIndex is 0, or names an
\* entry its log holds with that term, holds the append's entry right after
\* it. A check that refuses a matching append (say, one whose prevLogIndex is
\* the follower's last index) stops every log from growing past its first
\* entry: nothing further commits, and no safety invariant can see it.
\* ACTION PROPERTY (PROPERTY).
MatchingAppendsAreTaken ==
    [][\A m \in DOMAIN messages :
         (/\ m.mtype = AppendEntriesRequest /\ m.mentries # <<>>
          /\ m.mterm = currentTerm[m.mdest] /\ state[m.mdest] # Leader
          /\ \/ m.mprevLogIndex = 0
             \/ /\ m.mprevLogIndex <= Len(log[m.mdest])
                /\ log[m.mdest][m.mprevLogIndex].term = m.mprevLogTerm
          /\ \/ m \notin DOMAIN messages'
             \/ messages'[m] < messages[m]
          /\ ~DropMessage(m))
             => /\ Len(log'[m.mdest]) > m.mprevLogIndex
                /\ log'[m.mdest][m.mprevLogIndex + 1] = m.mentries[1]]_vars

\* A member that takes a leader's append or heartbeat of its term follows
\* that leader (etcd becomeFollower(m.Term, m.From) on MsgApp and
\* MsgHeartbeat): its CheckQuorum lease starts or goes on, so it helps no
\* disruptive campaign while the leader is live, however idle the leader is.
\* ACTION PROPERTY (PROPERTY).
FollowsTheLeaderItHears ==
    [][\A m \in DOMAIN messages :
         (/\ m.mtype \in {AppendEntriesRequest, HeartbeatRequest}
          /\ m.mterm = currentTerm[m.mdest]
          /\ \/ m \notin DOMAIN messages'
             \/ messages'[m] < messages[m]
          /\ ~DropMessage(m))
             => leader'[m.mdest] = m.msource]_vars

\* A non-leader takes its term's leader's append or heartbeat whatever its
\* role (Raft Figure 2, Candidates: "if AppendEntries RPC received from new
\* leader: convert to follower"; etcd stepCandidate becomes follower on MsgApp
\* and MsgHeartbeat of its term): a pre-candidate or candidate that holds one
\* can handle it and then follows its sender. A candidate that ignores it never
\* follows the winner of its own term: it campaigns again when its timer
\* fires, and FollowsTheLeaderItHears, which speaks of a message that is
\* taken, cannot see a message never taken. Stated with ENABLED: what is at
\* stake is a step that never comes.
LeadersAreHeardInTheirTerm ==
    \A m \in DOMAIN messages :
        (/\ m.mtype \in {AppendEntriesRequest, HeartbeatRequest}
         /\ m.mterm = currentTerm[m.mdest] /\ state[m.mdest] # Leader)
            => ENABLED (/\ \/ HandleAppendEntriesRequest(m.mdest, m.msource, m)
                           \/ HandleHeartbeatRequest(m.mdest, m.msource, m)
                        /\ state'[m.mdest] = Follower
                        /\ leader'[m.mdest] = m.msource)

\* PreVote asks "could I win?" (Raft thesis 9.6): a member grants a pre-vote
\* only to a candidate whose log is at least as up-to-date as its own, the
\* test a real vote applies (5.4.1). Otherwise a member with a stale log, which
\* no quorum would elect, gathers pre-votes and raises its term, deposing a
\* healthy leader for nothing. (PreVoteGuardsTerms only says that a quorum of
\* grants came first.) ACTION PROPERTY (PROPERTY).
PreVoteNeedsUpToDateLog ==
    [][\A m \in DOMAIN messages :
         (/\ m.mtype = PreVoteRequest
          /\ \E r \in DOMAIN messages' :
                /\ r.mtype = PreVoteResponse /\ r.mvoteGranted
                /\ r.msource = m.mdest /\ r.mdest = m.msource
                /\ \/ r \notin DOMAIN messages
                   \/ messages'[r] > messages[r]
          /\ \/ m \notin DOMAIN messages'
             \/ messages'[m] < messages[m])
             => LogUpToDate(m.mdest, m)]_vars

\* A (pre-)vote request describes its sender's log (Raft 5.4.1: the voter
\* compares its own log with the candidate's last term and index; etcd
\* campaign() sends raftLog.lastTerm() and lastIndex()): a member that sends
\* one (not a copy made by the network, not one released by its Persist)
\* names its last entry's term and its length. PreVoteNeedsUpToDateLog and
\* the vote's check read these fields, so a request that overstates its log
\* (say, the sender's term as its last term) gathers pre-votes or votes for a
\* log that no quorum would elect. ACTION PROPERTY (PROPERTY).
CampaignsDescribeTheirLog ==
    [][\A m \in DOMAIN messages' \cup DOMAIN pendingMessages' :
         LET copies(b, x) == IF x \in DOMAIN b THEN b[x] ELSE 0 IN
         (/\ m.mtype \in {PreVoteRequest, RequestVoteRequest}
          /\ copies(messages', m) + copies(pendingMessages', m)
                 > copies(messages, m) + copies(pendingMessages, m)
          /\ ~DuplicateMessage(m))
             => /\ m.mlastLogTerm = LastTerm(log[m.msource])
                /\ m.mlastLogIndex = Len(log[m.msource])]_vars

\* A vote is for one term (Raft Figure 2: votedFor is the candidate voted for
\* in the current term; etcd reset() clears Vote when the term changes): a
\* member whose term rises, other than by campaigning for itself, has voted
\* for no one in the new term. A vote carried over from an older term would
\* refuse every other candidate of the new term (an election that cannot
\* finish while the old candidate is down). ACTION PROPERTY (PROPERTY).
VoteBelongsToItsTerm ==
    [][\A i \in Server :
         (currentTerm'[i] > currentTerm[i] /\ state'[i] # Candidate)
             => votedFor'[i] = Nil]_vars

\* A vote names a candidate of the voter's term (Raft Figure 2: votedFor is
\* the candidate voted for in currentTerm; etcd persists Term and Vote in one
\* HardState and a restart loads both): a member votes for a candidate of its
\* term, whose vote request went out only once the candidate's disk held that
\* term, so the candidate never falls back below it. A restart that recovers
\* the vote but keeps the term held in memory (or the other way round) pairs a
\* vote of an older term with a newer one, and VoteBelongsToItsTerm, which
\* speaks of a term that rises, cannot see it: the member grants the old
\* candidate a vote of a term it never asked for and refuses the new term's
\* candidates.
VoteNamesACandidateOfItsTerm ==
    \A i \in Server :
        votedFor[i] # Nil => currentTerm[votedFor[i]] >= currentTerm[i]

\* A vote is cast only by answering a vote request (Raft Figure 2: votedFor is
\* the candidate that received this member's vote in its term; etcd sets
\* r.Vote on a granted MsgVote, never on a MsgPreVote, which changes no hard
\* state) or by campaigning: a member whose vote changes to some candidate
\* within its term either became that candidate or answers that candidate's
\* vote request of the term. A pre-vote recorded as a vote locks the voter to
\* a member that is not campaigning in that term, so it refuses the term's
\* real candidates; VoteHoldsForTheTerm only sees a vote that replaced
\* another. A restart reloads the durable vote and a new term clears it.
\* ACTION PROPERTY (PROPERTY).
VotesComeFromVoteRequests ==
    [][\A i \in Server :
         (/\ votedFor'[i] # Nil /\ votedFor'[i] # votedFor[i]
          /\ currentTerm'[i] = currentTerm[i] /\ ~Restart(i))
             => \/ state'[i] = Candidate /\ votedFor'[i] = i
                \/ \E m \in DOMAIN messages :
                      /\ m.mtype = RequestVoteRequest /\ m.mdest = i
                      /\ m.msource = votedFor'[i] /\ m.mterm = currentTerm[i]]_vars

\* A vote holds for the whole term (Raft Figure 2: votedFor is persistent
\* state, changed only when the term changes): a member that voted in its
\* term keeps that vote until its term changes or it restarts (a restart
\* recovers the durable vote). A vote dropped within the term (e.g. on
\* following the leader it elected) lets the member vote again once its
\* timer ends the lease, for a rival candidate of the same term: two leaders
\* in one term. ACTION PROPERTY (PROPERTY).
VoteHoldsForTheTerm ==
    [][\A i \in Server :
         (votedFor[i] # Nil /\ currentTerm'[i] = currentTerm[i] /\ ~Restart(i))
             => votedFor'[i] = votedFor[i]]_vars

\* Raft Figure 2, AppendEntries rule 3: an existing entry that conflicts with a
\* new one (same index, different term) is deleted with all that follow it. So a
\* step that gives a member's index k an entry of another term leaves k the last
\* index of its log. A restart reloads the durable log and is not such a step.
ConflictEndsTheLog ==
    [][\A i \in Server :
         ~Restart(i) =>
             \A k \in 1..Len(log'[i]) :
                 (k <= Len(log[i]) /\ log'[i][k].term # log[i][k].term)
                     => Len(log'[i]) = k]_vars

\* New terms come from campaigns (Raft 5.2; PreVote, Raft thesis 9.6): a
\* member that moves to a term higher than every member's term becomes a
\* Candidate of it (after a quorum of pre-votes: PreVoteGuardsTerms); every
\* other term change adopts a term some member holds, carried by a message.
\* So no message invents a term: not a pre-vote request, nor a pre-vote
\* answer (granted or refused), which carry the term a pre-candidate only
\* asks about. A member that took such a term would reject its healthy
\* leader's messages as stale and force a new election. ACTION PROPERTY.
NewTermsComeFromCampaigns ==
    [][\A i \in Server :
         currentTerm'[i] > MaxOf({currentTerm[j] : j \in Server})
             => state'[i] = Candidate]_vars

\* CheckQuorum's record is what the leader heard (etcd sets RecentActive on
\* every MsgAppResp and MsgHeartbeatResp): an answer of its term that a
\* leader takes from the network (not lost by the network) marks its sender
\* active, so CheckQuorum never deposes a leader that a quorum answered during
\* the period, e.g. an idle leader whose followers answer only heartbeats.
\* ACTION PROPERTY (PROPERTY).
AnswersMarkActivity ==
    [][\A m \in DOMAIN messages :
         (/\ m.mtype \in {AppendEntriesResponse, HeartbeatResponse}
          /\ m.mterm = currentTerm[m.mdest] /\ state[m.mdest] = Leader
          /\ \/ m \notin DOMAIN messages'
             \/ messages'[m] < messages[m]
          /\ ~DropMessage(m))
             => m.msource \in recentActive'[m.mdest]]_vars

\* ... and only answers do (etcd sets RecentActive only in stepLeader's
\* MsgAppResp and MsgHeartbeatResp cases): a member that becomes active in
\* its leader's record answered it in its term, by an append or heartbeat
\* answer the leader takes in that step. A leader that marked a follower
\* active when it sends to it (its append or heartbeat) passes every
\* CheckQuorum cut off from everyone, and keeps a partitioned leadership
\* (and its pending reads' clients) waiting for ever. ACTION PROPERTY (PROPERTY).
ActivityComesFromAnswers ==
    [][\A i \in Server : \A j \in recentActive'[i] \ recentActive[i] :
         \E m \in DOMAIN messages :
             /\ m.mtype \in {AppendEntriesResponse, HeartbeatResponse}
             /\ m.msource = j /\ m.mdest = i /\ m.mterm = currentTerm[i]
             /\ \/ m \notin DOMAIN messages'
                \/ messages'[m] < messages[m]]_vars

\* Term fencing (Raft 5.1: a request with a stale term is rejected; etcd's
\* Step drops every message of a lower term before any handler sees it): a
\* message of an older term than its receiver's changes nothing when it is
\* taken from the network; the step only consumes it. So nothing sent in an
\* earlier term counts in a later one: a vote for an earlier candidacy, an
\* acknowledgement or heartbeat answer to an earlier leadership (CheckQuorum
\* activity, a match index, a read acknowledgement). The mechanism is local
\* to one step, so the property is too: a schedule in which counting such a
\* message breaks a safety invariant needs a member to lead (or campaign)
\* again after others led in between, with the old answer still in flight,
\* deeper than the exhaustive models go. ACTION PROPERTY (PROPERTY).
StaleMessagesAreInert ==
    [][\A m \in DOMAIN messages :
         (/\ m.mterm < currentTerm[m.mdest]
          /\ \/ m \notin DOMAIN messages'
             \/ messages'[m] < messages[m])
             => UNCHANGED <<durableVars, volatileVars>>]_vars

\* A new leader knows no match (Raft Figure 2: matchIndex is reinitialized
\* to 0 after an election; etcd reset() makes fresh Progress): it counts
\* toward a commit only what was acknowledged to this leadership. A match
\* kept from an earlier leadership may name entries another leader has since
\* overwritten on the follower; that breaks a safety invariant only in a
\* Figure-8-deep schedule (five terms), so the rule is stated where it
\* applies, at the election. ACTION PROPERTY (PROPERTY).
NewLeaderStartsWithoutMatches ==
    [][\A i \in Server :
         (state'[i] = Leader /\ state[i] # Leader)
             => \A j \in Server : matchIndex'[i][j] = 0]_vars

\* The network is a bag (the fault model itself): a step takes at most one copy
\* of a message from it, so each copy the network made (DuplicateMessage, or a
\* member sending the same message twice) can still be delivered later. A
\* delivery that took every copy would turn duplication into loss: no model
\* could show a bug that needs a message handled twice, and the models that
\* list "Duplicate" would check less than they say. ACTION PROPERTY (PROPERTY).
DeliveryTakesOneCopy ==
    [][\A m \in DOMAIN messages :
         (IF m \in DOMAIN messages' THEN messages'[m] ELSE 0) >= messages[m] - 1]_vars

\* A crash keeps the disk and nothing else (the fault model itself, etcd
\* restarts from its Storage): a member that restarts comes back with the
\* term, vote and log its disk held, never with what it had only in memory.
\* A Restart that kept the in-memory log (or vote) would make every
\* unpersisted entry survive the crash, so no model could show a bug that
\* depends on losing it, and the durability invariants, which read the disk,
\* would guard a state no member ever returns to. ACTION PROPERTY (PROPERTY).
RestartRecoversTheDisk ==
    [][\A i \in Server : Restart(i) =>
         /\ currentTerm'[i] = Durable(i).term
         /\ votedFor'[i] = Durable(i).vote
         /\ log'[i] = Durable(i).log]_vars

\* i is a follower that knows no leader and holds nothing of a role: no
\* votes or pre-votes counted, no progress (nextIndex 1, matchIndex 0, no
\* recent activity), no pending reads, commit index 0 (the spec's SHORTCUT
\* for the snapshot): the state Restart leaves i in.
FreshFollower(i) ==
    /\ state[i] = Follower
    /\ leader[i] = Nil
    /\ votesGranted[i] = {}
    /\ preVotesGranted[i] = {}
    /\ nextIndex[i] = [j \in Server |-> 1]
    /\ matchIndex[i] = [j \in Server |-> 0]
    /\ recentActive[i] = {}
    /\ pendingReads[i] = {}
    /\ commitIndex[i] = 0

\* A crash keeps no role (etcd: newRaft ends in becomeFollower(term, None)):
\* a member that restarts comes back a FreshFollower. A restarted leader or
\* candidate would lead or campaign on in a term its disk may not hold,
\* and a restarted follower would trust a leader it has not heard since.
\* Written as "fresh follower afterwards, or not a restart", the same as
\* Restart(i) => FreshFollower(i)', so that TLC evaluates the cheap state
\* test first and the whole Restart action only when it fails (half the
\* cost on MCEtcdRaftAsyncPersist). ACTION PROPERTY (PROPERTY).
RestartComesBackAFollower ==
    [][\A i \in Server : FreshFollower(i)' \/ ~Restart(i)]_vars

\* Durability of acknowledgements: whatever a member acknowledged to the
\* leader of its term (the leader's matchIndex for it) is in its durable log,
\* restarts included; a leader counts only such acknowledgements toward a
\* commit, so nothing acknowledged, hence nothing committed, is lost.
AcknowledgedIsDurable ==
    \A i, j \in Server :
        (state[i] = Leader /\ j # i /\ currentTerm[j] = currentTerm[i])
            => \A k \in 1..Min(matchIndex[i][j], Len(log[i])) :
                   /\ Len(Durable(j).log) >= k
                   /\ Durable(j).log[k].term = log[i][k].term

\* Durability of votes: a vote a candidate counts (other than its own) is in
\* the voter's durable state, or the voter has durably moved on to a higher
\* term (where it can no longer vote in the candidate's term). A voter that
\* restarts therefore never votes again in a term in which it was counted,
\* and a term never gets two leaders by a forgotten vote. Meant for the
\* models with "AsyncPersist": without it a vote is durable as it is cast,
\* and a model whose votes go wrong catches that as ElectionSafety.
GrantedVoteIsDurable ==
    \A i \in Server :
        state[i] = Candidate =>
            \A j \in votesGranted[i] \ {i} :
                \/ Durable(j).term > currentTerm[i]
                \/ Durable(j).term = currentTerm[i] /\ Durable(j).vote = i

\* Durability of a candidacy: a vote request in the network vouches for its
\* sender's term and its vote for itself, so the sender's disk holds that term
\* with that vote (or a higher term). A candidate that sent its request before
\* persisting and crashed would come back in its old term, free to vote for a
\* rival in the term it campaigned for, in which it may already have led and
\* sent entries: two leaders of one term. Meant for the models with
\* "AsyncPersist", as GrantedVoteIsDurable.
CandidacyIsDurable ==
    \A m \in DOMAIN messages :
        m.mtype = RequestVoteRequest =>
            \/ Durable(m.msource).term > m.mterm
            \/ Durable(m.msource).term = m.mterm /\ Durable(m.msource).vote = m.msource

-----------------------------------------------------------------------------
(* Debug (reachability) invariants: each is EXPECTED to be violated, which  *)
(* shows that the models reach the interesting states at all.               *)

\* Violated once a leader is elected.
NoLeaderElected == \A i \in Server : state[i] # Leader

\* Violated once an entry is committed.
NoEntryCommitted == committed = {}

\* Violated once a ReadIndex read completes.
NoReadCompleted == \A r \in ReadId : readHistory[r].phase # "done"

\* Violated once a pre-vote is refused (PreVote stopping a campaign).
NoPreVoteRefused ==
    \A m \in DOMAIN messages : ~(m.mtype = PreVoteResponse /\ ~m.mvoteGranted)

\* ACTION PROPERTY, violated once a leader steps down by CheckQuorum (it
\* stays in its term, unlike a step-down on a higher term; Restart also
\* keeps the term, so it is excluded).
NoCheckQuorumStepDown ==
    [][\A i \in Server :
         ~(state[i] = Leader /\ state'[i] = Follower
           /\ currentTerm'[i] = currentTerm[i] /\ ~Restart(i))]_vars

\* ACTION PROPERTY, violated once a member restarts while the leader of its
\* term holds an acknowledgement from it (the case AcknowledgedIsDurable
\* is about).
NoRestartAfterAck ==
    [][\A i, j \in Server :
         ~(Restart(j) /\ state[i] = Leader /\ i # j
           /\ currentTerm[j] = currentTerm[i] /\ matchIndex[i][j] > 0)]_vars
=============================================================================
