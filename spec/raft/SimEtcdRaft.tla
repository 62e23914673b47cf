------------------------------ MODULE SimEtcdRaft ------------------------------
(***************************************************************************)
(* Simulation models of EtcdRaft (TLC -simulate with a fixed seed and a    *)
(* fixed number of behaviours): random walks far deeper than any           *)
(* exhaustive model can afford (term 4 and beyond, client values, reads),  *)
(* every state of every walk checked against the safety invariants.        *)
(* A walk that never reached its target state proves little, so each       *)
(* worker reports (PrintT, read by the runner) every new highest term and  *)
(* the first time it reaches SimTarget; a run that never reports the       *)
(* target is VACUOUS, not a pass.                                           *)
(***************************************************************************)
EXTENDS MCEtcdRaftScenario, TLC

CONSTANTS
    \* The term a walk must reach for the run to count (with SimNeedsValue
    \* and SimNeedsRead, SimTarget).
    SimTargetTerm,
    \* Whether the target also needs a committed client value.
    SimNeedsValue,
    \* Whether the target also needs a completed ReadIndex read.
    SimNeedsRead

\* The highest term any server holds.
HighestTerm == MaxOf({currentTerm[i] : i \in Server})

\* A client value (not a leader's empty entry) is committed somewhere.
ValueCommitted == \E i \in Server : \E k \in 1..commitIndex[i] : log[i][k].value # Nil

\* A ReadIndex read has completed.
ReadCompleted == \E r \in ReadId : readHistory[r].phase = "done"

\* The state a walk must reach for the run not to be vacuous.
SimTarget ==
    /\ HighestTerm >= SimTargetTerm
    /\ SimNeedsValue => ValueCommitted
    /\ SimNeedsRead => ReadCompleted

\* TLC registers (one set per simulation worker, all set here before the
\* workers start): 1 = highest term reported, 2 = whether the target was
\* reported.
ASSUME TLCSet(1, 0) /\ TLCSet(2, FALSE)

\* Reports progress the runner reads (TlcLauncher's PrintT tap): the
\* highest term so far with the walk's depth, and the target once. Always
\* TRUE: used as a CONSTRAINT only for these side effects.
SimObserve ==
    /\ TRUE
    /\ HighestTerm > TLCGet(1) =>
          /\ TLCSet(1, HighestTerm)
          /\ PrintT(<<"plumbline-sim", "term", HighestTerm, TLCGet("level") + 1>>)
    /\ (SimTarget /\ ~TLCGet(2)) =>
          /\ TLCSet(2, TRUE)
          /\ PrintT(<<"plumbline-sim", "target", HighestTerm, TLCGet("level") + 1>>)

\* At most one Candidate at a time (pre-candidates are free: a follower's
\* timer firing is how it leaves a leader's lease); a stale leader may still
\* lead beside a new one. Random walks then raise terms and commit far more
\* often than with competing candidates, which mostly split the votes
\* (exhaustive models cover those: MCEtcdRaftFaultsCampaigners).
OneCampaignAtATime ==
    Cardinality({i \in Server : state[i] = Candidate}) <= 1

\* Each client value is proposed at most once per log (ClientRequest may
\* repeat a value; random walks would otherwise fill every log with client
\* requests, after which no new leader fits its empty entry and terms stop).
ValueOncePerLog ==
    \A i \in Server : \A k1, k2 \in 1..Len(log[i]) :
        (log[i][k1].value # Nil /\ log[i][k1].value = log[i][k2].value) => k1 = k2

\* Unscripted walks: every protocol step and fault the config allows, the
\* bounds inside the next-state relation (as MCEtcdRaftReplay.BoundedNext),
\* one campaign at a time.
SimNext == Next /\ MCConstraint' /\ OneCampaignAtATime'
    /\ ValueOncePerLog'

\* Random behaviours of the unscripted model.
SimSpec == Init /\ [][SimNext]_vars

=============================================================================
