package io.plumbline.spec.manifest;

import io.plumbline.common.UserError;
import io.plumbline.spec.tlc.Simulation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The manifest {@code spec/models.tsv}: tab-separated, {@code #} comments, one header line
 * {@code name module config expected suite bounds description [allowed-dead [simulate [jit]]]}, then
 * one model per line. The last three columns are optional (a header may stop after description,
 * allowed-dead or simulate); in a row they may be left out or empty. {@code simulate} ({@code num=N
 * depth=D seed=S}) makes the row a TLC {@code -simulate} run; exactly the rows named {@code SIM...}
 * have it. {@code jit} {@code c1} runs a passing model's TLC with C1 only ({@link ModelEntry#c1Only()}).
 *
 * <p>Every malformed row is a {@link UserError} naming {@code spec/models.tsv:LINE}, so a bad row
 * added by anyone fails loudly instead of being skipped.
 */
public final class ModelManifest {
  /** The columns, in order, exactly as the header spells them. */
  public static final List<String> COLUMNS = List.of(
      "name", "module", "config", "expected", "suite", "bounds", "description", "allowed-dead",
      "simulate", "jit");
  /** The required columns: all but the optional last three. */
  private static final int REQUIRED = COLUMNS.size() - 3;

  private final Path file;
  private final String displayName;
  private final List<ModelEntry> entries;

  private ModelManifest(Path file, String displayName, List<ModelEntry> entries) {
    this.file = file;
    this.displayName = displayName;
    this.entries = List.copyOf(entries);
  }

  /** The manifest inside a spec directory. */
  public static Path fileIn(Path specDir) {
    return specDir.resolve("models.tsv");
  }

  /** Reads and validates the manifest of {@code specDir}; model files must exist. */
  public static ModelManifest load(Path specDir) {
    Path file = fileIn(specDir);
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UserError(file + ": cannot read the model manifest (" + e.getMessage() + ")");
    }
    return parse(specDir, file, lines);
  }

  static ModelManifest parse(Path specDir, Path file, List<String> lines) {
    List<ModelEntry> entries = new ArrayList<>();
    Set<String> names = new HashSet<>();
    boolean headerSeen = false;
    for (int i = 0; i < lines.size(); i++) {
      String text = lines.get(i);
      String where = displayName(specDir, file) + ":" + (i + 1);
      if (text.isBlank() || text.stripLeading().startsWith("#")) {
        continue;
      }
      List<String> cells = List.of(text.split("\t", -1));
      if (!headerSeen) {
        if (cells.size() < REQUIRED || !cells.equals(COLUMNS.subList(0, Math.min(cells.size(), COLUMNS.size())))) {
          throw new UserError(where + ": header must be the tab-separated columns "
              + String.join(" ", COLUMNS));
        }
        headerSeen = true;
        continue;
      }
      ModelEntry entry = parseRow(specDir, where, cells, i + 1);
      if (!names.add(entry.name())) {
        throw new UserError(where + ": model name '" + entry.name() + "' appears twice");
      }
      entries.add(entry);
    }
    if (!headerSeen) {
      throw new UserError(displayName(specDir, file) + ": no header line (" + String.join(" ", COLUMNS) + ")");
    }
    return new ModelManifest(file, displayName(specDir, file), entries);
  }

  private static ModelEntry parseRow(Path specDir, String where, List<String> cells, int line) {
    if (cells.size() < REQUIRED || cells.size() > COLUMNS.size()) {
      throw new UserError(where + ": expected " + REQUIRED + " to " + COLUMNS.size()
          + " tab-separated columns, found " + cells.size());
    }
    String name = cells.get(0).strip();
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
      throw new UserError(where + ": name '" + name + "' must be letters, digits, '-', '_' or '.'");
    }
    Path module = existingFile(specDir, where, "module", cells.get(1).strip(), ".tla");
    Path config = existingFile(specDir, where, "config", cells.get(2).strip(), ".cfg");
    try {
      Expectation expected = Expectation.parse(cells.get(3).strip());
      Suite suite = Suite.parse(cells.get(4).strip());
      return new ModelEntry(name, module, config, expected, suite, cells.get(5).strip(),
          cells.get(6).strip(), line, allowedDead(where, cells), simulation(where, name, cells),
          c1Only(where, cells));
    } catch (IllegalArgumentException e) {
      throw new UserError(where + ": " + e.getMessage());
    }
  }

  /**
   * The optional allowed-dead cell: action names separated by spaces or commas; "-" for none;
   * {@code *} for a model that runs without action coverage (see {@link ModelEntry#checksCoverage()}).
   */
  private static Set<String> allowedDead(String where, List<String> cells) {
    String cell = cells.size() > REQUIRED ? cells.get(REQUIRED).strip() : "";
    if (cell.isEmpty() || cell.equals("-")) {
      return Set.of();
    }
    if (cell.equals(ModelEntry.ANY_ACTION)) {
      return Set.of(ModelEntry.ANY_ACTION);
    }
    Set<String> names = new HashSet<>();
    for (String n : cell.split("[,\\s]+")) {
      if (!n.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new UserError(where + ": allowed-dead must be TLA+ action names separated by spaces or "
            + "commas, found '" + n + "'");
      }
      names.add(n);
    }
    return names;
  }

  /** The optional simulate cell: present exactly for the models named SIM... */
  private static Optional<Simulation> simulation(String where, String name, List<String> cells) {
    String cell = cells.size() > REQUIRED + 1 ? cells.get(REQUIRED + 1).strip() : "";
    boolean simulated = !cell.isEmpty() && !cell.equals("-");
    if (simulated != name.startsWith(ModelEntry.SIMULATION_PREFIX)) {
      throw new UserError(where + ": a model named " + ModelEntry.SIMULATION_PREFIX
          + "... needs a simulate cell (num=N depth=D seed=S), and only such a model has one");
    }
    return simulated ? Optional.of(Simulation.parse(cell)) : Optional.empty();
  }

  /** The optional jit cell: {@code c1} (C1 only), or {@code -} or empty (the JVM's default). */
  private static boolean c1Only(String where, List<String> cells) {
    String cell = cells.size() > REQUIRED + 2 ? cells.get(REQUIRED + 2).strip() : "";
    if (!cell.isEmpty() && !cell.equals("-") && !cell.equals("c1")) {
      throw new UserError(where + ": jit must be c1, - or empty, found '" + cell + "'");
    }
    return cell.equals("c1");
  }

  private static Path existingFile(Path specDir, String where, String column, String relative,
      String suffix) {
    if (relative.isEmpty() || !relative.endsWith(suffix) || Path.of(relative).isAbsolute()) {
      throw new UserError(where + ": " + column + " must be a relative path ending in " + suffix
          + ", found '" + relative + "'");
    }
    Path path = specDir.resolve(relative).normalize();
    if (!Files.isRegularFile(path)) {
      throw new UserError(where + ": " + column + " file " + relative + " does not exist under "
          + specDir);
    }
    return path;
  }

  /** "spec/models.tsv" when the file sits in a directory named spec, else the path as given. */
  private static String displayName(Path specDir, Path file) {
    Path dir = specDir.toAbsolutePath().normalize().getFileName();
    return dir == null ? file.toString() : dir + "/" + file.getFileName();
  }

  public Path file() {
    return file;
  }

  public List<ModelEntry> entries() {
    return entries;
  }

  /** The entry with this name, if any. */
  public Optional<ModelEntry> find(String name) {
    return entries.stream().filter(e -> e.name().equals(name)).findFirst();
  }

  /**
   * The models to run: the named ones in the order given (unknown names are a UserError listing
   * the known ones), or when none are named, every model of the given suites in manifest order.
   */
  public List<ModelEntry> select(List<String> names, Set<Suite> suites) {
    if (names.isEmpty()) {
      return entries.stream().filter(e -> suites.contains(e.suite())).toList();
    }
    List<ModelEntry> chosen = new ArrayList<>();
    for (String n : names) {
      chosen.add(find(n).orElseThrow(() -> new UserError("no model named '" + n + "' in "
          + displayName + " (known: " + String.join(", ", entries.stream().map(ModelEntry::name).toList())
          + ")")));
    }
    return chosen;
  }
}
