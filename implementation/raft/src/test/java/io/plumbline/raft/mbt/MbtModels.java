package io.plumbline.raft.mbt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the model-based tests get their behaviours: TLC runs on {@code spec/raft} models, made
 * once per test JVM and shared by the test classes. Settings (system properties, e.g. {@code
 * -Dplumbline.mbt.graph=MCEtcdRaftMBT}): {@code plumbline.mbt.graph} the config whose state graph
 * is covered (default {@code MCEtcdRaftMBTQuick}), {@code plumbline.mbt.traces} (1000), {@code
 * plumbline.mbt.depth} (40) and {@code plumbline.mbt.seed} (1) for the CI model's simulation.
 */
final class MbtModels {
  /** The module every MBT config is checked with (it extends MCEtcdRaft). */
  static final String MODULE = "MCEtcdRaftReplay.tla";
  /** The CI model's bounds as a simulation config. */
  static final String SIMULATION_CONFIG = "MCEtcdRaftSim";
  /** The CI model's bounds with one fixed campaigner (deeper replication and re-elections). */
  static final String ONE_CAMPAIGNER_CONFIG = "MCEtcdRaftSimOneCampaigner";

  private static final Map<String, StateGraph> GRAPHS = new HashMap<>();
  private static final Map<String, List<Path>> TRACES = new HashMap<>();

  private MbtModels() {}

  static String graphConfig() {
    return System.getProperty("plumbline.mbt.graph", "MCEtcdRaftMBTQuick");
  }

  static int traceCount() {
    return Integer.getInteger("plumbline.mbt.traces", 1000);
  }

  static int traceDepth() {
    return Integer.getInteger("plumbline.mbt.depth", 40);
  }

  static long seed() {
    return Long.getLong("plumbline.mbt.seed", 1L);
  }

  static Path specRaft() {
    return Path.of(System.getProperty("plumbline.root", "../..")).resolve("spec/raft");
  }

  /** Where runs write TLC output and reports: {@code implementation/raft/target/mbt}. */
  static Path workRoot() throws IOException {
    return Files.createDirectories(Path.of("target", "mbt").toAbsolutePath());
  }

  /** The state graph of {@code config} (TLC runs the first time it is asked for). */
  static synchronized StateGraph graph(String config) throws IOException, InterruptedException {
    if (!GRAPHS.containsKey(config)) {
      Path work = fresh(workRoot().resolve("graph-" + config));
      Path dot = TlcRun.dumpGraph(specRaft().resolve(MODULE), specRaft().resolve(config + ".cfg"), work);
      GRAPHS.put(config, StateGraph.read(dot));
    }
    return GRAPHS.get(config);
  }

  /** Simulation traces of the CI model's bounds, as the settings ask. */
  static List<Path> traces() throws IOException, InterruptedException {
    return traces(SIMULATION_CONFIG, traceCount(), traceDepth(), seed());
  }

  /** Simulation traces of {@code config} (TLC runs the first time they are asked for). */
  static synchronized List<Path> traces(String config, int count, int depth, long seed)
      throws IOException, InterruptedException {
    String key = config + "-" + count + "-" + depth + "-" + seed;
    if (!TRACES.containsKey(key)) {
      Path work = fresh(workRoot().resolve("simulation-" + key));
      TRACES.put(key, TlcRun.simulate(specRaft().resolve(MODULE),
          specRaft().resolve(config + ".cfg"), work, count, depth, seed));
    }
    return TRACES.get(key);
  }

  /** Crash/restart: the CI model's bounds ({@code MCEtcdRaftSim.cfg}) with {@code Faults = {"Restart"}}. */
  static final String RESTART_CONFIG = "MCEtcdRaftSimRestart";

  /**
   * The persist/send split ({@code Faults = {"Restart", "AsyncPersist"}}, one fixed campaigner,
   * the core's Ready discipline {@code SynchronousReady}): a spec/raft config of its own.
   */
  static final String SPLIT_CONFIG = "MCEtcdRaftSimSplit";

