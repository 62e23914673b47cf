package io.plumbline.chaos.workload;

import io.plumbline.common.UserError;
import java.time.Duration;

/** The workloads {@code --workload} accepts. */
public final class Workloads {
  /** Lock waits last up to a lease TTL behind a stalled holder, so lock calls get longer than 2 s. */
  static final Duration LOCK_TIMEOUT = Duration.ofSeconds(5);

  private Workloads() {}

  public static Workload create(String name, Duration opTimeout) {
    return switch (name) {
      case "register" -> new RegisterWorkload("/plumbline/register/", opTimeout);
      case "etcd-kv" -> new EtcdKvWorkload("/plumbline/kv/", opTimeout);
      case "watch" -> new WatchWorkload("/plumbline/watch/", opTimeout);
      case "lock" -> new LockWorkload(false, "/plumbline/lock/", LOCK_TIMEOUT, 20);
      case "lock-fenced" -> new LockWorkload(true, "/plumbline/lock/", LOCK_TIMEOUT, 20);
      case "txn" -> new TxnWorkload("/plumbline/txn/", opTimeout);
      case "lease" -> new LeaseWorkload("/plumbline/lease/", opTimeout);
      default -> throw new UserError("--workload: unknown workload '" + name + "'; expected register, etcd-kv, watch, txn, lease, lock or lock-fenced");
    };
  }
}
