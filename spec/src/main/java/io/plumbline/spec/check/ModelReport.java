package io.plumbline.spec.check;

import io.plumbline.spec.manifest.ModelEntry;
import io.plumbline.spec.tlc.SimulationReach;
import io.plumbline.spec.tlc.TlcRunResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The outcome of checking one model.
 *
 * @param entry the manifest row
 * @param result what TLC found
 * @param verdict how that compares with the expectation
 * @param seconds wall-clock time of the TLC run
 * @param counterexampleFile where the counterexample was written as JSON, if there was one
 * @param loadAfter the machine's 1-minute load average when the run ended, if known
 * @param vacuity why a run without error proved (almost) nothing ({@link Vacuity}); empty if not
 * @param simulation for a simulation model, how far its walks got (highest term, target)
 */
public record ModelReport(
    ModelEntry entry, TlcRunResult result, Verdict verdict, double seconds,
    Optional<Path> counterexampleFile, OptionalDouble loadAfter, List<String> vacuity,
    Optional<SimulationReach> simulation) {

  public ModelReport {
    vacuity = List.copyOf(vacuity);
  }

  /** A report of an exhaustive check. */
  public ModelReport(ModelEntry entry, TlcRunResult result, Verdict verdict, double seconds,
      Optional<Path> counterexampleFile, OptionalDouble loadAfter, List<String> vacuity) {
    this(entry, result, verdict, seconds, counterexampleFile, loadAfter, vacuity, Optional.empty());
  }

  /** A report with no vacuity reasons. */
  public ModelReport(ModelEntry entry, TlcRunResult result, Verdict verdict, double seconds,
      Optional<Path> counterexampleFile, OptionalDouble loadAfter) {
    this(entry, result, verdict, seconds, counterexampleFile, loadAfter, List.of());
  }
}
