package io.plumbline.spec.mutation;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The catalogue as the Markdown table {@code spec/README.md} shows: one row per mutation, with the
 * model and invariant that caught it and how long that TLC run took. The README keeps the table
 * between two marker lines; {@link #rowsWithoutTimes} is what must stay in step with the catalogue
 * (times differ from run to run and machine to machine).
 */
public final class MutationTable {
  /** The line before the table in the README. */
  public static final String BEGIN = "<!-- BEGIN GENERATED MUTATION TABLE -->";
  /** The line after the table in the README. */
  public static final String END = "<!-- END GENERATED MUTATION TABLE -->";

  private static final String HEADER = """
      | mutation | category | the bug | caught by model | invariant reported | time (s) |
      |---|---|---|---|---|---:|
      """;

  private MutationTable() {}

  /**
   * The table, {@code seconds} giving each mutation's measured time (by name; a missing entry
   * prints as {@code -}).
   */
  public static String render(List<Mutation> catalogue, Map<String, Double> seconds) {
    StringBuilder out = new StringBuilder(HEADER);
    for (Mutation m : catalogue) {
      Double s = seconds.get(m.name());
      out.append(row(m)).append(s == null ? "-" : String.format(Locale.ROOT, "%.1f", s)).append(" |\n");
    }
    return out.toString();
  }

  /** The table's rows without the time column, from the catalogue. */
  public static List<String> rowsWithoutTimes(List<Mutation> catalogue) {
    return catalogue.stream().map(MutationTable::row).toList();
  }

  /** The table's rows without the time column, as found between the markers of a README's text. */
  public static List<String> rowsWithoutTimes(String readme) {
    int begin = readme.indexOf(BEGIN);
    int end = readme.indexOf(END);
    if (begin < 0 || end < begin) {
      return List.of();
    }
    return readme.substring(begin + BEGIN.length(), end).lines()
        .filter(l -> l.startsWith("| `"))
        .map(l -> l.substring(0, l.lastIndexOf('|', l.length() - 2) + 2))
        .collect(Collectors.toList());
  }

  /** What an entry's {@code without:} header left out of the model, for the invariant cell. */
  private static String withoutNote(Mutation m) {
    return m.without().isEmpty() ? ""
        : " (without " + m.without().stream().sorted().map(n -> "`" + n + "`")
            .collect(Collectors.joining(", ")) + ")";
  }

  private static String row(Mutation m) {
    return "| `" + m.name() + "` | " + m.category() + " | " + m.why().replace("|", "\\|")
        + " | `" + m.model() + "` | `" + m.catches() + "`" + withoutNote(m) + " | ";
  }
}
