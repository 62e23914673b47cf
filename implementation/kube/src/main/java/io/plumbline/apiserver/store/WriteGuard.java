package io.plumbline.apiserver.store;

/**
 * An extra condition a write must satisfy, checked by the store in the same transaction as the
 * write: the key {@code key} must still be at {@code modRevision}. This is the one place fencing
 * hooks in — a fenced write carries a guard on the leader's Lease as it was when checked.
 */
public record WriteGuard(String key, long modRevision) {}
