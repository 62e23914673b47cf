---------------------------- MODULE Forever ----------------------------
(* A model TLC never finishes (a counter without bound): a stand-in for a   *)
(* long model check whose JVM is stopped while it runs (ChildProcessesTest). *)
EXTENDS Naturals

VARIABLE x

Init == x = 0

Next == x' = x + 1
=============================================================================
