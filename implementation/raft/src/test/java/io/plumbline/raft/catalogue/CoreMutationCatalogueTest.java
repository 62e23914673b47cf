package io.plumbline.raft.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.raft.InjectedBug;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Runs the core's mutation catalogue: each {@link InjectedBug} must be caught by the check its
 * entry names, and every check must pass on the correct core. Writes the table (bug, check, what
 * it reported, seconds) to {@code target/core-mutation-catalogue.md}; the README holds the same
 * table without the timings compared ({@code -Dplumbline.rewrite=true} rewrites it);
 * {@code -Dplumbline.bugs=A,B} runs only those entries (and their checks' controls).
 */
class CoreMutationCatalogueTest {
  static final Path README = Path.of("../README.md");
  static final Path TABLE = Path.of("target/core-mutation-catalogue.md");
  static final String BEGIN = "<!-- core-mutation-catalogue:begin -->";
  static final String END = "<!-- core-mutation-catalogue:end -->";

  /** One row of the table. */
  record Row(CoreMutationCatalogue.Entry entry, String caught, double seconds) {}

  @Test
  void everyInjectedBugIsCaughtByItsCheckAndTheChecksPassOnTheCorrectCore() throws Exception {
    Set<InjectedBug> listed = EnumSet.noneOf(InjectedBug.class);
    CoreMutationCatalogue.ENTRIES.forEach(e -> listed.add(e.bug()));
    assertThat(listed).as("every InjectedBug has an entry").containsExactlyInAnyOrder(InjectedBug.values());
    assertThat(CoreMutationCatalogue.ENTRIES).hasSize(InjectedBug.values().length);

    List<CoreMutationCatalogue.Entry> entries = selected();
    Map<CoreCheck, Optional<String>> controls = new LinkedHashMap<>();
    for (CoreMutationCatalogue.Entry e : entries) {
      if (!controls.containsKey(e.check())) {
        controls.put(e.check(), e.check().run(Set.of()));
      }
    }
    controls.forEach((check, seen) -> assertThat(seen)
        .as("%s on the correct core", check.name()).isEmpty());

    List<Row> rows = new ArrayList<>();
    List<String> missed = new ArrayList<>();
    for (CoreMutationCatalogue.Entry e : entries) {
      long start = System.nanoTime();
      Optional<String> caught = e.check().run(Set.of(e.bug()));
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf("%s: %s in %.1f s: %s%n", e.bug(), e.check().name(), seconds,
          caught.orElse("NOT CAUGHT"));
      caught.ifPresentOrElse(c -> rows.add(new Row(e, c, seconds)),
          () -> missed.add(e.bug() + " (" + e.check().name() + ")"));
    }
    Files.createDirectories(TABLE.getParent());
    Files.writeString(TABLE, table(rows, true), StandardCharsets.UTF_8);
    assertThat(missed).as("catalogue entries their check does not catch").isEmpty();
    if (entries.size() < CoreMutationCatalogue.ENTRIES.size()) {
      return; // a run of some entries (-Dplumbline.bugs) does not judge the README's whole table
    }

    if (Boolean.getBoolean("plumbline.rewrite")) {
      rewriteReadme(table(rows, true));
    }
    assertThat(rowsWithoutTimes(readmeSection()))
        .as("implementation/README.md's catalogue table (rewrite with -Dplumbline.rewrite=true)")
        .isEqualTo(rowsWithoutTimes(table(rows, true)));
  }

  /**
   * The entries to run: all, or those named by {@code -Dplumbline.bugs=A,B} (their checks' controls
   * only; the README table is then not compared).
   */
  private static List<CoreMutationCatalogue.Entry> selected() {
    String names = System.getProperty("plumbline.bugs", "").trim();
    if (names.isEmpty()) {
      return CoreMutationCatalogue.ENTRIES;
    }
    Set<InjectedBug> wanted = EnumSet.noneOf(InjectedBug.class);
    for (String name : names.split(",")) {
      wanted.add(InjectedBug.valueOf(name.trim()));
    }
    return CoreMutationCatalogue.ENTRIES.stream().filter(e -> wanted.contains(e.bug())).toList();
  }

  /** The table in Markdown; a report is cut to the invariant or action and its first words. */
  static String table(List<Row> rows, boolean withTimes) {
    StringBuilder b = new StringBuilder(
        "| bug | origin | expected check | what it reported | seconds |\n|---|---|---|---|---|\n");
    for (Row r : rows) {
      b.append("| `").append(r.entry().bug()).append("` | ").append(r.entry().origin())
          .append(" | ").append(r.entry().check().name()).append(" | ")
          .append(shorten(r.caught())).append(" | ")
          .append(withTimes ? String.format("%.1f", r.seconds()) : "").append(" |\n");
    }
    return b.toString();
  }

  private static String shorten(String report) {
    String s = report.replace("|", "\\|").replace("\n", " ");
    int cut = s.indexOf(" [");
    s = cut > 0 ? s.substring(0, cut) : s;
    return s.length() > 140 ? s.substring(0, 137) + "..." : s;
  }

  /** The rows without their last (timing) column, for comparing README and run. */
  static List<String> rowsWithoutTimes(String table) {
    return table.lines().filter(l -> l.startsWith("| `"))
        .map(l -> l.substring(0, l.lastIndexOf('|', l.length() - 2)))
        .collect(Collectors.toList());
  }

  private static String readmeSection() throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    int from = readme.indexOf(BEGIN);
    int to = readme.indexOf(END);
    assertThat(from).as("README has " + BEGIN).isNotNegative();
    assertThat(to).as("README has " + END).isGreaterThan(from);
    return readme.substring(from + BEGIN.length(), to);
  }

  private static void rewriteReadme(String table) throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    int from = readme.indexOf(BEGIN);
    int to = readme.indexOf(END);
    Files.writeString(README, readme.substring(0, from + BEGIN.length()) + "\n" + table
        + readme.substring(to), StandardCharsets.UTF_8);
  }
}
