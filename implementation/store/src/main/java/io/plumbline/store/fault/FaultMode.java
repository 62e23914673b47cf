package io.plumbline.store.fault;

import io.plumbline.common.UserError;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The deliberate misbehaviours of the reference store ({@code --fault MODE}). Each breaks exactly one
 * guarantee of etcd's API, visibly to clients, so the conformance suite can show that it notices.
 * A member in a fault mode is NOT a correct store: never use one for anything but testing checkers.
 */
public enum FaultMode {
  /** Linearizable reads are answered from local state without a ReadIndex round (as serializable ones). */
  STALE_READ("stale-read",
      "linearizable reads are served from local state without ReadIndex: followers return stale data"),
  /** Watch streams silently leave out the events of one revision in every {@link Faults#PERIOD}. */
  LOST_WATCH_EVENT("lost-watch-event",
      "watch streams silently skip every event of one revision in " + Faults.PERIOD + " (seeded)"),
  /** A txn with several writes is applied as one revision per write, each visible on its own. */
  SPLIT_TXN("split-txn",
      "a txn with several writes is applied as one revision per write, visible to concurrent readers"),
  /** The store revision jumps by 2 instead of 1 for one write transaction in every {@link Faults#PERIOD}. */
  REVISION_SKIP("revision-skip",
      "the store revision jumps by 2 for one write in " + Faults.PERIOD + " (seeded)"),
  /** Lease deadlines are a quarter of the TTL: keys attached to a lease vanish well before it. */
  EARLY_LEASE_EXPIRY("early-lease-expiry",
      "leases expire after a quarter of their TTL"),
  /** The txn check walks nested branches again at every level, as the store once did ({@link QuadraticTxnChecks}). */
  NESTED_TXN_HANG("nested-txn-hang",
      "the txn check's work doubles per nesting level: a 40-deep nested txn keeps a member busy for ever"),
  /** With auth on, any authenticated user may read and write every key (roles and permissions are not checked). */
  AUTH_IGNORES_PERMISSIONS("auth-ignores-permissions",
      "with auth enabled, any authenticated user reads and writes every key: role permissions are not checked"),
  /** Deleting a user or changing its password leaves its tokens valid. */
  AUTH_KEEPS_TOKENS("auth-keeps-tokens",
      "tokens stay valid after their user is deleted or its password changed"),
  /** With auth on, a request without a token or client certificate is served as root. */
  AUTH_ALLOWS_ANONYMOUS("auth-allows-anonymous",
      "with auth enabled, requests without credentials are served as root"),
  /** Authenticate gives a token to an existing user whatever the password. */
  AUTH_ACCEPTS_ANY_PASSWORD("auth-accepts-any-password",
      "authenticate hands a token to an existing user without checking the password"),
  /** A put asked for prev_kv answers the key-value it just wrote instead of the one it replaced. */
  PUT_PREV_KV_IS_NEW("put-prev-kv-is-new",
      "a put with prev_kv answers the key-value it just wrote instead of the one it replaced");

  private final String flag;
  private final String meaning;

  FaultMode(String flag, String meaning) {
    this.flag = flag;
    this.meaning = meaning;
  }

  /** The name on the command line, e.g. {@code stale-read}. */
  public String flag() {
    return flag;
  }

  /** What the mode breaks, in one line. */
  public String meaning() {
    return meaning;
  }

  /** Every mode's flag name, comma-separated, in declaration order. */
  public static String validNames() {
    return Arrays.stream(values()).map(FaultMode::flag).collect(Collectors.joining(", "));
  }

  /** The mode called {@code name}; a one-line user error naming the valid modes otherwise. */
  public static FaultMode parse(String name) {
    for (FaultMode m : values()) {
      if (m.flag.equals(name)) {
        return m;
      }
    }
    throw new UserError("--fault: unknown mode '" + name + "'; expected one of " + validNames());
  }

  @Override
  public String toString() {
    return flag;
  }
}
