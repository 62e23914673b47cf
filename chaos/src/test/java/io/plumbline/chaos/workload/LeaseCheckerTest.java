package io.plumbline.chaos.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.checker.Validity;
import io.plumbline.history.History;
import io.plumbline.history.Op;
import io.plumbline.history.OpType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The lease checker judges from the clients' clock and the terms they recorded: keys live their TTL
 * and every keep-alive's, end soon after, and a revoked lease's keys are gone.
 */
class LeaseCheckerTest {
  /**
   * A store as the clients see it: each key is listed from its attach's acknowledgement until its
   * {@code gone} time; reads every 0.2 s from 1.2 s (0.05 s long, term {@code termAt}).
   */
  private static final class Run {
    private record Ev(double t, String p, OpType type, String f, Object value, Long term) {}

    private final List<Ev> events = new ArrayList<>();
    private final Map<String, double[]> life = new LinkedHashMap<>(); // key -> [ack, gone]
    private final Map<Double, Long> termFrom = new java.util.TreeMap<>(Map.of(0.0, 1L));
    private int processes;

    Run attach(String id, double at, double gone) {
      return attach(id, at, gone, 6);
    }

    /** An attach whose answer says the store granted {@code grantedTtl} seconds (6 were asked for). */
    Run attach(String id, double at, double gone, long grantedTtl) {
      op("attach", id, at, at + 0.1, OpType.OK, List.of(id, grantedTtl, 99L));
      life.put(id, new double[] {at + 0.1, gone});
      return this;
    }

    Run keepalive(String id, double at, OpType type, long ttl) {
      return op("keepalive", id, at, at + 0.1, type, List.of(id, ttl));
    }

    Run revoke(String id, double at, OpType type, String result) {
      return op("revoke", id, at, at + 0.1, type, result);
    }

    Run gone(String id, double at) {
      life.get(id)[1] = at;
      return this;
    }

    /** A nemesis fault of {@code kind} recorded from {@code from} to {@code to}; {@code effect} false: "no effect". */
    Run fault(String kind, double from, double to, boolean effect) {
      events.add(new Ev(from, "nemesis", OpType.INFO, "start-" + kind, effect ? null : "error", null));
      events.add(new Ev(to, "nemesis", OpType.INFO, "stop-" + kind, null, null));
      return this;
    }

    Run termFrom(double t, long term) {
      termFrom.put(t, term);
      return this;
    }

    Run op(String f, Object in, double t0, double t1, OpType type, Object out) {
      String p = Integer.toString(processes++);
      events.add(new Ev(t0, p, OpType.INVOKE, f, in, null));
      events.add(new Ev(t1, p, type, f, type == OpType.OK ? out : in, type == OpType.OK ? term(t1) : null));
      return this;
    }

    Run reads(double from, double to) {
      for (double t = from; t <= to + 1e-9; t += 0.2) {
        double mid = t + 0.025;
        List<String> alive = new ArrayList<>();
        life.forEach((id, l) -> {
          if (mid >= l[0] && mid < l[1]) {
            alive.add(id);
          }
        });
        op("read", null, t, t + 0.05, OpType.OK, alive);
      }
      return this;
    }

    private long term(double t) {
      long term = 1;
      for (Map.Entry<Double, Long> e : termFrom.entrySet()) {
        term = e.getKey() <= t ? e.getValue() : term;
      }
      return term;
    }

    History history() {
      List<Ev> sorted = new ArrayList<>(events);
      sorted.sort(Comparator.comparingDouble(Ev::t));
      List<Op> ops = new ArrayList<>();
      for (Ev e : sorted) {
        Map<String, Object> extra = new HashMap<>();
        if (e.term() != null) {
          extra.put(Completion.RAFT_TERM, e.term());
        }
        if (e.p().equals("nemesis") && "error".equals(e.value())) {
          extra.put("error", "no effect: nothing to cut");
        }
        ops.add(new Op(ops.size(), e.p(), e.type(), e.f(), e.value(), null, (long) (e.t() * 1e9), null, extra));
      }
      return new History("lease", ops);
    }

