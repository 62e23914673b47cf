package io.plumbline.chaos.workload;

import io.plumbline.common.UserError;
import io.plumbline.common.cli.EtcdAccess;
import java.time.Duration;

/** The workloads {@code --workload} accepts. */
public final class Workloads {
  /** Lock waits last up to a lease TTL behind a stalled holder, so lock calls get longer than 2 s. */
  static final Duration LOCK_TIMEOUT = Duration.ofSeconds(5);

  private Workloads() {}

  public static Workload create(String name, Duration opTimeout) {
    return create(name, opTimeout, EtcdAccess.NONE);
  }

  /** The workload named {@code name}, its clients reaching the members with {@code access} (TLS files, user). */
  public static Workload create(String name, Duration opTimeout, EtcdAccess access) {
    return switch (name) {
      case "register" -> new RegisterWorkload("/plumbline/register/", opTimeout, access);
      case "etcd-kv" -> new EtcdKvWorkload("/plumbline/kv/", opTimeout, access);
      case "watch" -> new WatchWorkload("/plumbline/watch/", opTimeout, access);
      case "lock" -> new LockWorkload(false, "/plumbline/lock/", LOCK_TIMEOUT, 20, access);
      case "lock-fenced" -> new LockWorkload(true, "/plumbline/lock/", LOCK_TIMEOUT, 20, access);
      case "txn" -> new TxnWorkload("/plumbline/txn/", opTimeout, access);
      case "lease" -> new LeaseWorkload("/plumbline/lease/", opTimeout, access);
      default -> throw new UserError("--workload: unknown workload '" + name + "'; expected register, etcd-kv, watch, txn, lease, lock or lock-fenced");
    };
  }
}
