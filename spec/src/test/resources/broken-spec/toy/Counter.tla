------------------------------ MODULE Counter ------------------------------
(* A tiny spec for the runner's own tests: a counter climbing to Limit.    *)
EXTENDS Naturals

CONSTANT Limit

VARIABLES
    \* x: the counter.
    x,
    \* log: how many steps were taken (a second variable, so traces show diffs).
    steps

\* Both start at zero.
Init == x = 0 /\ steps = 0

\* Count one up while below Limit; at Limit nothing is enabled (a deadlock).
Next == x < Limit /\ x' = x + 1 /\ steps' = steps + 1

\* Type of x.
TypeOKX == x \in 0..Limit

\* DELIBERATELY WRONG: the counter does reach 3 when Limit >= 3.
StaysBelowThree == x < 3

\* True in every reachable state; used as an "expected violation" that never comes.
NeverAboveLimit == x <= Limit
=============================================================================