    Workload.Verdict check() {
      return LeaseChecker.check(history());
    }
  }

  /**
   * A correct store: a plain key a (gone at 7.5 s, its TTL ends at 7.0), a key b kept alive at 5 s
   * and 10 s (gone at 16.5 s), a key c revoked at 3 s, reads to {@code until}.
   */
  private static Run correct(double until) {
    return new Run().attach("a", 1.0, 7.5).attach("b", 1.0, 16.5).attach("c", 1.0, 3.05)
        .keepalive("b", 5.0, OpType.OK, 6).keepalive("b", 10.0, OpType.OK, 6).revoke("c", 3.0, OpType.OK, "revoked");
  }

  @Test
  void aCorrectStoreWithEveryKindOfEvidenceIsValid() {
    Workload.Verdict v = correct(30).reads(1.2, 30).check();
    assertThat(v.validity()).as(v.summary()).isEqualTo(Validity.TRUE);
    assertThat(v.summary()).contains("ok keep-alives", "thanks to a keep-alive", "after it must have ended",
        "after a revoke");
  }

  @Test
  void aKeyGoneAfterAQuarterOfItsTtlIsInvalid() {
    // early-lease-expiry: 6 s / 4 = 1.5 s after the grant
    Workload.Verdict v = correct(30).gone("a", 2.5).reads(1.2, 30).check();
    assertThat(v.validity()).isEqualTo(Validity.FALSE);
    assertThat(v.details()).contains("key a (lease of 6 s granted by an attach invoked at 1.000 s");
    assertThat(v.failure().operation().f()).isEqualTo("read"); // the read that missed the key, marked in the report
    assertThat(v.failureWhat()).isEqualTo("missed a key inside its lease's TTL");
  }

  /** The store ignores keep-alives: b goes at its first TTL's end although it was renewed at 5 s. */
  @Test
  void aKeyExpiredAlthoughKeptAliveIsInvalid() {
    Workload.Verdict v = correct(30).gone("b", 7.5).reads(1.2, 30).check();
    assertThat(v.validity()).as(v.summary()).isEqualTo(Validity.FALSE);
    assertThat(v.details()).contains("key b (lease of 6 s", "alive at least until 16.000 s by its keep-alives");
  }

  /** A keep-alive answered "lease not found" (ttl 0) while the lease must live is the store's own confession. */
  @Test
  void aKeepAliveThatFindsNoLeaseInsideItsLifeIsInvalid() {
    Workload.Verdict v = correct(30).keepalive("a", 4.0, OpType.OK, 0).reads(1.2, 30).check();
    assertThat(v.validity()).as(v.summary()).isEqualTo(Validity.FALSE);
    assertThat(v.details()).contains("key a", "missing from p");
  }

  /** The store never ends a lease: a, never kept alive, is still listed at 30 s. */
  @Test
  void aLeaseThatNeverEndsIsInvalid() {
    Workload.Verdict v = correct(30).gone("a", 99).reads(1.2, 30).check();
    assertThat(v.validity()).as(v.summary()).isEqualTo(Validity.FALSE);
    assertThat(v.details()).contains("outlived: key a seen by");
    assertThat(v.failureWhat()).isEqualTo("saw a key whose lease must have ended");
  }

  /** Still listed at 13.5 s: past ack + TTL + slack (13.1 s: term 1 first seen at the ack) — the slack is 6 s, not more. */
  @Test
  void aLeaseOutlivingTtlPlusSlackIsInvalidButNotBefore() {
    assertThat(correct(30).gone("a", 13.2).reads(1.2, 30).check().validity()).isEqualTo(Validity.TRUE);
    assertThat(correct(30).gone("a", 13.6).reads(1.2, 30).check().validity()).isEqualTo(Validity.FALSE);
  }

