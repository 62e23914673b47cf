package io.plumbline.apiserver.store;

/**
 * One change seen by a watch. {@code current} is null for deletions; {@code previous} is null for
 * creations. {@code revision} is the revision of the change itself.
 */
public record StoreEvent(Type type, String key, byte[] current, byte[] previous, long revision) {
  /** etcd's two event kinds. */
  public enum Type { PUT, DELETE }
}
