------------------------------- MODULE Lamp -------------------------------
(* A tiny spec for the runner's vacuity tests: a counter with an action   *)
(* (Reset) that the bound Limit never lets fire.                           *)
EXTENDS Naturals

CONSTANT Limit

VARIABLES
    \* x: the counter.
    x

\* Starts at zero.
Init == x = 0

\* Count one up while below Limit.
Inc == x < Limit /\ x' = x + 1

\* Start over from above Limit: dead, since Inc never passes Limit.
Reset == x > Limit /\ x' = 0

\* Either step.
Next == Inc \/ Reset

\* Holds in every reachable state.
InRange == x \in 0..Limit

\* DELIBERATELY UNSATISFIABLE state constraint: every step is cut, so TLC
\* sees the initial state only and "passes" having checked nothing.
CutEverything == x < 0
=============================================================================