  /**
   * A new term first seen at 12 s, while a partition (11.5–12.5 s) was on, may have promoted a
   * leader that gave every lease its TTL again.
   */
  @Test
  void aNewLeaderExcusesOneMoreTtl() {
    Run r = correct(30).gone("a", 19.0).termFrom(12.0, 2).fault("partition", 11.5, 12.5, true).reads(1.2, 30);
    Workload.Verdict v = r.check();
    assertThat(v.validity()).as(v.details()).isEqualTo(Validity.TRUE);
    Workload.Verdict late = correct(30).gone("a", 25.0).termFrom(12.0, 2).fault("partition", 11.5, 12.5, true)
        .reads(1.2, 30).check();
    assertThat(late.validity()).as(late.summary()).isEqualTo(Validity.FALSE); // past 12.05 + 6 + 6
    Workload.Verdict afterHeal = correct(30).gone("a", 19.0).termFrom(12.0, 2).fault("kill", 3.0, 6.5, true)
        .reads(1.2, 30).check(); // term first shown 5.55 s after the heal: within the 6 s a heal may still take
    assertThat(afterHeal.validity()).as(afterHeal.summary()).isEqualTo(Validity.TRUE);
  }

  /**
   * A promotion renews only the leases the new leader still holds. Key a's lease must be revoked by
   * 13.1 s (acknowledged 1.1 s, 6 s TTL, 6 s slack); the store never revokes it and, in the very read
   * that still lists a at 13.2 s, shows term 2 during a partition that began at 13.15 s. The old
   * checker took that answer's word (a new term while a fault was on) and judged a lease living 12 s
   * past its end valid; the clients' record says the fault began after the lease had to be gone, so
   * no fault held its revoke back: only the store's word excuses a, unknown. The same partition
   * begun at 12.9 s, while the lease could still exist, renews it (valid).
   */
  @Test
  void aNewTermCannotRenewALeaseThatEndedBeforeItsFaultBegan() {
    Workload.Verdict revived = correct(30).gone("a", 25.0).termFrom(13.2, 2).fault("partition", 13.15, 14.0, true)
        .reads(1.2, 30).check();
    assertThat(revived.validity()).as(revived.summary()).isEqualTo(Validity.UNKNOWN);
    assertThat(revived.summary()).contains("excused only by the store's word", "key a seen by",
        "during a fault that began at 13.150 s, after the lease's 7.100 s end plus 6 s slack");
    Workload.Verdict held = correct(30).gone("a", 25.0).termFrom(13.2, 2).fault("partition", 12.9, 14.0, true)
        .reads(1.2, 30).check();
    assertThat(held.validity()).as(held.summary()).isEqualTo(Validity.TRUE);
    Workload.Verdict forever = correct(30).gone("a", 99).termFrom(13.2, 2).fault("partition", 13.15, 14.0, true)
        .reads(1.2, 30).check();
    assertThat(forever.validity()).as(forever.summary()).isEqualTo(Validity.FALSE);
  }

