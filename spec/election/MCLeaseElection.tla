--------------------------- MODULE MCLeaseElection ---------------------------
(***************************************************************************)
(* Shared wrapper for the bounded models of LeaseElection: the candidate  *)
(* symmetry and the conjunction of all type invariants.  The .cfg files   *)
(* of MCLeaseElectionFenced and MCLeaseElectionUnfenced pick the bounds.  *)
(***************************************************************************)
EXTENDS LeaseElection, TLC

\* Candidates are interchangeable: every invariant treats them alike.
CandidateSymmetry == Permutations(Candidates)

\* All per-variable type invariants at once (handy in the REPL and traces).
TypeOK ==
    /\ TypeOKClock /\ TypeOKLease /\ TypeOKObserved /\ TypeOKObservedTime
    /\ TypeOKNextTry /\ TypeOKIntent /\ TypeOKLeading /\ TypeOKTerm
    /\ TypeOKLastRenew /\ TypeOKInflight /\ TypeOKPodWrites
    /\ TypeOKRejected /\ TypeOKStarted /\ TypeOKLeaseInflight
=============================================================================
