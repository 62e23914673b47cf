package io.plumbline.chaos.cli;

import io.plumbline.chaos.runtime.local.FakeClock;
import io.plumbline.chaos.runtime.local.LocalTarget;
import io.plumbline.common.UserError;

/** Whether {@code --nemesis clock} can work for a target on the local runtime; a one-line refusal otherwise. */
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
}
