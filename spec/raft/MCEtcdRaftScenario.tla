--------------------------- MODULE MCEtcdRaftScenario ---------------------------
(***************************************************************************)
(* Scripted regression scenarios of EtcdRaft, in the style of etcd-raft's  *)
(* SplitBrain456.tla: a state constraint makes every election follow a    *)
(* script (who may campaign for which term), so TLC reaches long schedules *)
(* (term 4 and beyond) that the unscripted CI models cannot afford, while  *)
(* every message ordering, loss and timer firing inside the script stays   *)
(* explored. The script only removes behaviours, so a violation found here *)
(* is a real violation of the spec.                                         *)
(***************************************************************************)
EXTENDS MCEtcdRaft

CONSTANTS
    \* The three members' names, so scripts can name them (model values,
    \* the same as the cfg's Server = {s1, s2, s3}).
    s1, s2, s3,
    \* LeaderOfTerm[t]: the one server that may become Candidate or Leader
    \* in term t (a sequence of servers; its length bounds the terms).
    LeaderOfTerm,
    \* ReachOfTerm[t]: the servers the leader of term t may send entries or
    \* heartbeats to (the others never hear from it: a partition).
    ReachOfTerm,
    \* The servers whose election timer may fire although they are not the
    \* next scripted campaigner (it ends a follower's CheckQuorum lease, which
    \* a script may need); everyone else's timer fires only to campaign.
    MayTimeOut

ASSUME LeaderOfTerm \in Seq(Server)
ASSUME ReachOfTerm \in Seq(SUBSET Server) /\ Len(ReachOfTerm) = Len(LeaderOfTerm)
ASSUME MayTimeOut \subseteq Server

\* Is i the scripted campaigner of the term after its current one?
NextCampaigner(i) ==
    currentTerm[i] < Len(LeaderOfTerm) /\ LeaderOfTerm[currentTerm[i] + 1] = i

\* The state constraint: only the scripted server runs for each term, a
\* leader's entries and heartbeats reach only its term's reach, and no term
\* goes past the script. Only the next scripted campaigner and MayTimeOut
\* become PreCandidates (the latter never get further).
FollowsScript ==
    /\ \A i \in Server : currentTerm[i] <= Len(LeaderOfTerm)
    /\ \A i \in Server :
          state[i] = PreCandidate => NextCampaigner(i) \/ i \in MayTimeOut
    /\ \A i \in Server :
          state[i] \in {Candidate, Leader} => LeaderOfTerm[currentTerm[i]] = i
    /\ \A m \in DOMAIN messages :
          m.mtype \in {AppendEntriesRequest, HeartbeatRequest}
              => m.mdest \in ReachOfTerm[m.mterm]

\* The bounds and the script as part of the next-state relation, for TLC's
\* -simulate (a CONSTRAINT would end a random trace at the first successor
\* outside it that TLC happens to pick).
ScriptedNext == Next /\ MCConstraint' /\ OneMessagePerLink' /\ FollowsScript'

\* Random behaviours that follow the script, for simulation.
ScriptedSpec == Init /\ [][ScriptedNext]_vars

\* WITNESS (expected to be violated in a debug model): violated once a leader
\* of the script's last term is elected, i.e. the scenario runs to its end.
NoLeaderInLastTerm ==
    \A i \in Server : ~(state[i] = Leader /\ currentTerm[i] = Len(LeaderOfTerm))

\* WITNESS: violated once a leader holds an uncommitted entry of an earlier
\* term on a quorum (by its matchIndex): the state in which Figure 8's wrong
\* rule would commit that entry and the right rule must not.
NoEarlierTermEntryOnQuorum ==
    \A i \in Server : state[i] = Leader =>
        \A k \in (commitIndex[i] + 1)..Len(log[i]) :
            ~(log[i][k].term < currentTerm[i] /\ Agree(i, k) \in Quorum)

\* Figure 8 of the Raft paper with three members and one empty entry per
\* leader: s1 leads terms 1 and 3, s2 leads terms 2 and 4. In terms 1 and 2
\* the leader's entry reaches no one; in term 3 s1 replicates to s3 only.
\* Were a leader to commit an entry of an earlier term by counting its
\* replicas, s1 would commit its term-1 entry in term 3 on {s1, s3}, and s2
\* (elected in term 4 with s3's vote: its last term 2 beats s3's 1) would
\* lack it and overwrite it on s3.
Figure8Leaders == <<s1, s2, s1, s2>>
\* Whom each term's leader reaches in the Figure 8 script.
Figure8Reach == <<{}, {}, {s3}, {s3}>>
\* s3 follows s1 in term 3; its timer must fire to end that lease, or it
\* would ignore s2's pre-vote for term 4.
Figure8MayTimeOut == {s3}

\* Two leaders at once for reads: s1 leads term 1 and reaches s2 only; s2
\* leads term 2 and reaches s1 and s3, so s1 may go on serving reads after
\* s2 was elected and committed more.
ReadsLeaders == <<s1, s2>>
\* Whom each term's leader reaches in the reads script.
ReadsReach == <<{s2}, {s1, s3}>>
\* No lease needs to end early in the reads script.
ReadsMayTimeOut == {}

\* A follower with a divergent entry behind a matching prefix, the case in
\* which a follower must commit only what a message verified (etcd
\* commitTo(min(committed, lastnewi))). s1 leads term 1: its empty entry
\* reaches s2 and s3, its client value v1 reaches no one. s2 leads term 2
\* and its empty entry stays local, so s2 holds <<t1, t2>> while s1 holds
\* <<t1, v1>>. s1 leads term 3 with s3's vote, commits <<t1, v1, t3>> on
\* {s1, s3}; its probes to s2 are rejected, and a second, stale rejection
\* backs nextIndex off to 1, so s2 receives prevLogIndex 0 with entry t1
\* and commit index 3 while its index 2 still holds t2. (Deep: too large for
\* CI so far; see mutations/pending/README.md.)
DivergentLeaders == <<s1, s2, s1>>
\* Whom each term's leader reaches in the divergent-follower script.
DivergentReach == <<{s2, s3}, {}, {s2, s3}>>
\* No lease needs to end early in the divergent-follower script.
DivergentMayTimeOut == {}

\* The up-to-date check's second half (Raft 5.4.1: same last term, then the
\* longer log wins). s1 leads term 1 and reaches s2 and s3: its empty entry
\* and its client value v1 may reach either, so v1 can commit on {s1, s3}
\* while s2 holds only the empty entry. s2 campaigns for term 2. No other
\* timer fires: s1 leaves its own lease by CheckQuorum (a check that heard
\* from no one), and then answers s2. s2's log has the same last term as
\* s1's and is shorter: s1 must refuse, or s2 leads term 2 without the
\* committed v1. Term 2's leader reaches no one (what it would send cannot
\* matter: the check that matters is the vote).
UpToDateLeaders == <<s1, s2>>
\* Whom each term's leader reaches in the up-to-date script.
UpToDateReach == <<{s2, s3}, {}>>
\* No timer but the campaigners: s1 leaves its own lease by CheckQuorum.
UpToDateMayTimeOut == {}

\* One leader, reordering inside a link: s1 leads term 1 and replicates to
\* s2 only (s3 votes); the model drops OneMessagePerLink, so a link holds
\* several appends (or copies of one) and an old, shorter append can arrive
\* after a longer one. The case for AppendEntries' "truncate only on a conflict" rule.
ReorderLeaders == <<s1>>
\* Whom the leader reaches in the reordering script.
ReorderReach == <<{s2}>>
\* No lease needs to end early in the reordering script.
ReorderMayTimeOut == {}
=============================================================================
