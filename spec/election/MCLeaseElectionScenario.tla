---------------------- MODULE MCLeaseElectionScenario ----------------------
(***************************************************************************)
(* Scripted scenarios of LeaseElection, in the style of the Raft models'   *)
(* MCEtcdRaftScenario: a state constraint fixes who acquires each          *)
(* leaseTransitions value and the term each write is stamped with, so TLC  *)
(* reaches clocks the unscripted models cannot afford, while every clock   *)
(* interleaving, pause, Get/Update order, step down and write landing      *)
(* inside the script stays explored.  The script only removes behaviours:  *)
(* a violation found here is a violation of the spec.                      *)
(***************************************************************************)
EXTENDS MCLeaseElection

CONSTANTS
    \* The two candidates' names, so scripts can name them (model values,
    \* the same as the cfg's Candidates = {c1, c2}).
    c1, c2,
    \* HolderOfTerm[k]: the one candidate whose Lease write may be the k-th
    \* (the Lease's revision k + 1); its length bounds the Lease writes, renewals
    \* included.  With NoRenewals every Lease write is an acquisition, so the k-th
    \* holder is the holder of leaseTransitions k; the script counts writes, not
    \* transitions, so that it still applies when an edit of the spec gets
    \* transitions wrong.
    HolderOfTerm,
    \* WriteTerms[n]: the term the n-th started write must be stamped with
    \* (its length should be MaxWrites).
    WriteTerms

ASSUME HolderOfTerm \in Seq(Candidates)
ASSUME WriteTerms \in Seq(Nat \ {0}) /\ Len(WriteTerms) = MaxWrites

\* The state constraint: the Lease is written at most Len(HolderOfTerm) times,
\* its k-th write names the script's k-th holder, and every write (in flight
\* or landed) carries the term the script gives its number.
FollowsScript ==
    /\ lease.rev - 1 <= Len(HolderOfTerm)
    /\ lease.rev > 1 => lease.holder = HolderOfTerm[lease.rev - 1]
    /\ \A w \in inflight \cup {podWrites[i] : i \in DOMAIN podWrites} :
          w.term = WriteTerms[w.n]

\* A shape for scripts that need long schedules but not long leaderships: no
\* leader renews, so each leadership is one acquisition that lasts until it
\* expires (the Lease stays as its holder wrote it).  Renewals only keep a
\* lease longer; the unscripted models (MCLeaseElectionFenced) check them.
NoRenewals == \A c \in Candidates : intent[c] # "renew"

\* The lease taken back: c1 leads term 1 and starts a write, which may stay
\* in flight (c1 paused); c2 takes over as term 2 and writes; c1 takes the
\* Lease back as term 3, so the Lease names c1 again while c1's term-1 write
\* may still be travelling.  A fence that asks "is the writer the holder?"
\* instead of "is this the holder's current term?" lets that write land after
\* c2's.  Clocks must reach 7: c2 acquires at 4 on its clock (c1's record
\* seen at 0 plus LeaseDuration), c1 sees c2's record at 3 on its own clock
\* at the earliest (drift 1) and acquires at 3 + 4 = 7.
RetakeHolders == <<c1, c2, c1>>
\* The first write belongs to term 1 (c1's first leadership), the second to
\* term 2 (c2's).
RetakeWriteTerms == <<1, 2>>

\* Renewals racing a takeover: c1 acquires term 1 (the Lease's first write)
\* and renews it (the second); c2 takes over as term 2 once c1's renewal has
\* gone unchanged for LeaseDuration on c2's clock (the third).  The fourth
\* write may be c1's again, but no correct behaviour reaches it within clocks
\* of 6 (c1 sees c2's record at 3 on its clock at the earliest and could take
\* the Lease back only at 7): it is the room a stale renewal of c1 needs to
\* land on top of c2's record, which the safety invariants must then catch.
\* Meanwhile c1, paused or not, may have read its own renewed record and hold
\* a renewal in flight (an UPDATE decided, or one whose answer was lost)
\* while c2 holds the Lease.
RenewHolders == <<c1, c1, c2, c1>>
\* The first write belongs to c1's leadership (term 1), the second to c2's.
RenewWriteTerms == <<1, 2>>

\* WITNESS (expected to be violated in a debug model): violated once, inside
\* the script, a candidate that still believes it leads has a renewal in
\* flight (it read its own record and will UPDATE it) that read a revision
\* older than the Lease's, while the Lease names a rival: only the
\* compare-and-swap on the revision now keeps that renewal from overwriting
\* the rival's record.  (TLC checks invariants on a state before it applies
\* the constraint, so the witness names the script itself.)
NoStaleRenewalWhileRivalHolds ==
    FollowsScript =>
    ~\E c \in Candidates :
        /\ leading[c]
        /\ intent[c] = "renew"
        /\ observed[c].rev < lease.rev
        /\ lease.holder \notin {c, Nobody}

\* WITNESS (expected to be violated in a debug model): violated once the Lease
\* names a candidate again while one of its writes from an older term is in
\* flight and a write of a term in between has landed: the state in which only
\* the fence's term check stands between the stale write and
\* AtMostOneEffectiveLeader (WriteRejected is that write's only way out).
NoStaleWriteOfTheHolder ==
    ~\E w \in inflight :
        /\ w.writer = lease.holder
        /\ w.term < lease.transitions
        /\ \E i \in DOMAIN podWrites : podWrites[i].term > w.term
=============================================================================
