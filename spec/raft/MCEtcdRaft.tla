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

\* The state constraint: terms, logs and messages in flight stay bounded.
MCConstraint ==
    /\ \A i \in Server : currentTerm[i] <= MaxTerm /\ Len(log[i]) <= MaxLogLen
    \* Checked on the network as a whole, copies counted.
    /\ InFlight <= MaxInFlight

\* An optional stronger bound: at most one message per directed link in
\* flight (a link with a window of one message), so the leader's periodic
\* sends do not pile up. Used by the CI model to keep it small.
OneMessagePerLink ==
    \A m1, m2 \in DOMAIN messages :
        (m1.msource = m2.msource /\ m1.mdest = m2.mdest) => m1 = m2

\* An optional scenario bound for small models: at most one server is not a
\* Follower at any time (no competing candidates, no stale leader beside a
\* new one). Elections, replication, commit, heartbeats, CheckQuorum and
\* step-downs remain. Used by the model-based-testing model.
SingleCampaigner == Cardinality({i \in Server : state[i] # Follower}) <= 1

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
    <<durableVars, volatileVars, messages, [r \in ReadId |-> readHistory[r].phase]>>
=============================================================================