  /** The split without crashes: {@link #SPLIT_CONFIG} with {@code Faults = {"AsyncPersist"}}. */
  static final String SPLIT_NO_RESTART_CONFIG = "MCEtcdRaftSimSplitNoRestart";

  /**
   * Reads across restarts ({@code MCEtcdRaftReplay.MixSpec}): a client value is committed, members
   * that know it crash and recover from their disks, ReadIndex reads complete afterwards.
   */
  static final String MIX_CONFIG = "MCEtcdRaftSimMix";

  /** {@link #MIX_CONFIG}'s shape with the persist/send split ({@code "AsyncPersist"}). */
  static final String SPLIT_READS_CONFIG = "MCEtcdRaftSimSplitReads";

  /** Behaviours with reads across restarts: config {@link #MIX_CONFIG}. */
  static List<Path> mixTraces(int count, int depth, long seed)
      throws IOException, InterruptedException {
    return traces(MIX_CONFIG, count, depth, seed);
  }

  /** Behaviours of the persist/send split with reads across restarts: {@link #SPLIT_READS_CONFIG}. */
  static List<Path> splitReadTraces(int count, int depth, long seed)
      throws IOException, InterruptedException {
    return traces(SPLIT_READS_CONFIG, count, depth, seed);
  }

  /** Behaviours of the persist/send split with crashes: config {@link #SPLIT_CONFIG}. */
  static List<Path> splitTraces(int count, int depth, long seed)
      throws IOException, InterruptedException {
    return traces(SPLIT_CONFIG, count, depth, seed);
  }

  /**
   * Behaviours of the persist/send split without crashes, generated: random behaviours with
   * crashes spend most of their steps on re-elections and rarely reach replication and commit.
   */
  static List<Path> splitNoRestartTraces(int count, int depth, long seed)
      throws IOException, InterruptedException {
    return generatedTraces(SPLIT_NO_RESTART_CONFIG, SPLIT_CONFIG,
        "Faults = {\"Restart\", \"AsyncPersist\"}", "Faults = {\"AsyncPersist\"}", count, depth, seed);
  }

  /** Behaviours with spec {@code Restart}: config {@link #RESTART_CONFIG}, generated. */
  static List<Path> restartTraces(int count, int depth, long seed)
      throws IOException, InterruptedException {
    return generatedTraces(RESTART_CONFIG, SIMULATION_CONFIG, "Faults = {}",
        "Faults = {\"Restart\"}", count, depth, seed);
  }

  /**
   * Simulation traces of a config generated in {@code target/mbt} from spec/raft's {@code base}
   * with one constant changed ({@code from} to {@code to}); spec/raft itself is not edited.
   */
  private static synchronized List<Path> generatedTraces(String name, String base, String from,
      String to, int count, int depth, long seed) throws IOException, InterruptedException {
    String key = name + "-" + count + "-" + depth + "-" + seed;
    if (!TRACES.containsKey(key)) {
      String cfg = Files.readString(specRaft().resolve(base + ".cfg"));
      if (!cfg.contains(from)) {
        throw new IllegalStateException(base + ".cfg no longer has " + from);
      }
      Path work = fresh(workRoot().resolve("simulation-" + key));
      // TLC reads a config beside its module only: run a copy of the modules with the config.
      Path model = Files.createDirectories(work.resolve("model"));
      try (var modules = Files.list(specRaft())) {
        for (Path tla : modules.filter(p -> p.toString().endsWith(".tla")).toList()) {
          Files.copy(tla, model.resolve(tla.getFileName()));
        }
      }
      Path config = model.resolve(name + ".cfg");
      Files.writeString(config, cfg.replace(from, to));
      TRACES.put(key, TlcRun.simulate(model.resolve(MODULE), config, work, count, depth, seed));
    }
    return TRACES.get(key);
  }

  private static Path fresh(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (var paths = Files.walk(dir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    return Files.createDirectories(dir);
  }
}
