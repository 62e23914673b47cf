package io.plumbline.apiserver.store;

/**
 * The outcome of a conditional write. Expected refusals are values, not exceptions: the caller
 * maps them to 409/404. Store failures (timeouts, unavailability) are {@link StoreFailure}.
 */
public sealed interface WriteResult {
  /** The write happened at {@code revision}. */
  record Committed(long revision) implements WriteResult {}

  /** The key's precondition failed; {@code current} is what the key holds now (null: absent). */
  record PreconditionFailed(StoredValue current) implements WriteResult {}

  /** A {@link WriteGuard} did not hold; nothing was written. */
  record GuardFailed(WriteGuard guard) implements WriteResult {}
}
