--------------------------- MODULE LeaseElection ---------------------------
(***************************************************************************)
(* Leader election of the controller manager over a Lease object kept in  *)
(* the store, as Kubernetes client-go's leaderelection package does it     *)
(* (tools/leaderelection/leaderelection.go, tryAcquireOrRenew and renew).  *)
(*                                                                         *)
(* The Lease holds holderIdentity, renewTime, leaseDurationSeconds and     *)
(* leaseTransitions; the store gives it a revision (resourceVersion) that  *)
(* changes on every update.  A candidate GETs the Lease, decides with its  *)
(* OWN clock whether the holder's lease has expired (client-go never       *)
(* compares timestamps across machines: it measures how long the record    *)
(* has stayed unchanged since it last saw it change), and UPDATEs it by    *)
(* compare-and-swap on the revision it read.  A leader renews the same     *)
(* way; if it cannot renew within RenewDeadline it stops leading (the      *)
(* controller manager then exits and restarts as a fresh candidate).       *)
(*                                                                         *)
(* While it believes it leads, a leader acts on the world: it writes to a  *)
(* resource (pods).  A write is decided in one step and lands at the store *)
(* in a later one; between them the process may pause for any time (GC,    *)
(* CPU starvation, a slow network).  Clocks drift within MaxDrift.         *)
(*                                                                         *)
(* Fencing = FALSE is client-go's documented behaviour: the store accepts  *)
(* every write.  TLC finds a behaviour where a deposed leader's write      *)
(* lands after its successor's (AtMostOneEffectiveLeader is violated).     *)
(* Fencing = TRUE: every write carries the leaseTransitions value under    *)
(* which its writer acquired the lease, and the store, atomically with the *)
(* write, rejects it unless the Lease still has that value (an etcd Txn    *)
(* comparing the Lease before the Put).  Then the invariant holds.         *)
(*                                                                         *)
(* The Java election names its methods after these actions (STYLE 7) and  *)
(* TraceLeaseElection.tla validates its traces.                           *)
(***************************************************************************)
EXTENDS Naturals, Sequences, FiniteSets

CONSTANTS
    \* The candidate processes (controller-manager replicas).
    Candidates,
    \* leaseDurationSeconds written into the Lease (client-go default 15 s, scaled down).
    LeaseDuration,
    \* How long a leader keeps trying to renew before it gives up (default 10 s).
    RenewDeadline,
    \* Time between two attempts of one candidate (default 2 s).
    RetryPeriod,
    \* Largest difference between any two local clocks (they start together).
    MaxDrift,
    \* Bound on every local clock, so the model is finite.
    MaxTime,
    \* Bound on the writes leaders may start, so the model is finite.
    MaxWrites,
    \* Whether an UPDATE's answer may be lost (UpdateUnanswered): TRUE in trace
    \* validation (real runs time out), FALSE in the CI models (it multiplies
    \* their states by about 19; MCLeaseElectionFencedLost checks it).
    LostAnswers,
    \* TRUE: the store rejects writes stamped with a stale leaseTransitions.
    Fencing,
    \* A value that is not a candidate: the empty holderIdentity.
    Nobody

ASSUME /\ Nobody \notin Candidates
       /\ LeaseDuration \in Nat \ {0}
       /\ RenewDeadline \in Nat \ {0}
       /\ RetryPeriod \in Nat \ {0}
       \* client-go refuses configurations that break these two orderings.
       /\ RenewDeadline < LeaseDuration
       /\ RetryPeriod < RenewDeadline
       \* With MaxDrift = 0 no clock could ever move first.
       /\ MaxDrift \in Nat \ {0}
       /\ MaxTime \in Nat
       /\ MaxWrites \in Nat
       /\ Fencing \in BOOLEAN
       /\ LostAnswers \in BOOLEAN

VARIABLES
    \* clock[c]: candidate c's local clock, in ticks (scaled seconds).
    clock,
    \* lease: the Lease object in the store; rev is its resourceVersion.
    lease,
    \* observed[c]: the Lease record (with its revision) c read last, or NoRecord.
    observed,
    \* observedTime[c]: c's clock when it last saw the record change (client-go observedTime).
    observedTime,
    \* nextTry[c]: the earliest clock value at which c may GET again (RetryPeriod spacing).
    nextTry,
    \* intent[c]: what c decided after its GET and will send as an UPDATE: "none", "acquire", "renew".
    intent,
    \* leading[c]: c believes it leads (OnStartedLeading ran, OnStoppedLeading has not).
    leading,
    \* term[c]: leaseTransitions of the Lease c acquired; the fencing token of its writes.
    term,
    \* lastRenew[c]: c's clock at its last successful acquire or renew.
    lastRenew,
    \* inflight: writes decided by a leader that have not reached the store yet.
    inflight,
    \* podWrites: the writes the store accepted, in order (the resource's history).
    podWrites,
    \* rejected: how many stale writes the store refused (only ever > 0 with Fencing).
    rejected,
    \* started: how many writes leaders have started, bounded by MaxWrites.
    started,
    \* leaseInflight: the unanswered Lease write that may still land (at most one, see
    \* UpdateUnanswered), as the record it would make; {} when none can.
    leaseInflight

\* All variables, for stuttering steps.
vars == <<clock, lease, observed, observedTime, nextTry, intent, leading, term,
          lastRenew, inflight, podWrites, rejected, started, leaseInflight>>

\* Every clock value the model can reach.
Time == 0..MaxTime

\* A Lease record as client-go's LeaderElectionRecord plus the store's revision.
(* SHORTCUT: acquireTime is left out; nothing in the election reads it. *)
LeaseRecords == [holder: Candidates \cup {Nobody}, renewTime: Time,
                 duration: {LeaseDuration}, transitions: Nat, rev: Nat]

\* What a fresh process has observed: nothing yet.
NoRecord == [holder |-> Nobody, renewTime |-> 0, duration |-> LeaseDuration,
             transitions |-> 0, rev |-> 0]

\* A write to the pod resource, stamped with its writer and the writer's term,
\* and numbered (n) so that one leader may have several writes in flight under
\* one term (a write whose answer timed out may still travel when the next is sent).
Writes == [writer: Candidates, term: Nat, n: 1..MaxWrites]

-----------------------------------------------------------------------------
(* Type invariants, one per variable so TLC names the one that breaks.    *)

\* Local clocks stay within the model's time bound.
TypeOKClock == clock \in [Candidates -> Time]
\* The Lease is always a well-formed record.
TypeOKLease == lease \in LeaseRecords
\* Each candidate's last observation is a well-formed record.
TypeOKObserved == observed \in [Candidates -> LeaseRecords]
\* Observation times are clock values.
TypeOKObservedTime == observedTime \in [Candidates -> Time]
\* Attempt times are clock values, at most one RetryPeriod past the time bound.
TypeOKNextTry == nextTry \in [Candidates -> 0..(MaxTime + RetryPeriod)]
\* The pending UPDATE of each candidate is one of three kinds.
TypeOKIntent == intent \in [Candidates -> {"none", "acquire", "renew"}]
\* Belief in leadership is a boolean per candidate.
TypeOKLeading == leading \in [Candidates -> BOOLEAN]
\* Terms are transition counts.
TypeOKTerm == term \in [Candidates -> Nat]
\* Renew times are clock values.
TypeOKLastRenew == lastRenew \in [Candidates -> Time]
\* In-flight writes are stamped writes, at most MaxWrites of them.
TypeOKInflight == inflight \subseteq Writes /\ Cardinality(inflight) <= MaxWrites
\* The resource's history is a sequence of stamped writes.
TypeOKPodWrites == podWrites \in Seq(Writes) /\ Len(podWrites) <= MaxWrites
\* Rejections are counted.
TypeOKRejected == rejected \in 0..MaxWrites
\* Started writes are counted up to the bound.
TypeOKStarted == started \in 0..MaxWrites
\* At most one Lease write in flight, and only one whose compare-and-swap can still
\* succeed: it read the Lease's current revision (so it would make the next one).
TypeOKLeaseInflight ==
    /\ leaseInflight \subseteq LeaseRecords
    /\ Cardinality(leaseInflight) <= 1
    /\ \A r \in leaseInflight : r.rev = lease.rev + 1

-----------------------------------------------------------------------------
(* Initial state: the Lease does not name a holder yet; nobody leads.     *)
(* SHORTCUT: the Lease exists from the start with an empty holder; the    *)
(* Create branch of tryAcquireOrRenew behaves like an UPDATE of that      *)
(* empty record (both fail if someone else got there first).              *)

\* All clocks start at 0; the Lease is empty at revision 1.
Init ==
    /\ clock = [c \in Candidates |-> 0]
    /\ lease = [NoRecord EXCEPT !.rev = 1]
    /\ observed = [c \in Candidates |-> NoRecord]
    /\ observedTime = [c \in Candidates |-> 0]
    /\ nextTry = [c \in Candidates |-> 0]
    /\ intent = [c \in Candidates |-> "none"]
    /\ leading = [c \in Candidates |-> FALSE]
    /\ term = [c \in Candidates |-> 0]
    /\ lastRenew = [c \in Candidates |-> 0]
    /\ inflight = {}
    /\ podWrites = <<>>
    /\ rejected = 0
    /\ started = 0
    /\ leaseInflight = {}

-----------------------------------------------------------------------------
(* Time.                                                                  *)

\* Candidate c's clock advances one tick, unless that would put it more than
\* MaxDrift ahead of another clock.  Clocks advance whether or not their process
\* runs: a paused process simply takes no other steps meanwhile.
(* SHORTCUT: there is no global real time; drift is bounded between clocks *)
(* (which all start at 0), which is what client-go's margin LeaseDuration - *)
(* RenewDeadline is meant to absorb. *)
Tick(c) ==
    /\ clock[c] < MaxTime
    /\ \A d \in Candidates : clock[c] + 1 - clock[d] <= MaxDrift
    /\ clock' = [clock EXCEPT ![c] = clock[c] + 1]
    /\ UNCHANGED <<lease, observed, observedTime, nextTry, intent, leading, term,
                   lastRenew, inflight, podWrites, rejected, started, leaseInflight>>

-----------------------------------------------------------------------------
(* Election: client-go's tryAcquireOrRenew, split at its two API calls.   *)

\* c's last observation names c as holder (client-go IsLeader).
HoldsPerObservation(c) == observed[c].holder = c

\* The record without its revision: what client-go compares as the raw record.
Content(r) == [holder |-> r.holder, renewTime |-> r.renewTime,
               duration |-> r.duration, transitions |-> r.transitions]

\* GET of the Lease and the decision that follows it (steps 1 and 2 of
\* tryAcquireOrRenew).  observedTime moves only when the record's content
\* changed.  c then intends to renew (it holds the lease), to acquire (the
\* holder's lease expired by c's clock), or nothing.
(* SHORTCUT: attempts are spaced by at least RetryPeriod on c's clock but may *)
(* come later; a leader's renew loop and a follower's acquire loop are the same *)
(* function in client-go, so one action serves both. *)
(* SHORTCUT: a restarted candidate keeps its identity, so if the Lease still *)
(* names it, it renews at once under the same term (client-go does exactly this *)
(* for a fixed identity; kube-controller-manager adds a random suffix, which *)
(* would make it wait for expiry and take a new term; both are safe). *)
\* Java: io.plumbline.controller.LeaseElection.decide (trace event "Get").
Get(c) ==
    /\ intent[c] = "none"
    /\ clock[c] >= nextTry[c]
    /\ LET changed == Content(lease) # Content(observed[c])
           seenAt  == IF changed THEN clock[c] ELSE observedTime[c]
           valid   == lease.holder # Nobody /\ clock[c] < seenAt + lease.duration
       IN /\ observed' = [observed EXCEPT ![c] = lease]
          /\ observedTime' = [observedTime EXCEPT ![c] = seenAt]
          /\ intent' = [intent EXCEPT ![c] =
                          IF lease.holder = c THEN "renew"
                          ELSE IF valid THEN "none" ELSE "acquire"]
    /\ nextTry' = [nextTry EXCEPT ![c] = clock[c] + RetryPeriod]
    /\ UNCHANGED <<clock, lease, leading, term, lastRenew, inflight, podWrites,
                   rejected, started, leaseInflight>>

\* The record c writes: itself as holder, renewed now by its own clock.
\* leaseTransitions grows by one unless c already held the lease (step 3).
NewRecord(c) ==
    [holder |-> c, renewTime |-> clock[c], duration |-> LeaseDuration,
     transitions |-> IF HoldsPerObservation(c) THEN observed[c].transitions
                     ELSE observed[c].transitions + 1,
     rev |-> lease.rev + 1]

\* UPDATE of the Lease by compare-and-swap on the revision c read.  On success
\* c's observation becomes its own record and c leads (OnStartedLeading on an
\* acquire).  client-go: tryAcquireOrRenew, Lock.Update.
\* Java: LeaseElection.written (trace event "UpdateSucceeds").
UpdateSucceeds(c) ==
    /\ intent[c] # "none"
    /\ observed[c].rev = lease.rev
    /\ lease' = NewRecord(c)
    /\ observed' = [observed EXCEPT ![c] = NewRecord(c)]
    /\ observedTime' = [observedTime EXCEPT ![c] = clock[c]]
    /\ leading' = [leading EXCEPT ![c] = TRUE]
    /\ term' = [term EXCEPT ![c] = NewRecord(c).transitions]
    /\ lastRenew' = [lastRenew EXCEPT ![c] = clock[c]]
    /\ intent' = [intent EXCEPT ![c] = "none"]
    \* The Lease moved on: a write still in flight compares against a revision
    \* that is gone, so it can never land.
    /\ leaseInflight' = {}
    /\ UNCHANGED <<clock, nextTry, inflight, podWrites, rejected, started>>

\* UPDATE rejected with a conflict: someone changed the Lease since c read it.
\* c learns nothing new (client-go just returns false and retries later).
\* Java: LeaseElection.conflicted (trace event "UpdateConflicts").
UpdateConflicts(c) ==
    /\ intent[c] # "none"
    /\ observed[c].rev # lease.rev
    /\ intent' = [intent EXCEPT ![c] = "none"]
    /\ UNCHANGED <<clock, lease, observed, observedTime, nextTry, leading, term,
                   lastRenew, inflight, podWrites, rejected, started, leaseInflight>>

\* UPDATE whose answer never arrives (a request timeout): c learns nothing and
\* proceeds as after a conflict (client-go: Update returns an error), but the
\* write may still be travelling: it may land at any later step, as a
\* compare-and-swap on the revision c read (UnansweredLands), or never.  If it
\* lands, the Lease names c while c does not know: a leader keeps leading until
\* its renew deadline counted from its last known renew; a candidate finds its
\* own record at a later Get and renews it (a SHORTCUT above says why that is safe).
\* Real runs saw such a write land after the same candidate's next Get (which
\* still read the older record) and before its next Update (which then conflicted).
\* One slot is enough, without losing a behaviour: every write in flight that can
\* still land read the Lease's current revision, and at most one of those ever
\* lands (the first to land, or any other Lease write, moves the revision and
\* dooms the rest).  So c's write either becomes the one that may land
\* (replacing another, which then never lands) or never lands itself.
\* Java: LeaderElector.tryAcquireOrRenew on ApiClient.Unreachable, then
\* LeaseElection.unanswered (trace event "UpdateUnanswered").
UpdateUnanswered(c) ==
    /\ LostAnswers
    /\ intent[c] # "none"
    /\ \/ observed[c].rev = lease.rev /\ leaseInflight' = {NewRecord(c)}
       \/ UNCHANGED leaseInflight
    /\ intent' = [intent EXCEPT ![c] = "none"]
    /\ UNCHANGED <<clock, lease, observed, observedTime, nextTry, leading, term, lastRenew,
                   inflight, podWrites, rejected, started>>

\* The unanswered Lease write in flight reaches the store and its compare-and-swap
\* succeeds (the Lease is still at the revision it read).  No process sees this
\* step: its writer had its answer (a timeout) long before.
\* Java: none (the client never sees it); TraceMerge places it in a trace where the
\* store shows it happened: at the revision a Get found carrying its record.
UnansweredLands ==
    \E r \in leaseInflight :
        /\ r.rev = lease.rev + 1
        /\ lease' = r
        /\ leaseInflight' = {}
        /\ UNCHANGED <<clock, observed, observedTime, nextTry, intent, leading, term,
                       lastRenew, inflight, podWrites, rejected, started>>

\* A leader whose clock shows RenewDeadline passed since its last successful
\* renew stops leading; the controller manager exits and restarts as a fresh
\* candidate that has observed nothing.  A paused leader takes this step late,
\* or never: nothing forces it.
(* SHORTCUT: client-go waits up to RetryPeriod before its renew window of *)
(* RenewDeadline opens; stepping down earlier only shortens leaderships, and *)
(* the violation below needs no particular leadership length. *)
\* Java: LeaseElection.stepDown (trace event "StepDown").
StepDown(c) ==
    /\ leading[c]
    /\ clock[c] >= lastRenew[c] + RenewDeadline
    /\ leading' = [leading EXCEPT ![c] = FALSE]
    /\ observed' = [observed EXCEPT ![c] = NoRecord]
    /\ observedTime' = [observedTime EXCEPT ![c] = 0]
    /\ intent' = [intent EXCEPT ![c] = "none"]
    /\ term' = [term EXCEPT ![c] = 0]
    /\ UNCHANGED <<clock, lease, nextTry, lastRenew, inflight, podWrites,
                   rejected, started, leaseInflight>>

-----------------------------------------------------------------------------
(* The leader acts on the world.                                          *)

\* A leader decides to write to the pod resource and sends the write, stamped
\* with its term.  The write may reach the store much later (pause, network).
\* client-go: the controllers' work (OnStartedLeading); Java: LeaderElector.startWrite.
StartWrite(c) ==
    /\ leading[c]
    /\ started < MaxWrites
    /\ inflight' = inflight \cup {[writer |-> c, term |-> term[c], n |-> started + 1]}
    /\ started' = started + 1
    /\ UNCHANGED <<clock, lease, observed, observedTime, nextTry, intent, leading,
                   term, lastRenew, podWrites, rejected, leaseInflight>>

\* The store may accept write w: always without fencing; with fencing only
\* while the Lease still carries the transitions value w was stamped with.
Admissible(w) == ~Fencing \/ w.term = lease.transitions

\* Some in-flight write w reaches the store and lands (Java: LeaseFencing.Check.committed).
\* (The choice of w is inside the action so TLC names the step WriteLands.)
WriteLands ==
    \E w \in inflight :
        /\ Admissible(w)
        /\ inflight' = inflight \ {w}
        /\ podWrites' = Append(podWrites, w)
        /\ UNCHANGED <<clock, lease, observed, observedTime, nextTry, intent, leading,
                       term, lastRenew, rejected, started, leaseInflight>>

\* The store refuses an in-flight write as stale (fencing only; Java: LeaseFencing.Check.guards).
WriteRejected ==
    \E w \in inflight :
        /\ ~Admissible(w)
        /\ inflight' = inflight \ {w}
        /\ rejected' = rejected + 1
        /\ UNCHANGED <<clock, lease, observed, observedTime, nextTry, intent, leading,
                       term, lastRenew, podWrites, started, leaseInflight>>

-----------------------------------------------------------------------------

\* Every step some candidate, clock or in-flight (pod or Lease) write can take.
Next ==
    \/ \E c \in Candidates :
          \/ Tick(c) \/ Get(c) \/ UpdateSucceeds(c) \/ UpdateConflicts(c)
          \/ UpdateUnanswered(c) \/ StepDown(c) \/ StartWrite(c)
    \/ WriteLands
    \/ WriteRejected
    \/ UnansweredLands

\* No fairness: safety only, and processes may stop for ever (pauses).
Spec == Init /\ [][Next]_vars

-----------------------------------------------------------------------------
(* Safety.                                                                *)

\* The pod resource never sees a write from an older leadership after one from
\* a newer leadership: the writes of two leaders never interleave, so at any
\* moment at most one leader's writes take effect.
AtMostOneEffectiveLeader ==
    \A i, j \in 1..Len(podWrites) :
        i < j => podWrites[i].term <= podWrites[j].term

\* A leaseTransitions value belongs to one leadership: all accepted writes
\* stamped with one term come from one writer (CAS makes acquisitions unique).
OneWriterPerTerm ==
    \A i, j \in 1..Len(podWrites) :
        podWrites[i].term = podWrites[j].term => podWrites[i].writer = podWrites[j].writer

\* A candidate that believes it leads won the term it carries, and the Lease
\* has not gone back below it (leaseTransitions only grows).
LeaderTermIsReal == \A c \in Candidates : leading[c] => 1 <= term[c] /\ term[c] <= lease.transitions

\* The purpose of leaseTransitions as the fencing token: it names one
\* leadership, so the Lease never changes hands without it growing (client-go
\* adds one whenever the holder it read is not itself).  A candidate that still
\* believes it leads but lost the Lease meanwhile must take a new value when it
\* acquires again, or its writes and its predecessor's carry the same token.
TransitionsMarkHandovers ==
    [][lease'.holder # lease.holder => lease'.transitions > lease.transitions]_lease

\* The purpose of the timing rules: a leader whose own clock shows less than
\* RenewDeadline since its last successful renew still holds the lease in its
\* own term (nobody has taken over meanwhile).  It holds because others wait
\* LeaseDuration on their clocks from when they saw that renew, and
\* LeaseDuration - RenewDeadline covers the drift both ways (2 * MaxDrift).
\* Fencing does not enter into it; AtMostOneEffectiveLeader holds with fencing
\* even if the timing is wrong, so this one checks the timing itself.
\* Java: LeaderElector keeps acting only within its renew deadline.
LeaderWithinDeadlineHoldsLease ==
    \A c \in Candidates :
        leading[c] /\ clock[c] < lastRenew[c] + RenewDeadline => lease.transitions = term[c]

\* Clocks never drift apart by more than MaxDrift.
DriftBounded == \A c, d \in Candidates : clock[c] - clock[d] <= MaxDrift

-----------------------------------------------------------------------------
(* Debug invariants: each is EXPECTED to be violated; the violation shows  *)
(* that the behaviour it denies is reachable, so the real invariants are  *)
(* not passing vacuously.                                                 *)

\* Violated once some candidate leads.
NoLeaderEver == \A c \in Candidates : ~leading[c]

\* Violated once a write reaches the pod resource.
NoWriteEver == podWrites = <<>>

\* Violated once the lease changes hands (a second leadership begins).
NoTakeoverEver == lease.transitions <= 1

\* Violated once two candidates believe they lead at the same time.  It is
\* violated even with fencing: fencing does not prevent the belief, it stops
\* the deposed leader's writes from taking effect.
AtMostOneBelievedLeader == \A c, d \in Candidates : leading[c] /\ leading[d] => c = d

\* Violated once the store refuses a stale write (fencing at work).
NoStaleWriteRejected == rejected = 0

=============================================================================