  /**
   * A store that lies about its term: term 2 "first shown" at 12 s with no fault that could change
   * the leader hides a lease living 6 s past its end. The term is the store's word, the only excuse
   * left: unknown, naming it, never valid. So are a fault that had no effect, one healed more than
   * 6 s before the term, and a client cut (peer links stay: no election).
   */
  @Test
  void aNewTermNoFaultExplainsIsUnknownNotValid() {
    Workload.Verdict lying = correct(30).gone("a", 19.0).termFrom(12.0, 2).reads(1.2, 30).check();
    assertThat(lying.validity()).as(lying.summary()).isEqualTo(Validity.UNKNOWN);
    assertThat(lying.summary()).contains("excused only by the store's word", "key a seen by",
        "a new term first shown at 12.050 s that no fault explains");
    assertThat(correct(30).gone("a", 19.0).termFrom(12.0, 2).fault("partition", 11.5, 12.5, false).reads(1.2, 30)
        .check().validity()).isEqualTo(Validity.UNKNOWN);
    assertThat(correct(30).gone("a", 19.0).termFrom(12.0, 2).fault("pause", 3.0, 5.9, true).reads(1.2, 30)
        .check().validity()).isEqualTo(Validity.UNKNOWN);
    assertThat(correct(30).gone("a", 19.0).termFrom(12.0, 2).fault("clients", 11.5, 12.5, true).reads(1.2, 30)
        .check().validity()).isEqualTo(Validity.UNKNOWN);
    // one sight is enough: a listed at 13.2 s, 0.1 s past 7.1 + 6 s, excused only by the term
    Workload.Verdict once = correct(30).gone("a", 13.3).termFrom(12.0, 2).reads(1.2, 30).check();
    assertThat(once.validity()).as(once.summary()).isEqualTo(Validity.UNKNOWN);
    assertThat(once.summary()).startsWith("unknown: 1 sight(s)");
    // the same term and no fault, on a store that ends its leases on time: nothing needs the excuse
    Workload.Verdict honest = correct(30).termFrom(12.0, 2).reads(1.2, 30).check();
    assertThat(honest.validity()).as(honest.summary()).isEqualTo(Validity.TRUE);
  }

  /**
   * The store's answer says it granted 60 s where the clients asked for 6: a key that lives its 60 s
   * is excused only by that answer (unknown); one listed past even the granted TTL is invalid, and
   * so is one that ends before it (the store broke its own word); one granted 1 s cannot end before
   * the requested 6 s.
   */
  @Test
  void aGrantedTtlOtherThanTheRequestedOneIsNeverValid() {
    Workload.Verdict above = granted60(64.0);
    assertThat(above.validity()).as(above.summary()).isEqualTo(Validity.UNKNOWN);
    assertThat(above.summary()).contains("granted TTL 60 s above the requested 6 s");
    Workload.Verdict past = granted60(99);
    assertThat(past.validity()).as(past.summary()).isEqualTo(Validity.FALSE);
    assertThat(past.details()).contains("outlived: key a");
    Workload.Verdict early = granted60(30);
    assertThat(early.validity()).as(early.summary()).isEqualTo(Validity.FALSE);
    assertThat(early.details()).contains("key a (lease of 60 s");
    Workload.Verdict below = correct(30).attach("d", 1.0, 2.5, 1).reads(1.2, 30).check();
    assertThat(below.validity()).as(below.summary()).isEqualTo(Validity.FALSE);
    assertThat(below.details()).contains("key d (lease of 6 s");
  }

  private static Workload.Verdict granted60(double aGone) {
    return new Run().attach("a", 1.0, aGone, 60).attach("b", 1.0, 16.5).attach("c", 1.0, 3.05).attach("d", 1.0, 7.5)
        .keepalive("b", 5.0, OpType.OK, 6).keepalive("b", 10.0, OpType.OK, 6).revoke("c", 3.0, OpType.OK, "revoked")
        .reads(1.2, 75).check();
  }

  /** A keep-alive answering ttl 60 (6 asked for) keeps b to 70 s only by the store's word. */
  @Test
  void aKeepAliveTtlAboveTheRequestedIsUnknownNotValid() {
    Workload.Verdict v = new Run().attach("a", 1.0, 7.5).attach("b", 1.0, 70.5).attach("c", 1.0, 3.05)
        .keepalive("b", 5.0, OpType.OK, 6).keepalive("b", 10.0, OpType.OK, 60).revoke("c", 3.0, OpType.OK, "revoked")
        .reads(1.2, 80).check();
    assertThat(v.validity()).as(v.summary()).isEqualTo(Validity.UNKNOWN);
    assertThat(v.summary()).contains("keep-alive answered ttl 60 s above the requested 6 s");
  }

