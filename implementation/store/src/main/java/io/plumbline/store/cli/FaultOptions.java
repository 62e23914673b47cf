package io.plumbline.store.cli;

import io.plumbline.store.fault.FaultMode;
import io.plumbline.store.fault.Faults;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --fault MODE} and {@code --fault-seed}: one picocli mixin for {@code store} and {@code cluster start}. */
final class FaultOptions {
  @Option(names = "--fault", paramLabel = "MODE",
      description = "Break one guarantee on purpose, to see the conformance suite catch it: ${COMPLETION-CANDIDATES}.",
      completionCandidates = FaultNames.class)
  String fault;

  @Option(names = "--fault-seed", defaultValue = "0",
      description = "Shifts which revisions lost-watch-event and revision-skip affect (default ${DEFAULT-VALUE}).")
  long seed;

  /** The chosen mode, or null for a correct store; a one-line user error for an unknown name. */
  FaultMode mode() {
    return fault == null ? null : FaultMode.parse(fault);
  }

  /** The store's fault configuration. */
  Faults faults() {
    return fault == null ? Faults.NONE : Faults.of(mode(), seed);
  }

  /** The same flags for a member's command line (none for a correct store). */
  List<String> memberArgs() {
    return fault == null ? List.of() : List.of("--fault", fault, "--fault-seed", Long.toString(seed));
  }
}
