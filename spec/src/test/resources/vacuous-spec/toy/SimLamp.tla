------------------------------- MODULE SimLamp -------------------------------
(* A tiny spec for the runner's simulation tests: the Lamp counter walked *)
(* by TLC -simulate, reporting its progress the way SimEtcdRaft does      *)
(* (PrintT of <<"plumbline-sim", "term"|"target", value, depth>>), with x *)
(* in the place of the term. Its target, x >= Target, is out of reach     *)
(* when Target > Limit: that run must be VACUOUS, not a pass.             *)
EXTENDS Lamp, TLC

CONSTANT Target

\* Registers as in SimEtcdRaft: 1 = highest x reported (x starts at 0, reported at its first rise), 2 = target reported.
ASSUME TLCSet(1, 0) /\ TLCSet(2, FALSE)

\* Prints each new highest x and the first state that reaches the target.
SimObserve ==
    /\ x > TLCGet(1) =>
          /\ TLCSet(1, x)
          /\ PrintT(<<"plumbline-sim", "term", x, TLCGet("level") + 1>>)
    /\ (x >= Target /\ ~TLCGet(2)) =>
          /\ TLCSet(2, TRUE)
          /\ PrintT(<<"plumbline-sim", "target", x, TLCGet("level") + 1>>)
=============================================================================
