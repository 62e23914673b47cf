--------------------------- MODULE MCEtcdRaftReplay ---------------------------
(***************************************************************************)
(* Models of EtcdRaft for model-based tests of the Java core               *)
(* (implementation/README.md, "Model-based tests"): a quick state graph    *)
(* for `mvn verify`, and random behaviours of the CI model's bounds.       *)
(***************************************************************************)
EXTENDS MCEtcdRaft

\* A stronger scenario bound than SingleCampaigner: only one fixed server
\* ever leaves the Follower state. The servers are symmetric, so the graph
\* keeps every kind of step while being about three times smaller.
FixedCampaigner ==
    LET c == CHOOSE s \in Server : TRUE IN
    \A i \in Server \ {c} : state[i] = Follower

\* The CI model's bounds as part of the next-state relation, for TLC's
\* -simulate: with them as a CONSTRAINT a random trace ends at the first
\* out-of-bounds successor TLC happens to pick, so traces stay very short;
\* here TLC only ever picks successors within the bounds.
BoundedNext == Next /\ MCConstraint' /\ OneMessagePerLink'

\* The CI model's behaviours (without symmetry or view), for simulation.
BoundedSpec == Init /\ [][BoundedNext]_vars

\* BoundedNext where only one fixed server ever campaigns: random behaviours
\* then reach re-elections, replication and commits far more often than
\* with competing campaigners (whose elections mostly fail).
OneCampaignerNext == BoundedNext /\ FixedCampaigner'

\* The CI model's bounds with one fixed campaigner, for simulation.
OneCampaignerSpec == Init /\ [][OneCampaignerNext]_vars
=============================================================================
