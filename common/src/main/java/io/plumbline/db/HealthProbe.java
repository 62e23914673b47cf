package io.plumbline.db;

/**
 * Tells whether a member answers as healthy. One probe call never blocks longer than its timeout. Every member
 * (real etcd, the reference store, a user's command, a container) is probed by {@link StatusProbe#grpc}: the
 * Maintenance.Status call every etcd-API store answers, where HTTP {@code /health} is etcd's own extra. Tests
 * may pass their own.
 */
@FunctionalInterface
public interface HealthProbe {
  /** True when the member at {@code clientUrl} is healthy now. */
  boolean healthy(String clientUrl);
}
