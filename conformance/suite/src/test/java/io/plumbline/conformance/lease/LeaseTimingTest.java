package io.plumbline.conformance.lease;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.conformance.Status;
import io.plumbline.conformance.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeaseTimingTest {
  private static final long S = 1_000_000_000L;
  private static final long GRACE = 5 * S;

  /** A read sent at {@code seconds} after the grant was sent, answered 10 ms later. */
  private static Probe at(double seconds, boolean present) {
    return read(seconds, seconds + 0.01, present);
  }

  private static Probe read(double sentSeconds, double answeredSeconds, boolean present) {
    return new Probe(Math.round(sentSeconds * 1000) * 1_000_000L, Math.round(answeredSeconds * 1000) * 1_000_000L,
        present);
  }

  /** The verdict for a 3 s lease granted at 0 and answered at {@code grantAnsweredSeconds}. */
  private static Verdict expiry(double grantAnsweredSeconds, Probe... probes) {
    return LeaseTiming.expiry(0, Math.round(grantAnsweredSeconds * 1000) * 1_000_000L, 3, List.of(probes), GRACE, List.of("grant"));
  }

  @Test
  void expiryAfterTheTtlPasses() {
    Verdict v = expiry(0.01, at(1, true), at(2.9, true), at(3.6, false), at(3.7, false));
    assertThat(v.status()).isEqualTo(Status.PASS);
    assertThat(v.summary()).isEqualTo("key gone by 3610 ms after the grant (TTL 3 s + grace 5000 ms)");
    assertThat(v.evidence()).containsExactly("grant", "grant answered 10 ms after it was sent",
        "reads (ms after the grant was sent, sent-answered: present?): 1000-1010:yes 2900-2910:yes 3600-3610:NO"
            + " 3700-3710:NO");
  }

  @Test
  void anEarlyExpiryIsCaught() {
    Verdict v = expiry(0.01, at(1, true), at(1.5, false));
    assertThat(v.status()).isEqualTo(Status.FAIL);
    assertThat(v.summary()).isEqualTo("early expiry: the read sent 1500 ms, answered 1510 ms after the grant saw the"
        + " key gone, before its TTL of 3 s");
  }

  @Test
  void aLeaseThatOutlivesTtlAndGraceIsCaughtByTheReadThatSawIt() {
    Verdict v = expiry(0.5, at(1, true), at(5.4, true), at(8.6, true));
    assertThat(v.status()).isEqualTo(Status.FAIL);
    assertThat(v.summary()).isEqualTo("late expiry: the key was still there in the read(s) sent 8600 ms, answered 8610"
        + " ms after the grant; sent more than TTL 3 s + grace 5000 ms after the grant was answered (500 ms)");
  }

  @Test
  void aKeyThatComesBackIsCaught() {
    Verdict v = expiry(0.01, at(3.5, false), at(3.7, true));
    assertThat(v.status()).isEqualTo(Status.FAIL);
    assertThat(v.summary()).startsWith("the key came back: the read sent 3700 ms, answered 3710 ms after the grant");
  }

  /** The hunt's "the key still existed 0 ms after the grant" with no reads: the put was answered past the window. */
  @Test
  void noReadIsUnknownNotFail() {
    Verdict v = expiry(8.5);
    assertThat(v.status()).isEqualTo(Status.UNKNOWN);
    assertThat(v.summary()).startsWith("the reads do not bound the expiry: no read of the key");
    assertThat(v.evidence()).last().asString().endsWith(" none");
  }

  /** A slow grant starts the clock late: the key may live until answer + TTL + grace (here 13 s). */
  @Test
  void aKeyAliveWithinTtlAndGraceOfTheGrantAnswerIsNotLate() {
    Verdict v = expiry(5, at(5.5, true), at(7.9, true), at(12.9, true));
    assertThat(v.status()).isEqualTo(Status.UNKNOWN);
    assertThat(v.summary()).startsWith("the reads do not bound the expiry: no read saw the key gone and none was sent"
        + " more than TTL 3 s + grace 5000 ms after the grant was answered");
  }

  /** A read sent in time but answered late shows the key gone by then, not when it went: no PASS on it. */
  @Test
  void aGoneReadAnsweredPastTheWindowIsUnknownNotPass() {
    Verdict v = expiry(0.01, at(1, true), read(7.9, 20, false), at(20.2, false));
    assertThat(v.status()).isEqualTo(Status.UNKNOWN);
    assertThat(v.summary()).isEqualTo("the reads do not bound the expiry: the first read that saw the key gone was"
        + " answered 20000 ms after the grant, past TTL 3 s + grace 5000 ms");
  }

  @Test
  void aKeptAliveKeyThatVanishesIsCaught() {
    assertThat(LeaseTiming.keptAlive(0, List.of(at(1, true), at(4, true)))).isEmpty();
    assertThat(LeaseTiming.keptAlive(0, List.of(at(1, true), at(4, false)))).hasSize(1);
  }
}
