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
\* CI; DivergentShape below cuts it to CI size.)
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
\* A rejecting follower whose log is at least as long as the leader's entry
\* of its own term: the case for "a rejection moves nextIndex, never
\* matchIndex" (etcd Progress.MaybeDecrTo). s1 leads term 1 and reaches no
\* one: its log becomes <<t1, v1>> (a client value). s2 leads term 2 with s3's
\* vote and reaches s3 only: s3 holds <<t2>>. s3 leads term 3 with s1's vote
\* (s1 steps down by CheckQuorum, leaving its own lease) and reaches s1 only:
\* its first probe (prevLogIndex 1, term 2) is rejected by s1, whose hint (its
\* last index, 2) covers s3's term-3 entry at index 2, which s1 lacks.
HintLeaders == <<s1, s2, s3>>
\* Whom each term's leader reaches in the rejection-hint script.
HintReach == <<{}, {s3}, {s1}>>
\* No lease needs to end early in the rejection-hint script (s1 leaves its
\* own by CheckQuorum, the campaigners by their own timers).
HintMayTimeOut == {}

\* The rejection-hint script's shape: heartbeats in term 3 only (the rejection
\* comes from an append; s3's heartbeats reach s1, whose index 1 holds t1 while
\* s3, elected with commit index 1, holds t2 there: a heartbeat must carry only
\* what s1 acknowledged, min(match, commit), never an unacknowledged nextIndex)
\* and the client value only in term 1 (s1's <<t1, v1>>). A script bound: it
\* only removes behaviours.
HintShape ==
    /\ \A m \in DOMAIN messages : m.mtype = HeartbeatRequest => m.mterm = 3
    /\ \A i \in Server : \A k \in 1..Len(log[i]) :
          log[i][k].value # Nil => log[i][k].term = 1

\* WITNESS: violated once a leader holds (in flight to it) a rejection of its
\* term whose hint (the follower's last index) names an entry of the leader's
\* own term: the state in which taking the hint as a match index would count
\* an entry the follower does not hold.
NoRejectionHintOverOwnTermEntry ==
    \A m \in DOMAIN messages :
        (/\ m.mtype = AppendEntriesResponse /\ ~m.msuccess
         /\ state[m.mdest] = Leader /\ m.mterm = currentTerm[m.mdest])
            => ~(/\ 1 <= m.mmatchIndex /\ m.mmatchIndex <= Len(log[m.mdest])
                 /\ log[m.mdest][m.mmatchIndex].term = currentTerm[m.mdest])

\* A stale heartbeat answer beside a pending read: the case for "a heartbeat
\* answer acknowledges only the read whose context it echoes". s1 leads term 1
\* and reaches s2 and s3 (both hold its empty entry, which commits); s3
\* answers a heartbeat sent before any read, then its timer fires (it leaves
\* s1's lease, so it can vote) while that answer is still in flight. s2 leads
\* term 2 with s3's vote and reaches s3 only, so it commits its entry while
\* s1 still leads term 1 and accepts a read; the old answer then reaches s1.
\* Three messages in flight: the answer and a pre-vote broadcast.
StaleAckLeaders == <<s1, s2>>
\* Whom each term's leader reaches in the stale-answer script.
StaleAckReach == <<{s2, s3}, {s3}>>
\* s3's timer may fire: it ends s1's lease on s3, so s3 can vote for s2.
StaleAckMayTimeOut == {s3}

\* The stale-answer script's message bound (instead of OneMessagePerLink): at
\* most one message per link, except that a heartbeat answer may share its
\* link with a pre-vote request (s3's answer to s1 and s3's pre-vote broadcast);
\* heartbeat answers aside, at most two messages in flight. A script bound: it
\* only removes behaviours.
AnswerBesidePreVote ==
    /\ \A m1, m2 \in DOMAIN messages \cup DOMAIN pendingMessages :
          (m1.msource = m2.msource /\ m1.mdest = m2.mdest /\ m1 # m2)
              => {m1.mtype, m2.mtype} = {HeartbeatResponse, PreVoteRequest}
    /\ InFlight - SumCounts(messages, {m \in DOMAIN messages : m.mtype = HeartbeatResponse}) <= 2

\* The stale-answer script's shape: term 1's entries go to s2 only and its
\* heartbeats to s3 only (s3's log stays empty, so it can vote for s2, who
\* holds s1's entry); term 2's leader replicates by appends alone; s1, once
\* elected, stays leader (the stale leader the read needs), only s1 accepts
\* reads, and s3's timer fires only in term 1. A script bound: it only
\* removes behaviours.
StaleAckShape ==
    /\ \A m \in DOMAIN messages :
          /\ (m.mtype = AppendEntriesRequest /\ m.mterm = 1) => m.mdest = s2
          /\ m.mtype = HeartbeatRequest => (m.mterm = 1 /\ m.mdest = s3)
    /\ Len(log[s1]) > 0 => state[s1] = Leader
    /\ state[s3] = PreCandidate => currentTerm[s3] = 1
    /\ pendingReads[s2] = {}

\* WITNESS: violated once a leader has a pending read and an answer of its
\* term is in flight to it that echoes another context (sent before the
\* read), while an entry newer than the read's index is already committed:
\* the state in which counting that answer for the read serves a stale read.
NoStaleAnswerBesideRead ==
    \A m \in DOMAIN messages :
        (/\ m.mtype = HeartbeatResponse
         /\ state[m.mdest] = Leader /\ m.mterm = currentTerm[m.mdest])
            => \A p \in pendingReads[m.mdest] :
                   ~(p.id # m.mcontext /\ readHistory[p.id].mustSee > p.index)
\* A leader again, with an answer to its earlier leadership in flight: the
\* case for term fencing of answers (Raft 5.1, StaleMessagesAreInert) and
\* for pre-votes counted only for the term they were granted for. s1 leads
\* term 1 and reaches s2 only (appends and heartbeats); s2's answer may still
\* be in flight when s1 steps down by CheckQuorum (it has not counted the
\* answer), and s1 leads term 2 with one vote (s2, in s1's lease, ignores
\* the campaign; s3 never heard of term 1). The term-1 answer then reaches
\* the term-2 leader, a term-1 vote the term-2 candidate, a pre-vote granted
\* for term 1 the term-2 pre-candidate; none may count.
StaleResponseLeaders == <<s1, s1>>
\* Whom each term's leader reaches in the stale-response script (term 2's
\* sends cannot matter: the check is how the old answer is taken).
StaleResponseReach == <<{s2}, {}>>
\* No timer but the campaigner's: s1 leaves its leadership by CheckQuorum.
StaleResponseMayTimeOut == {}

\* A rejection that arrives after a success: s1 leads term 1 and reaches no one
\* (its log <<t1>>), steps down by CheckQuorum and leads term 2 with a vote of
\* s2 or s3, its log <<t1, t2>> and nextIndex 2 for both. It reaches s2 only,
\* whose log is empty: its probe (prevLogIndex 1) is rejected, and with two
\* copies of the probe in flight (one request per link, copies counted) the
\* second rejection can reach s1 after s2 acknowledged the entries that the
\* first rejection led to. A late rejection moves nothing back: not the match
\* index (MatchNeverGoesBack), not nextIndex past what it says.
LateRejectLeaders == <<s1, s1>>
\* Whom each term's leader reaches in the late-rejection script.
LateRejectReach == <<{}, {s2}>>
\* No timer but the campaigner's: s1 leaves its leadership by CheckQuorum.
LateRejectMayTimeOut == {}

\* The late-rejection script's shape: no heartbeats (the rejection answers an
\* append), and term 1 is over (nothing of it in flight) once term 2 begins.
\* A script bound: it only removes behaviours.
LateRejectShape ==
    /\ \A m \in DOMAIN messages : m.mtype # HeartbeatRequest
    /\ (\E i \in Server : currentTerm[i] = 2) => \A m \in DOMAIN messages : m.mterm # 1

\* A conflicting suffix under the persist/send split, with a higher term
\* arriving at a leader or candidate: s1 leads term 1 and reaches no one (its
\* log <<t1>>); s2 leads term 2 with s3's vote and reaches s1 only, whose
\* entry 1 (term 1) conflicts with s2's (term 2). s1 truncates and appends,
\* and must persist the truncated log before its acknowledgement goes out.
\* s1 may still lead term 1, or still campaign for it, when term 2's append
\* or heartbeat arrives.
ConflictLeaders == <<s1, s2>>
\* Whom each term's leader reaches in the persisted-conflict script.
ConflictReach == <<{}, {s1}>>
\* No timer but the campaigners'.
ConflictMayTimeOut == {}
\* The persisted-conflict script's crashes: only s3, the voter, restarts (an
\* ACTION_CONSTRAINT), so a vote of term 1 on its disk may meet a term 2 held
\* only in its memory. A script bound: it only removes behaviours.
ConflictRestarts == \A i \in {s1, s2} : ~Restart(i)

\* The stale-response script's message bound (instead of OneMessagePerLink):
\* at most one request per link; answers may share a link (an old answer
\* beside a new one), within MaxInFlight. A script bound: it only removes
\* behaviours.
OneRequestPerLink ==
    \A m1, m2 \in DOMAIN messages \cup DOMAIN pendingMessages :
        (/\ m1.msource = m2.msource /\ m1.mdest = m2.mdest /\ m1 # m2
         /\ m1.mtype \notin {AppendEntriesResponse, HeartbeatResponse,
                              PreVoteResponse, RequestVoteResponse})
            => m2.mtype \in {AppendEntriesResponse, HeartbeatResponse,
                             PreVoteResponse, RequestVoteResponse}

\* The divergent-follower script's shape, for a CI-sized model of it: no
\* heartbeats (the follower must learn the commit index from an append);
\* term 1's appends carry only s1's first entry and go to s2 only (s3's log
\* stays empty, so it votes for s2 in term 2 and for s1 in term 3 without
\* leases); the client value is proposed in term 1 only. A script bound: it
\* only removes behaviours.
DivergentShape ==
    /\ \A m \in DOMAIN messages :
          /\ m.mtype # HeartbeatRequest
          /\ (m.mtype = AppendEntriesRequest /\ m.mterm = 1)
                 => (m.mdest = s2 /\ m.mprevLogIndex = 0)
    /\ \A i \in Server : \A k \in 1..Len(log[i]) :
          log[i][k].value # Nil => log[i][k].term = 1

\* The up-to-date tie: s1 leads term 1 and may reach s2 and s3 unevenly;
\* s3 campaigns for term 2 and reaches s1 and s2. A voter whose log is longer
\* than the candidate's with the same last term must refuse, whatever its
\* commit index says (Raft section 5.4.1): s2 may hold s1's committed entry 2
\* before it learns that it is committed, and s3 must not lead without it.
TieLeaders == <<s1, s3>>
\* Whom each term's leader reaches in the tie script.
TieReach == <<{s2, s3}, {s1, s2}>>
\* s2's timer may fire: it ends s1's lease on s2, so s2 can vote for s3.
TieMayTimeOut == {s2}

\* The tie script's shape, for a CI-sized model: no heartbeats (appends carry
\* the commit index too), entries only from term 1, the value proposed in
\* term 1 only, s3 campaigns only once s1 committed both its entries, and
\* term 1 is quiet (no term-1 message left) once term 2 begins.
TieShape ==
    /\ \A m \in DOMAIN messages :
          /\ m.mtype # HeartbeatRequest
          /\ m.mtype = AppendEntriesRequest => m.mterm = 1
    /\ \A i \in Server : \A k \in 1..Len(log[i]) :
          log[i][k].value # Nil => log[i][k].term = 1
    /\ state[s3] # Follower => commitIndex[s1] = 2
    /\ (\E i \in Server : currentTerm[i] = 2) => \A m \in DOMAIN messages : m.mterm # 1

\* WITNESS: violated once an append is in flight to a follower of its term
\* that matches the follower's log, leaves entries past the ones it verifies,
\* and carries a commit index past them: the state in which committing
\* within the whole log, not only up to the last verified entry, differs.
NoAppendVerifyingOnlyPrefix ==
    \A m \in DOMAIN messages :
        (/\ m.mtype = AppendEntriesRequest
         /\ m.mterm = currentTerm[m.mdest] /\ state[m.mdest] # Leader
         /\ PrevLogMatches(m.mdest, m))
            => LET lastNew == m.mprevLogIndex + Len(m.mentries) IN
               ~(Min(m.mcommitIndex, Len(LogAfterAppend(m.mdest, m))) > lastNew
                 /\ m.mcommitIndex > lastNew)
\* Rival candidates in one term, the CI-sized form of MCEtcdRaftFaultsCampaigners:
\* s1 and s2 may campaign (both for term 1, so they split its votes and a
\* candidate may be asked for its vote by its rival), s3 only votes. With
\* loss and duplication, and restarts of the voter only (RivalsRestarts), s3
\* can restart between two vote requests or after acknowledging an entry. A
\* script bound: it only removes behaviours.
Rivals == {s1, s2}
\* Only the rivals leave the Follower state.
RivalsShape == \A i \in Server : state[i] # Follower => i \in Rivals
\* s1 and s2 are interchangeable in the rivals script (RivalsShape and the
\* view commute with swapping them).
RivalsSymmetry == Permutations(Rivals)
\* ACTION_CONSTRAINT: only the voter restarts (a rival's restart keeps its
\* term and vote, and a candidate's restart only ends its campaign; the
\* catalogue's restart bugs need a voter or a follower to restart).
RivalsRestarts == \A i \in Rivals : ~Restart(i)
\* The reads script's shape, for a CI-sized model of it. A read is requested
\* only once the leader of term 2 has been elected (some log holds its
\* empty entry): a read requested earlier must see only what was committed
\* then, all of it committed by s1, the only leader so far, and known to it,
\* so it cannot be stale; it only multiplies the interleavings of term 2's
\* election. Heartbeats carry a read (a pending read's context): a heartbeat
\* without one only renews a lease and the commit index, which appends do
\* too. Reads by the stale leader s1 beside s2, by s2 before and after its
\* own commit, and heartbeats carrying a leader's commit index all stay. A
\* script bound: it only removes behaviours.
ReadsShape ==
    /\ \A r \in ReadId :
          readHistory[r].phase # "idle" => \E i \in Server : LastTerm(log[i]) = 2
    /\ \A m \in DOMAIN messages : m.mtype = HeartbeatRequest => m.mcontext # Nil
\* A new leader whose commit index is behind its predecessor's, both past 0:
\* the case for "a leader serves reads only once it committed an entry of its
\* own term" (etcd committedEntryInCurrentTerm), where an older commit index
\* is not 0. s1 leads term 1 and reaches s2 and s3: its empty entry and its
\* client value v1 reach both, both commit on a quorum, but s2 may learn only
\* the first commit. s2 leads term 2 with s3's vote (s3's timer ends s1's
\* lease) and reaches s1 and s3; a read it accepts before its own entry
\* commits would be served at index 1 while v1 at index 2 is committed.
BehindLeaders == <<s1, s2>>
\* Whom each term's leader reaches in the reads-behind script.
BehindReach == <<{s2}, {s3}>>
\* s3's timer may fire: it ends s1's lease on s3, so s3 can vote for s2.
BehindMayTimeOut == {}

\* The reads-behind script's shape, for a CI-sized model: term 1 sends
\* appends only (a heartbeat adds nothing an append does not), the client
\* value is proposed in term 1 only and once (s1's log is <<t1, v1>>), only
\* s2 accepts the read, once it leads term 2, and term 2's heartbeats carry
\* the read; s2 campaigns only after s1 committed both entries, with no
\* message of term 1 left in flight (term 1 is over by then). A script
\* bound: it only removes behaviours.
BehindShape ==
    /\ \A m \in DOMAIN messages :
          /\ (m.mtype = HeartbeatRequest) => (m.mterm = 2 /\ m.mcontext # Nil)
    /\ \A i \in Server : \A k \in 1..Len(log[i]) :
          log[i][k].value # Nil => log[i][k].term = 1
    /\ pendingReads[s1] = {}
    /\ \A r \in ReadId : readHistory[r].phase # "idle" => LastTerm(log[s2]) = 2
    /\ Len(log[s1]) <= 2
    /\ state[s2] # Follower => commitIndex[s1] = 2
    /\ (state[s2] # Follower \/ currentTerm[s2] = 2) => \A m \in DOMAIN messages : m.mterm # 1
\* Five members, the quorum three: a rule that counts "me and one more" as a
\* quorum equals the majority with three members, so only a five-member model
\* tells them apart. s3, s4 and s5 never change their term, role, vote or log
\* (whatever would change it is lost or still in flight: a script bound, it
\* only removes behaviours); they may grant pre-votes, which changes none of
\* it. Only s1 campaigns: it can gather a quorum of pre-votes but only s2's
\* vote, so it must never lead (MinorityNeverLeads).
Minority == {s1, s2}
MinorityShape == \A i \in Server : state[i] # Follower => i = s1
MinorityFrozen ==
    \A i \in Server \ Minority :
        /\ currentTerm'[i] = currentTerm[i] /\ state'[i] = state[i]
        /\ votedFor'[i] = votedFor[i] /\ log'[i] = log[i]
MinorityNeverLeads == \A i \in Server : state[i] # Leader
MinoritySymmetry == Permutations(Server \ Minority)

\* Five members again, now with a leader whose entries reach one follower:
\* s4 and s5 as in Minority; s3 may vote but its log and commit index never
\* change (appends to it are lost or still in flight). Only s1 campaigns; it
\* can win with s2 and s3, but its entries are held by two of five, so it never
\* commits (CommittedIsDurable), and CheckQuorum deposes it when only s2
\* answered (CheckQuorumStepsDown). A script bound: it only removes behaviours.
PairReachFrozen ==
    /\ \A i \in Server \ {s1, s2, s3} :
        /\ currentTerm'[i] = currentTerm[i] /\ state'[i] = state[i]
        /\ votedFor'[i] = votedFor[i] /\ log'[i] = log[i]
    /\ log'[s3] = log[s3] /\ commitIndex'[s3] = commitIndex[s3]
PairReachSymmetry == Permutations(Server \ {s1, s2, s3})

\* Five members and a read one acknowledgement short of a quorum: where a
\* ReadIndex count of "me and one more" differs from the majority. s1 leads
\* term 1 (all four vote for it) and commits its empty entry on {s1, s2, s3};
\* its appends and heartbeats reach s2 and s3 only. s3 leads term 2 with the
\* votes of s4 and s5 (s1 and s2 are in s1's lease and ignore it), reaches
\* them only, and commits its entry at index 2 on {s3, s4, s5}. s1 still
\* leads term 1 and accepts a read at its commit index 1: s2, still in term
\* 1, acknowledges it; s3 no longer can; s4 and s5 never hear from s1. Two of
\* five is no quorum, so the read must not complete (ReadIndexLinearizable);
\* a read s1 accepts before s3's campaign completes with s2 and s3.
FiveReadsLeaders == <<s1, s3>>
\* Whom each term's leader reaches in the five-member reads script.
FiveReadsReach == <<{s2, s3}, Server \ {s1, s2, s3}>>
\* No timer but the campaigners'.
FiveReadsMayTimeOut == {}

\* s3's term-2 campaign is under way: it left the Follower state and has not
\* committed its entry yet. Term 1 pauses meanwhile.
FiveReadsTermTwoRuns == state[s3] # Follower /\ commitIndex[s3] < 2

\* The five-member reads script's shape, in three phases. (1) Term 1: s1 is
\* elected, replicates its entry (appends carry an entry and are sent only
\* until s1 commits: no follower needs the commit index) and may accept the
\* read, which its heartbeats carry (a heartbeat carries a read). (2) Term
\* 2 runs only once s1 has committed, with no read pending and nothing of
\* term 1 in flight, and nothing of term 1 is sent until it is over. (3)
\* Once s3 has committed, nothing of term 2 is in flight and term 1 goes on
\* between s1 and s2 alone. Throughout, s1 once elected stays leader (the
\* stale leader the read needs), only s1 accepts reads, and s2 stays in
\* term 1. A script bound: it only removes behaviours.
FiveReadsShape ==
    /\ Len(log[s1]) > 0 => state[s1] = Leader
    /\ pendingReads[s3] = {}
    /\ currentTerm[s2] <= 1
    /\ \A m \in DOMAIN messages :
          /\ m.mtype = HeartbeatRequest => m.mcontext # Nil
          /\ m.mtype = AppendEntriesRequest => m.mentries # <<>>
          /\ (m.mtype = AppendEntriesRequest /\ m.mterm = 1) => commitIndex[s1] = 0
    /\ FiveReadsTermTwoRuns =>
          /\ commitIndex[s1] = 1 /\ pendingReads[s1] = {}
          /\ \A m \in DOMAIN messages : m.mterm # 1
    /\ commitIndex[s3] = 2 =>
          \A m \in DOMAIN messages : m.mterm = 1 /\ s2 \in {m.msource, m.mdest}

\* The five-member reads script's campaigns, one step at a time: a member
\* becomes Candidate only once every pre-vote message has been answered and
\* counted, and Leader only once every vote message of its term has (the
\* answers of four members otherwise interleave with the whole next step).
\* A script bound: it only removes behaviours.
FiveReadsCampaignSteps ==
    /\ (\E i \in Server : state[i] = Candidate) =>
          \A m \in DOMAIN messages : m.mtype \notin {PreVoteRequest, PreVoteResponse}
    /\ \A i \in Server : state[i] = Leader =>
          \A m \in DOMAIN messages :
              m.mterm = currentTerm[i] => m.mtype \notin {RequestVoteRequest, RequestVoteResponse}

\* A message bound for the five-member reads script (with OneMessagePerLink):
\* at most one message between two members, either way, so a leader sends
\* again only after the answer arrived. A script bound: it only removes
\* behaviours.
OneMessagePerPair ==
    \A m1, m2 \in DOMAIN messages :
        {m1.msource, m1.mdest} = {m2.msource, m2.mdest} => m1 = m2

\* ACTION_CONSTRAINT: no CheckQuorum in the five-member reads script (s1
\* stays leader, and a check that keeps it only resets its activity record,
\* which multiplies the states; MCEtcdRaftPairReach checks CheckQuorum with
\* five members).
FiveReadsNoCheckQuorum == \A i \in Server : ~CheckQuorum(i)

\* s4 and s5 are interchangeable in the five-member reads script.
FiveReadsSymmetry == Permutations(Server \ {s1, s2, s3})

\* WITNESS: violated once a leader holds a pending read that a member has
\* acknowledged while an entry newer than the read's index is committed:
\* the state in which counting that acknowledgement and the leader's own as
\* a quorum serves a stale read.
NoAckedReadBehindCommit ==
    \A i \in Server : state[i] = Leader =>
        \A p \in pendingReads[i] :
            ~(p.acks # {} /\ readHistory[p.id].mustSee > p.index)

=============================================================================