  /** An indeterminate keep-alive may renew the lease at any time: its end cannot be bounded, so no "outlived". */
  @Test
  void anIndeterminateKeepAliveMayHaveRenewed() {
    Workload.Verdict v = correct(30).gone("a", 99).keepalive("a", 4.0, OpType.INFO, 0).reads(1.2, 30).check();
    assertThat(v.validity()).as(v.details()).isEqualTo(Validity.TRUE);
  }

  /** The store ignores a revoke: c is listed after the revoke was acknowledged (inside its TTL). */
  @Test
  void aRevokedLeasesKeyStillThereIsInvalid() {
    Workload.Verdict v = correct(30).gone("c", 6.0).reads(1.2, 30).check();
    assertThat(v.validity()).as(v.summary()).isEqualTo(Validity.FALSE);
    assertThat(v.details()).contains("revoked: key c seen by");
    assertThat(v.failureWhat()).isEqualTo("saw a revoked lease's key");
  }

  /** A keep-alive that renews a revoked lease (ttl above 0 after the revoke) is the same lie. */
  @Test
  void aKeepAliveRenewingARevokedLeaseIsInvalid() {
    Workload.Verdict v = correct(30).keepalive("c", 4.0, OpType.OK, 6).reads(1.2, 30).check();
    assertThat(v.validity()).as(v.summary()).isEqualTo(Validity.FALSE);
    assertThat(v.details()).contains("revoked: key c seen by");
  }

  /** An indeterminate revoke may have acted at any time after its invocation: missing the key after it is fine. */
  @Test
  void anIndeterminateRevokeMayHaveRevoked() {
    Run r = new Run().attach("a", 1.0, 7.5).attach("b", 1.0, 16.5).attach("c", 1.0, 3.05)
        .keepalive("b", 5.0, OpType.OK, 6).keepalive("b", 10.0, OpType.OK, 6).revoke("c", 3.0, OpType.INFO, null)
        .reads(1.2, 30);
    Workload.Verdict v = r.check();
    assertThat(v.validity()).as(v.summary()).isNotEqualTo(Validity.FALSE);
    assertThat(v.summary()).contains("0 after a revoke"); // and no acknowledged revoke: no revoke evidence
    assertThat(v.validity()).isEqualTo(Validity.UNKNOWN);
  }

  /** ... or never: the key still listed after an indeterminate revoke, until its TTL, is no violation. */
  @Test
  void anIndeterminateRevokeMayNeverHaveHappened() {
    Workload.Verdict v = new Run().attach("a", 1.0, 7.5).attach("b", 1.0, 16.5).attach("c", 1.0, 7.4)
        .keepalive("b", 5.0, OpType.OK, 6).keepalive("b", 10.0, OpType.OK, 6).revoke("c", 3.0, OpType.INFO, null)
        .reads(1.2, 30).check();
    assertThat(v.validity()).as(v.details()).isNotEqualTo(Validity.FALSE);
  }

  @Test
  void aKeyGoneAfterItsTtlIsFine() {
    assertThat(correct(30).gone("a", 7.0).reads(1.2, 30).check().validity()).isEqualTo(Validity.TRUE);
  }

  @Test
  void clockFaultsAreUnknownUnlessAHistoryOrderRuleBreaks() {
    Run r = correct(30).gone("a", 2.5).reads(1.2, 30);
    List<Op> withClock = new ArrayList<>(r.history().events());
    withClock.add(new Op(withClock.size(), "nemesis", OpType.INFO, "start-clock", "clock +5s on [0]", null, null,
        null, Map.of()));
    Workload.Verdict v = LeaseChecker.check(new History("clock", withClock));
    assertThat(v.validity()).isEqualTo(Validity.UNKNOWN);
    assertThat(v.summary()).contains("clock faults");
    List<Op> revoked = new ArrayList<>(correct(30).gone("c", 6.0).reads(1.2, 30).history().events());
    revoked.add(new Op(revoked.size(), "nemesis", OpType.INFO, "start-clock", "clock +5s on [0]", null, null,
        null, Map.of()));
    assertThat(LeaseChecker.check(new History("clock", revoked)).validity()).isEqualTo(Validity.FALSE);
  }

