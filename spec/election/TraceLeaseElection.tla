------------------------ MODULE TraceLeaseElection ------------------------
(***************************************************************************)
(* Trace validation of the Java lease election against LeaseElection.    *)
(* A trace is one run of io.plumbline.controller.LeaseElection (several   *)
(* candidates on a shared fake clock, one Lease with compare-and-swap),   *)
(* one event per step, named after the action it takes.  Between events   *)
(* the clocks tick, never past the next event's time.  The trace is a     *)
(* behaviour of LeaseElection when TLC reaches a state that matched every *)
(* event: the invariant TraceNotAccepted is then VIOLATED (that is the    *)
(* expected result of a valid trace); if TLC ends without violating it,   *)
(* no behaviour of the spec explains the trace.                           *)
(*                                                                         *)
(* Mapping spec <-> event field <-> Java (ElectionTrace.event):           *)
(*   action          action       LeaseElection.decide = Get,             *)
(*                                written = UpdateSucceeds, conflicted =  *)
(*                                UpdateConflicts, stepDown = StepDown    *)
(*   c               c            ElectionConfig.identity                  *)
(*   clock[c]        clock        nowMs / tick length of the fake clock    *)
(*   lease.holder    holder       LeaseRecord.holderIdentity ("" = Nobody) *)
(*   lease.renewTime renewTime    LeaseRecord.renewTime, in ticks          *)
(*   lease.transitions transitions LeaseRecord.leaseTransitions            *)
(*   intent'[c]      intent       Decision: WAIT = "none", UPDATE of its   *)
(*                                own record = "renew", else "acquire"     *)
(* Get carries the Lease as read, UpdateSucceeds the Lease as written.    *)
(* Writes to the pod resource (StartWrite, WriteLands) are not traced.    *)
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

\* The spec's holder for an event's holder field.
HolderOf(e) == IF e.holder = "" THEN Nobody ELSE e.holder

\* Lease record r shows what event e carries.
LeaseMatches(r, e) ==
    /\ r.holder = HolderOf(e)
    /\ r.renewTime = e.renewTime
    /\ r.transitions = e.transitions

\* The acting candidate's clock shows the event's time.
At(e) == clock[e.c] = e.clock

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

\* A clock ticks towards the next event's time.
TraceTick ==
    /\ l <= Len(TraceLog)
    /\ \E c \in Candidates : clock[c] < Ev.clock /\ Tick(c)
    /\ UNCHANGED l

\* The spec's initial state, before the first event (TLC register 1: the most
\* events matched so far, with a single worker).
TraceInit == Init /\ l = 1 /\ TLCSet(1, 0)

\* Prints the number of events matched when it is a new maximum, so a rejected
\* trace's report can name the first event no behaviour matches.
ReportProgress ==
    IF l > TLCGet(1) THEN TLCSet(1, l) /\ PrintT(<<"plumbline-matched", l>>) ELSE TRUE

\* A tick, or the next event.
TraceNext ==
    \/ TraceTick
    \/ /\ l <= Len(TraceLog)
       /\ \/ MatchGet \/ MatchUpdateSucceeds \/ MatchUpdateConflicts \/ MatchStepDown
       /\ l' = l + 1
       /\ ReportProgress

\* Violated exactly when every event was matched: the trace is a behaviour of the spec.
TraceNotAccepted == l <= Len(TraceLog)
=============================================================================
