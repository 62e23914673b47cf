------------------------- MODULE MCEtcdRaftRivalHeard -------------------------
(***************************************************************************)
(* A rival that lost hears the winner (CI-sized): s1 and s2 both campaign  *)
(* for term 1 as real candidates, s1 wins with s3's vote, and s1's append  *)
(* and heartbeat reach s2 while s2 is still a Candidate of term 1. s2 must *)
(* take them and follow s1 (LeadersAreHeardInTheirTerm; etcd stepCandidate *)
(* becomes follower on MsgApp and MsgHeartbeat of its term). A separate    *)
(* module so it stays apart from the shared scripts of MCEtcdRaftScenario. *)
(***************************************************************************)
EXTENDS MCEtcdRaftScenario

\* The script (a state constraint, in place of FollowsScript): only the rivals
\* s1 and s2 leave the Follower state (RivalsShape), each campaigns once (a
\* pre-campaign only from term 0), s2 never leads and s3 never votes for it
\* (s2 is the rival that loses), and the leader's appends and heartbeats go
\* to s2 only, until s2 follows it (what comes after is not the case this
\* model is for). A script bound: it only removes behaviours.
RivalHeardShape ==
    /\ RivalsShape
    /\ \A i \in Server : state[i] = PreCandidate => currentTerm[i] = 0
    /\ state[s2] # Leader
    /\ votedFor[s3] # s2
    /\ \A m \in DOMAIN messages :
          m.mtype \in {AppendEntriesRequest, HeartbeatRequest} =>
              /\ m.mdest = s2
              /\ ~(state[s2] = Follower /\ leader[s2] = s1)

\* ACTION_CONSTRAINT: no CheckQuorum (s1, once elected, stays leader; a check
\* that keeps it only resets its activity record).
RivalHeardNoCheckQuorum == \A i \in Server : ~CheckQuorum(i)
=============================================================================
