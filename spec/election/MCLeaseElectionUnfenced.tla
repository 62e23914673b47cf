----------------------- MODULE MCLeaseElectionUnfenced -----------------------
(***************************************************************************)
(* Bounded model of client-go as documented: no fencing.  Expected: TLC   *)
(* finds a deposed leader's write landing after its successor's, so       *)
(* AtMostOneEffectiveLeader is violated.                                  *)
(***************************************************************************)
EXTENDS MCLeaseElection
=============================================================================