  /** A violation is a violation however few pairs the run checked: invalid wins over "too little evidence". */
  @Test
  void aKeyGoneEarlyWithFewPairsIsInvalidNotUnknown() {
    Workload.Verdict v = new Run().attach("a", 1.0, 1.5).reads(1.2, 2.2).check();
    assertThat(v.validity()).as(v.summary()).isEqualTo(Validity.FALSE);
  }

  /** An indeterminate attach promises nothing (its put may never land) and has no granted TTL to read. */
  @Test
  void anIndeterminateAttachBindsNothing() {
    Workload.Verdict v = correct(30).op("attach", "d", 1.0, 3.0, OpType.INFO, null).reads(1.2, 30).check();
    assertThat(v.validity()).as(v.summary()).isEqualTo(Validity.TRUE);
  }

  /** A read that began before the attach was acknowledged may run before the put: missing the key is fine. */
  @Test
  void aReadConcurrentWithTheAttachMayMissTheKey() {
    Workload.Verdict v = correct(30).op("read", null, 1.05, 1.15, OpType.OK, List.of()).reads(1.2, 30).check();
    assertThat(v.validity()).as(v.summary()).isEqualTo(Validity.TRUE);
  }

  /** Expired at its TTL's end, then listed again: a deleted key came back (a stale member's list). */
  @Test
  void aKeyThatComesBackAfterItsLeaseEndedIsInvalid() {
    Workload.Verdict v = correct(30).reads(1.2, 9.4).op("read", null, 9.5, 9.55, OpType.OK, List.of("a", "b"))
        .check();
    assertThat(v.validity()).as(v.summary()).isEqualTo(Validity.FALSE);
    assertThat(v.details()).contains("came back: key a missing from p");
    assertThat(v.failure().operation().completion().timeNanos()).isEqualTo(9_550_000_000L);
  }

  @Test
  void aKeyNoAttachWroteIsInvalid() {
    Workload.Verdict failed = correct(30).op("attach", "d", 1.0, 1.1, OpType.FAIL, null) // definitely not written
        .op("read", null, 8.0, 8.1, OpType.OK, List.of("b", "d")).reads(1.2, 30).check();
    assertThat(failed.details()).contains("phantom: p");
    Workload.Verdict future = correct(30).op("read", null, 0.5, 0.6, OpType.OK, List.of("a")).reads(1.2, 30).check();
    assertThat(future.validity()).isEqualTo(Validity.FALSE); // listed before the attach of a was even invoked
    assertThat(future.details()).contains("phantom");
  }

