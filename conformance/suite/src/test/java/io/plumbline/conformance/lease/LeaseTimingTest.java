package io.plumbline.conformance.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LeaseTimingTest {
  private static final long S = 1_000_000_000L;
  private static final long GRACE = 5 * S;

  private static Probe at(double seconds, boolean present) {
    long t = (long) (seconds * S);
    return new Probe(t, t + 10_000_000L, present);
  }

  @Test
  void expiryAfterTheTtlPasses() {
    assertThat(LeaseTiming.expiry(0, 3, List.of(at(1, true), at(2.9, true), at(3.6, false), at(3.7, false)), GRACE))
        .isEmpty();
  }

  @Test
  void anEarlyExpiryIsCaught() {
    assertThat(LeaseTiming.expiry(0, 3, List.of(at(1, true), at(1.5, false)), GRACE)).singleElement().asString()
        .startsWith("early expiry: the key was gone 1510 ms after the grant was sent, before its TTL of 3 s");
  }

  @Test
  void aLeaseThatNeverExpiresIsCaught() {
    assertThat(LeaseTiming.expiry(0, 3, List.of(at(1, true), at(8, true)), GRACE)).singleElement().asString()
        .startsWith("the key still existed 8000 ms after the grant");
  }

  @Test
  void aKeyThatComesBackIsCaught() {
    assertThat(LeaseTiming.expiry(0, 3, List.of(at(3.5, false), at(3.7, true)), GRACE)).singleElement().asString()
        .contains("came back");
  }

  @Test
  void aKeptAliveKeyThatVanishesIsCaught() {
    assertThat(LeaseTiming.keptAlive(0, List.of(at(1, true), at(4, true)))).isEmpty();
    assertThat(LeaseTiming.keptAlive(0, List.of(at(1, true), at(4, false)))).hasSize(1);
  }
}
