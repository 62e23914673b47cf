------------------------ MODULE MCLeaseElectionFenced ------------------------
(***************************************************************************)
(* Bounded model with fencing on: the store rejects writes stamped with a *)
(* stale leaseTransitions.  Expected: every invariant holds.  Its debug   *)
(* configurations (MCLeaseElectionFenced_*.cfg) each expect one           *)
(* reachability invariant to break.                                       *)
(***************************************************************************)
EXTENDS MCLeaseElection
=============================================================================
