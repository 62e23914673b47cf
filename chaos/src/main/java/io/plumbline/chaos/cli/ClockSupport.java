package io.plumbline.chaos.cli;

import io.plumbline.chaos.runtime.local.FakeClock;
import io.plumbline.chaos.runtime.local.LocalTarget;
import io.plumbline.common.UserError;

/** Whether {@code --nemesis clock} can work for a target on a runtime; a one-line refusal otherwise. */
final class ClockSupport {
  private ClockSupport() {}

  static void check(String target, LocalTarget t) {
    if (!t.fakeableClock()) {
      throw new UserError("--nemesis clock: unsupported on the local runtime for " + target + ": etcd (a Go program) "
          + "reads time through the vDSO, not libc, so libfaketime cannot shift its clock; use --target reference");
    }
    if (FakeClock.library().isEmpty()) {
      throw new UserError("--nemesis clock: libfaketime is not installed; run 'apt-get install faketime' "
          + "(scripts/test installs it)");
    }
  }

  /**
   * On containers the base image brings libfaketime, so only the target matters: the reference store
   * (a JVM, time through libc) works; etcd never (Go, vDSO); {@code image:} and {@code cmd:} members
   * are refused because nothing says how they read time.
   */
  static void checkContainers(String target) {
    if (target.equals("reference")) {
      return;
    }
    throw new UserError("--nemesis clock: unsupported on the containers runtime for " + target + ": "
        + (target.equals("etcd") ? "etcd is a Go program and reads time through the vDSO, not libc, so libfaketime "
            + "cannot shift its clock" : "only the reference store's members are known to read time through libc")
        + "; use --target reference");
  }
}