  /**
   * Each timed rule needs its own evidence, with the reason named: without keep-alives nothing shows
   * that a kept lease lives on; without a revoke nothing shows revocation; a run that ends before any
   * lease must have ended shows nothing about leases ending.
   */
  @Test
  void eachRuleWithoutEvidenceIsUnknownAndSaysWhich() {
    Workload.Verdict noKeep = new Run().attach("a", 1.0, 7.5).attach("c", 1.0, 3.05)
        .revoke("c", 3.0, OpType.OK, "revoked").reads(1.2, 30).check();
    assertThat(noKeep.validity()).isEqualTo(Validity.UNKNOWN);
    assertThat(noKeep.summary()).contains("0 of 10 pairs kept alive past the TTL").doesNotContain("after a revoke)");
    Workload.Verdict noRevoke = new Run().attach("a", 1.0, 7.5).attach("b", 1.0, 16.5)
        .keepalive("b", 5.0, OpType.OK, 6).keepalive("b", 10.0, OpType.OK, 6).reads(1.2, 30).check();
    assertThat(noRevoke.validity()).isEqualTo(Validity.UNKNOWN);
    assertThat(noRevoke.summary()).contains("0 of 10 pairs after a revoke");
    Workload.Verdict noEnd = correct(30).reads(1.2, 12.0).check();
    assertThat(noEnd.validity()).isEqualTo(Validity.UNKNOWN);
    assertThat(noEnd.summary()).contains("0 of 20 pairs after a lease must have ended");
    Workload.Verdict noTerms = LeaseChecker.check(new History("untimed terms", correct(30).reads(1.2, 30).history()
        .events().stream().map(o -> new Op(o.index(), o.process(), o.type(), o.f(), o.value(), null, o.timeNanos(),
            null, Map.of())).toList()));
    // no term claimed, no excuse: the clients' bound still judges (a correct store is valid, a lease that lives on is not)
    assertThat(noTerms.validity()).as(noTerms.summary()).isEqualTo(Validity.TRUE);
    Workload.Verdict noTermsOutlived = LeaseChecker.check(new History("untimed terms", correct(30).gone("a", 99)
        .reads(1.2, 30).history().events().stream().map(o -> new Op(o.index(), o.process(), o.type(), o.f(),
            o.value(), null, o.timeNanos(), null, Map.of())).toList()));
    assertThat(noTermsOutlived.validity()).isEqualTo(Validity.FALSE);
  }

  /**
   * The ended rule's threshold is 20 pairs: key a's lease must be over by 13.1 s; c (attached at 8 s)
   * and b (kept alive to 21 s) by later, so each read from 14 s to 20 s is one "ended" pair.
   */
  @Test
  void endedEvidenceBoundaryIsTwentyPairs() {
    assertThat(endedPairs(19).validity()).isEqualTo(Validity.UNKNOWN);
    assertThat(endedPairs(19).summary()).contains("19 of 20 pairs after a lease must have ended");
    Workload.Verdict twenty = endedPairs(20);
    assertThat(twenty.validity()).as(twenty.summary()).isEqualTo(Validity.TRUE);
    assertThat(twenty.summary()).contains("20 after it must have ended");
  }

  private static Workload.Verdict endedPairs(int lateReads) {
    return new Run().attach("a", 1.0, 7.5).attach("b", 1.0, 21.5).attach("c", 8.0, 9.05)
        .keepalive("b", 5.0, OpType.OK, 6).keepalive("b", 10.0, OpType.OK, 6).keepalive("b", 15.0, OpType.OK, 6)
        .revoke("c", 9.0, OpType.OK, "revoked").reads(1.2, 13.0).reads(14.0, 14.0 + 0.2 * (lateReads - 1)).check();
  }

  /** The kept rule's threshold is 10 pairs: reads of b after its first TTL ends (7.0 s) and before 7.0 + 0.2 n. */
  @Test
  void keptEvidenceBoundaryIsTenPairs() {
    assertThat(keptPairs(9).summary()).contains("9 of 10 pairs kept alive past the TTL");
    Workload.Verdict ten = keptPairs(10);
    assertThat(ten.validity()).as(ten.summary()).isEqualTo(Validity.TRUE);
  }

  private static Workload.Verdict keptPairs(int n) {
    // b renewed at 1.2 s (ttl 6 s: alive to 7.2 s), and once more so it lives just long enough for n reads past 7.0 s
    double until = 7.0 + 0.2 * n;
    return new Run().attach("a", 1.0, 7.5).attach("b", 1.0, until + 0.5).attach("c", 1.0, 3.05)
        .keepalive("b", until - 6.0 - 0.01, OpType.OK, 6).revoke("c", 3.0, OpType.OK, "revoked")
        .reads(1.2, 6.9).reads(7.05, 7.05 + 0.2 * (n - 1)).reads(until + 1.0, 30).check();
  }
}
