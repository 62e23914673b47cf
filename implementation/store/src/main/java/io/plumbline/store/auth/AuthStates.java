package io.plumbline.store.auth;

/**
 * Where the replicated {@link AuthState} lives (one metadata entry of the MVCC store) and a one-entry parse
 * cache: every request and every applied write reads it, and it changes only with Auth changes. The cached
 * copy is shared: readers never mutate it ({@link AuthMachine} works on a fresh parse).
 */
public final class AuthStates {
  /** The metadata key of the JSON-encoded state. */
  public static final String META_KEY = "auth";
  private static volatile Cached last = new Cached(null, new AuthState());

  private record Cached(String json, AuthState state) {}

  private AuthStates() {}

  /** The parsed state of {@code json} (the metadata value; null when auth was never touched). */
  public static AuthState of(String json) {
    Cached c = last;
    if (json == c.json || (json != null && json.equals(c.json))) {
      return c.state;
    }
    AuthState parsed = AuthState.parse(json);
    last = new Cached(json, parsed);
    return parsed;
  }
}
