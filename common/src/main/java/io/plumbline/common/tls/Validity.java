package io.plumbline.common.tls;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When a certificate may be used: {@code notBefore} to {@code notAfter}, both inclusive (RFC 5280 4.1.2.5).
 * Callers pass the instant explicitly so tests can make certificates that are already expired or not yet valid.
 */
public record Validity(Instant notBefore, Instant notAfter) {
  public Validity {
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(notAfter, "notAfter");
    if (notAfter.isBefore(notBefore)) {
      throw new IllegalArgumentException("notAfter " + notAfter + " is before notBefore " + notBefore);
    }
  }

  /** Valid from a minute before {@code now} (clock skew between processes) for {@code length}. */
  public static Validity startingAt(Instant now, Duration length) {
    return new Validity(now.minus(Duration.ofMinutes(1)), now.plus(length));
  }

  /** Expired: valid for a day that ended an hour before {@code now}. */
  public static Validity expiredAt(Instant now) {
    Instant end = now.minus(Duration.ofHours(1));
    return new Validity(end.minus(Duration.ofDays(1)), end);
  }

  /** Not yet valid: starts a day after {@code now}. */
  public static Validity notYetValidAt(Instant now) {
    Instant start = now.plus(Duration.ofDays(1));
    return new Validity(start, start.plus(Duration.ofDays(1)));
  }
}
