------------------------------ MODULE MCEtcdRaft ------------------------------
(***************************************************************************)
(* Bounded models of EtcdRaft for TLC. One module, many .cfg files: each   *)
(* configuration picks the bounds, the fault classes (EtcdRaft's Faults)   *)
(* and the injected bugs (Bugs), so every model checks the same spec       *)
(* text. The bounds are state constraints: TLC explores every behaviour    *)
(* whose states all stay within them.                                      *)
(***************************************************************************)
EXTENDS EtcdRaft

CONSTANTS
    \* Largest term a server may reach.
    MaxTerm,
    \* Longest log a server may hold.
    MaxLogLen,
    \* Most messages (copies counted) in the network at once.
    MaxInFlight

\* A server broadcasts to all its peers in one step (ElectionTimeout's pre-vote
\* requests, BecomeCandidate's vote requests). If a broadcast did not fit under
\* MaxInFlight, MCConstraint would cut every election at its first step and TLC
\* would "pass" after exploring the initial state only (round 2's five-member
\* model did exactly that). Refuse such a configuration instead.
ASSUME MaxInFlight >= Cardinality(Server) - 1

\* The state constraint: terms, logs and messages in flight stay bounded.
MCConstraint ==
    /\ \A i \in Server : currentTerm[i] <= MaxTerm /\ Len(log[i]) <= MaxLogLen
    \* Checked on the network as a whole, copies counted.
    /\ InFlight <= MaxInFlight

\* An optional stronger bound: at most one message per directed link in
\* flight (a link with a window of one message), so the leader's periodic
\* sends do not pile up. Used by the CI model to keep it small.
OneMessagePerLink ==
    \A m1, m2 \in DOMAIN messages \cup DOMAIN pendingMessages :
        (m1.msource = m2.msource /\ m1.mdest = m2.mdest) => m1 = m2

\* An optional scenario bound for small models: at most one server is not a
\* Follower at any time (no competing candidates, no stale leader beside a
\* new one). Elections, replication, commit, heartbeats, CheckQuorum and
\* step-downs remain. Used by the model-based-testing model.
SingleCampaigner == Cardinality({i \in Server : state[i] # Follower}) <= 1

\* WITNESS (expected to be violated in a debug model): violated once a
\* client value (not a leader's empty entry) is committed somewhere.
NoValueCommitted ==
    \A i \in Server : \A k \in 1..commitIndex[i] : log[i][k].value = Nil

\* Servers are interchangeable model values (Server symmetry).
MCSymmetry == Permutations(Server)

\* The view TLC fingerprints states by: every variable except the history
\* parts of the ghosts (committed, and readHistory's mustSee/index). These are
\* never read by any action's guard, so two states equal in this view have the
\* same futures (the protocol state space is explored exactly). The price:
\* of states that differ only in history, only the first reached is checked
\* against the history invariants (CommittedIsDurable, LeaderCompleteness,
\* StateMachineSafety's ghost part, ReadIndexLinearizable). The expected-
\* failure models run without the view, so those checks are complete there.
MCView ==
    <<durableVars, volatileVars, ioVars,
      [r \in ReadId |-> readHistory[r].phase]>>
\* A vote or pre-vote tally as far as any guard can tell: once S is a quorum,
\* BecomeLeader/BecomeCandidate only ask "is it a quorum?" and further grants
\* change nothing, so every quorum is one class; a non-quorum tally is kept as
\* it is (a later grant may complete it).
GrantClass(S) == IF S \in Quorum THEN "quorum" ELSE S

\* Leader i's CheckQuorum activity set as far as any guard can tell: CheckQuorum
\* only asks whether S with i is a quorum, and adding servers keeps it one
\* until CheckQuorum resets it, so every quorum-forming S is one class.
ActiveClass(i, S) == IF S \cup {i} \in Quorum THEN "quorum" ELSE S

\* The volatile variables with the dead parts folded: the tallies and activity
\* sets as classes (above), and a leader's nextIndex for itself (set when it
\* wins, never read: it sends neither entries nor heartbeats to itself).
MCVolatileClasses ==
    <<state, commitIndex, leader,
      [i \in Server |-> GrantClass(votesGranted[i])],
      [i \in Server |-> GrantClass(preVotesGranted[i])],
      [i \in Server |-> [j \in Server |-> IF j = i THEN 0 ELSE nextIndex[i][j]]],
      matchIndex,
      [i \in Server |-> ActiveClass(i, recentActive[i])],
      pendingReads>>

\* The EXACT view the CI models use: every variable, ghosts included (so every
\* invariant, history ones too, is checked on every state that differs in
\* anything an invariant reads), with only the values no guard and no
\* invariant can tell apart folded together (MCVolatileClasses). Two states
\* with equal views therefore have the same futures and the same invariant
\* values: the reduction loses nothing. It commutes with permuting servers
\* (the class marker "quorum" is a string, which permutations leave alone), so
\* it is sound together with MCSymmetry. Measured on the CI bounds with log
\* <= 1: 148,211 distinct states without the folding, 97,932 with it; keeping
\* the ghosts costs nothing there (without restarts, committed is determined
\* by the logs and commit indexes).
MCExactView == <<durableVars, MCVolatileClasses, ioVars, ghostVars>>
=============================================================================
