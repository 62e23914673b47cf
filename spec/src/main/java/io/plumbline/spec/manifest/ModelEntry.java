package io.plumbline.spec.manifest;

import io.plumbline.spec.tlc.Simulation;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * One row of {@code spec/models.tsv}: a TLC model and the result it must give.
 *
 * @param name unique short name used on the command line and in reports
 * @param module the model's root module, resolved against the spec directory
 * @param config the TLC configuration file, resolved against the spec directory
 * @param expected the result the model must give
 * @param suite which runs include it
 * @param bounds human-readable bounds (documentation only)
 * @param description what the model checks (documentation only)
 * @param line the manifest line it came from, for messages
 * @param allowedDead actions of the next-state relation that may never fire in this model (e.g.
 *     Restart when the model has no crashes); any other action that never fires makes a passing
 *     model VACUOUS; {@link #ANY_ACTION} alone: the model runs without action coverage
 * @param simulation for a simulation model (name prefix {@link #SIMULATION_PREFIX}): the TLC
 *     {@code -simulate} run that checks it instead of an exhaustive search
 * @param c1Only whether TLC's JVM compiles with C1 only ({@code TlcLauncher.forShortRun}) for this
 *     model even when it is expected to pass: for a passing model of up to a few hundred thousand
 *     generated states, C2's compilations of TLC's evaluator cost more CPU than they win back
 *     (MCEtcdRaftFiveReads, 12,526 generated, with coverage: 16.5 CPU-s with C2, 6.4 with C1). Runs
 *     that must end at a violation are C1 only whatever this says.
 */
public record ModelEntry(
    String name,
    Path module,
    Path config,
    Expectation expected,
    Suite suite,
    String bounds,
    String description,
    int line,
    Set<String> allowedDead,
    Optional<Simulation> simulation,
    boolean c1Only) {

  /** The name prefix of simulation models; they, and only they, have a {@code simulate} cell. */
  public static final String SIMULATION_PREFIX = "SIM";

  /**
   * The allowed-dead cell {@code *}: TLC runs this model without {@code -coverage}, so only the
   * state-count part of the vacuity check applies. For the largest CI model, where collecting action
   * coverage doubles the time (MCEtcdRaft: 232 s without, 466 s with, both at load ≈ 2); smaller
   * models with the same actions keep the check.
   */
  public static final String ANY_ACTION = "*";

  public ModelEntry {
    allowedDead = Set.copyOf(allowedDead);
  }

  /** A model whose passing run uses the JVM's default compilers (C1, then C2). */
  public ModelEntry(String name, Path module, Path config, Expectation expected, Suite suite,
      String bounds, String description, int line, Set<String> allowedDead,
      Optional<Simulation> simulation) {
    this(name, module, config, expected, suite, bounds, description, line, allowedDead, simulation, false);
  }

  /** An exhaustively checked model (no simulation). */
  public ModelEntry(String name, Path module, Path config, Expectation expected, Suite suite,
      String bounds, String description, int line, Set<String> allowedDead) {
    this(name, module, config, expected, suite, bounds, description, line, allowedDead, Optional.empty());
  }

  /**
   * Whether TLC collects action coverage for this model when it is expected to pass (never for a
   * simulation: its vacuity check is whether it reached its target, see SimulationReach).
   */
  public boolean checksCoverage() {
    return !allowedDead.contains(ANY_ACTION) && simulation.isEmpty();
  }

  /** An entry that allows no action to be dead. */
  public ModelEntry(String name, Path module, Path config, Expectation expected, Suite suite,
      String bounds, String description, int line) {
    this(name, module, config, expected, suite, bounds, description, line, Set.of());
  }
}
