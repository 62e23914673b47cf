package io.plumbline.spec.check;

import io.plumbline.spec.manifest.ModelEntry;
import io.plumbline.spec.tlc.SimulationReach;
import io.plumbline.spec.tlc.TlcLauncher;
import io.plumbline.spec.tlc.TlcProgress;
import io.plumbline.spec.tlc.TlcRunResult;
import io.plumbline.spec.tlc.TlcRunResult.Outcome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks manifest models one after another with TLC (action coverage on for models expected to
 * pass), or simulates a {@code SIM} model with TLC {@code -simulate}, judges each result against its
 * expectation, flags passes that proved nothing ({@link Vacuity}: for a simulation, one that never
 * reached its target state), and writes every counterexample as JSON into the run's evidence directory.
 *
 * @param launcher how TLC is started
 * @param evidenceDir where counterexample JSON files go
 * @param listener told about progress
 */
public record ModelRunner(TlcLauncher launcher, Path evidenceDir, CheckListener listener) {

  /** Checks every entry in order; one TLC run at a time (each already uses all workers). */
  public List<ModelReport> checkAll(List<ModelEntry> entries) {
    List<ModelReport> reports = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      reports.add(check(entries.get(i), i + 1, entries.size()));
    }
    return reports;
  }

  /** Checks one model. */
  public ModelReport check(ModelEntry entry, int index, int total) {
    long start = System.nanoTime();
    // Coverage only where it is judged (models expected to pass): it costs TLC time. A run that
    // must end at a violation is short, and so is a pass the manifest marks c1: C1 only
    // (TlcLauncher.forShortRun), a simulation too.
    TlcLauncher tlc = entry.simulation().isPresent() ? launcher.withSimulation(entry.simulation().get())
        : entry.expected().expectsPass() && entry.checksCoverage() ? launcher.withCoverage() : launcher;
    if (!entry.expected().expectsPass() || entry.c1Only()) {
      tlc = tlc.forShortRun();
    }
    SimulationReach reach = new SimulationReach();
    TlcLauncher.Observer observer = new TlcLauncher.Observer() {
      @Override
      public void started(Process process) {
        listener.started(entry, index, total, process.pid());
      }

      @Override
      public void progress(TlcProgress progress) {
        listener.progress(entry, progress);
      }
    };
    TlcRunResult result = tlc.run(entry.module(), entry.config(), observer, reach);
    List<String> confirmed = List.of();
    if (tlc.coverage() && entry.simulation().isEmpty() && result.outcome() == Outcome.NO_ERROR
        && !Vacuity.deadActions(result, entry.allowedDead()).isEmpty()) {
      // With one worker TLC's search and its coverage are deterministic, yet a correct model has
      // come out with a live action at 0 in runs at load 28-35 (MCEtcdRaftUpToDate's
      // Step_DropStaleMessage, 36 distinct states in every quiet run). A dead action is dead in
      // every run, so one more complete run decides: the verdict keeps what either run saw fire.
      TlcRunResult again = tlc.run(entry.module(), entry.config(), observer, new SimulationReach());
      List<String> before = Vacuity.deadActions(result, entry.allowedDead());
      if (again.outcome() == Outcome.NO_ERROR && again.stats().distinct() == result.stats().distinct()) {
        result = result.withCoverageOf(again);
      }
      List<String> after = Vacuity.deadActions(result, entry.allowedDead());
      List<String> revived = before.stream().filter(a -> !after.contains(a)).toList();
      confirmed = List.of(revived.isEmpty()
          ? "a second complete run confirmed the dead action(s)"
          : "the first run's coverage showed " + String.join(", ", revived)
              + " at 0; a second complete run credited them (coverage merged)");
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Optional<Path> counterexample = result.trace().isEmpty() ? Optional.empty()
        : Optional.of(CounterexampleJson.write(evidenceDir, entry, result));
    Optional<SimulationReach> simulated = entry.simulation().map(s -> reach);
    List<String> vacuity = simulated.isPresent() ? Vacuity.simulationReasons(result, reach)
        : Vacuity.reasons(result, entry.allowedDead());
    if (!confirmed.isEmpty()) {
      System.out.printf("spec check %s: %s%n", entry.name(), confirmed.get(0));
      if (!vacuity.isEmpty()) {
        vacuity = new ArrayList<>(vacuity);
        vacuity.add(confirmed.get(0));
      }
    }
    ModelReport report = new ModelReport(entry, result,
        Verdict.judge(entry.expected(), result, vacuity), seconds, counterexample,
        MachineLoad.oneMinute(), vacuity, simulated);
    listener.finished(report);
    return report;
  }
}
