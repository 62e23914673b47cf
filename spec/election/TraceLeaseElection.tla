------------------------ MODULE TraceLeaseElection ------------------------
(***************************************************************************)
(* Trace validation of the Java lease election and the API server's fence *)
(* against LeaseElection.  A trace is one real run: several               *)
(* io.plumbline.controller.LeaderElector loops (each with a writer) against *)
(* a real API server on etcd, merged into one order (see the test's       *)
(* TraceMerge); one event per step, named after the action it takes.  The *)
(* trace is a behaviour of LeaseElection when TLC reaches a state that    *)
(* matched every event: the invariant TraceNotAccepted is then VIOLATED   *)
(* (the expected result of a valid trace); if TLC ends without violating  *)
(* it, no behaviour of the spec explains the trace.  The safety           *)
(* invariants of LeaseElection are checked along the way.                 *)
(*                                                                         *)
(* Clocks.  Spec clocks are the candidates' real clocks in milliseconds   *)
(* since the run began (LeaseDuration, RenewDeadline in ms too); an event *)
(* pins its actor's clock to the time its Java decision used, so every    *)
(* expiry and renew-deadline judgment is checked on the judge's own       *)
(* clock.  Between events, TraceClock advances clocks in one step to the  *)
(* least values consistent with that pin and with MaxDrift (a run of Tick *)
(* steps; the least choice misses no explanation).  The generated config  *)
(* sets MaxDrift past the run's length: a step's clock reading and its    *)
(* effect in the store are a request's latency apart, unbounded under a   *)
(* pause, so coupling the candidates' clocks would judge the environment, *)
(* not the code (TraceLeaseElectionCheck.Timing says why nothing is lost).*)
(*                                                                         *)
(* Mapping spec <-> event field <-> Java (LeaseTraceEvent):               *)
(*   action          action       LeaseElection.decide = Get, written =   *)
(*                                UpdateSucceeds, conflicted =            *)
(*                                UpdateConflicts, unanswered =           *)
(*                                UpdateUnanswered, stepDown = StepDown,  *)
(*                                LeaderElector.startWrite = StartWrite,  *)
(*                                LeaseFencing.Check.committed =          *)
(*                                WriteLands, .guards refusing =          *)
(*                                WriteRejected; UnansweredLands has no    *)
(*                                Java emitter: the merge makes it from    *)
(*                                the store's evidence (TraceMerge)        *)
(*   c               c            ElectionConfig.identity                  *)
(*   clock[c]        clock        the elector's clock.millis() - origin   *)
(*   lease.holder    holder       LeaseRecord.holderIdentity ("" = Nobody) *)
(*   lease.renewTime renewTime    LeaseRecord.renewTime, ms - origin       *)
(*   lease.transitions transitions LeaseRecord.leaseTransitions            *)
(*   intent'[c]      intent       Decision: WAIT = "none", UPDATE of its   *)
(*                                own record = "renew", else "acquire"     *)
(*   w.term          term         the generation in the fencing header    *)
(* Get carries the Lease as read, UpdateSucceeds the Lease as written,    *)
(* UpdateUnanswered and UnansweredLands the Lease as attempted.            *)
(* Unchecked: retry pacing (the trace's RetryPeriod is 1 ms: Java reads   *)
(* again at the watched lease's expiry, sooner than a retry period), and  *)
(* which in-flight write a fence event settles (the fence does not know   *)
(* the writer; it settles the oldest stamped with the event's term).      *)
(***************************************************************************)
EXTENDS LeaseElection, TLC

CONSTANT
    \* The events, a sequence of records (given by the generated module).
    TraceLog

VARIABLE
    \* The index of the next event to match.
    l

\* The next event.
Ev == TraceLog[l]

\* The larger of two numbers.
Max2(a, b) == IF a >= b THEN a ELSE b

\* The spec's holder for an event's holder field.
HolderOf(e) == IF e.holder = "" THEN Nobody ELSE e.holder

\* Lease record r shows what event e carries.
LeaseMatches(r, e) ==
    /\ r.holder = HolderOf(e)
    /\ r.renewTime = e.renewTime
    /\ r.transitions = e.transitions

\* The acting candidate's clock shows the event's time.
At(e) == clock[e.c] = e.clock

\* Events of a candidate's loop carry its clock; fence events and StartWrite do not
\* read one in the spec.
Clocked(e) == e.action \in {"Get", "UpdateSucceeds", "UpdateConflicts", "UpdateUnanswered",
                              "StepDown"}

\* The highest clock of the candidates other than e's actor (0 if none).
OthersTop(e) ==
    LET others == {clock[d] : d \in Candidates \ {e.c}}
    IN IF others = {} THEN 0 ELSE CHOOSE m \in others : \A o \in others : o <= m

\* The highest clock once event e's actor reads e.clock.
Top(e) == Max2(e.clock, OthersTop(e))

\* The least clocks at which e's actor reads e.clock and no clock lags the highest by
\* more than MaxDrift: a sequence of Tick steps (see the header).
ClockFor(e) ==
    [d \in Candidates |-> IF d = e.c THEN e.clock ELSE Max2(clock[d], Top(e) - MaxDrift)]

\* Clocks advance to the next event's time (never backwards, never past MaxDrift).
TraceClock ==
    /\ l <= Len(TraceLog)
    /\ Clocked(Ev)
    /\ clock[Ev.c] < Ev.clock
    /\ Ev.clock >= Top(Ev) - MaxDrift
    /\ Top(Ev) <= MaxTime
    /\ clock' = ClockFor(Ev)
    /\ UNCHANGED <<lease, observed, observedTime, nextTry, intent, leading, term,
                   lastRenew, inflight, podWrites, rejected, started, leaseInflight, l>>

\* Get: the Lease read and the decision taken.
MatchGet ==
    /\ Ev.action = "Get"
    /\ At(Ev)
    /\ LeaseMatches(lease, Ev)
    /\ Get(Ev.c)
    /\ intent'[Ev.c] = Ev.intent

\* UpdateSucceeds: the Lease written.
MatchUpdateSucceeds ==
    /\ Ev.action = "UpdateSucceeds"
    /\ At(Ev)
    /\ UpdateSucceeds(Ev.c)
    /\ LeaseMatches(lease', Ev)

\* UpdateUnanswered: the write got no answer; it may land later (UnansweredLands)
\* or never.  The merge places it where its candidate was, not where it landed.
MatchUpdateUnanswered ==
    /\ Ev.action = "UpdateUnanswered"
    /\ At(Ev)
    /\ UpdateUnanswered(Ev.c)

\* UnansweredLands: an unanswered write of Ev.c landed, making the Lease Ev's record.
\* No process emits this event: the merge makes it from the store's evidence (a
\* Get read a revision no traced UpdateSucceeds wrote, carrying the record an
\* UpdateUnanswered of Ev.c attempted) and places it at that revision.
MatchUnansweredLands ==
    /\ Ev.action = "UnansweredLands"
    /\ UnansweredLands
    /\ LeaseMatches(lease', Ev)

\* UpdateConflicts: the store refused the write.
MatchUpdateConflicts ==
    /\ Ev.action = "UpdateConflicts"
    /\ At(Ev)
    /\ UpdateConflicts(Ev.c)

\* StepDown: the leader gave up after its renew deadline.
MatchStepDown ==
    /\ Ev.action = "StepDown"
    /\ At(Ev)
    /\ StepDown(Ev.c)

\* StartWrite: a leader sends a write stamped with the generation it acquired.
MatchStartWrite ==
    /\ Ev.action = "StartWrite"
    /\ StartWrite(Ev.c)
    /\ term[Ev.c] = Ev.term

\* The oldest in-flight write stamped term t.  The fence names no writer and no
\* write, and in-flight writes of one term differ only in their number n, which
\* nothing reads: settling the oldest misses no explanation and keeps TLC from
\* trying every choice.
Oldest(t) == LET ws == {w \in inflight : w.term = t}
             IN CHOOSE w \in ws : \A v \in ws : w.n <= v.n

\* WriteLands: the fence let a write stamped Ev.term commit.
MatchWriteLands ==
    /\ Ev.action = "WriteLands"
    /\ \E w \in inflight : w.term = Ev.term
    /\ WriteLands
    /\ podWrites'[Len(podWrites')] = Oldest(Ev.term)

\* WriteRejected: the fence refused a write stamped Ev.term.
MatchWriteRejected ==
    /\ Ev.action = "WriteRejected"
    /\ \E w \in inflight : w.term = Ev.term
    /\ WriteRejected
    /\ inflight \ inflight' = {Oldest(Ev.term)}

\* The spec's initial state, before the first event (TLC register 1: the most
\* events matched so far, with a single worker).
TraceInit == Init /\ l = 1 /\ TLCSet(1, 0)

\* Prints the number of events matched when it is a new maximum, so a rejected
\* trace's report can name the first event no behaviour matches.
ReportProgress ==
    IF l > TLCGet(1) THEN TLCSet(1, l) /\ PrintT(<<"plumbline-matched", l>>) ELSE TRUE

\* Clocks advance, or the next event is matched.
TraceNext ==
    \/ TraceClock
    \/ /\ l <= Len(TraceLog)
       /\ \/ MatchGet \/ MatchUpdateSucceeds \/ MatchUpdateConflicts \/ MatchUpdateUnanswered
          \/ MatchStepDown \/ MatchUnansweredLands
          \/ MatchStartWrite \/ MatchWriteLands \/ MatchWriteRejected
       /\ l' = l + 1
       /\ ReportProgress

\* Violated exactly when every event was matched: the trace is a behaviour of the spec.
TraceNotAccepted == l <= Len(TraceLog)
=============================================================================
