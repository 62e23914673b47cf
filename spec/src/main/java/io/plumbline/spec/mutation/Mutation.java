package io.plumbline.spec.mutation;

import java.nio.file.Path;
import java.util.Set;

/**
 * One entry of the spec's mutation catalogue ({@code spec/mutations/*.mutation}): a plausible bug,
 * written as an exact search/replace edit of the real spec text, and the CI model and invariant
 * that must catch it.
 *
 * @param name short unique name (the file name without {@code .mutation})
 * @param category which part of Raft it breaks (vote handling, commit rules, …)
 * @param file the spec file to edit, relative to {@code spec/}
 * @param model the {@code ci} model of {@code models.tsv} (expected to pass) that must catch it
 * @param catches the invariant or action property that model must report violated
 * @param why one sentence: the bug and where it comes from
 * @param without invariants and properties left out of the model's cfg for this entry's run (header
 *     {@code without:}, empty when absent): the entry then shows that {@code catches} bites on its
 *     own where a newer check of the model would report the same mutant first
 * @param search the exact text to replace; it must occur exactly once in {@code file}
 * @param replace the text put in its place
 * @param source the catalogue file it was read from, for messages
 */
public record Mutation(String name, String category, Path file, String model, String catches,
    String why, Set<String> without, String search, String replace, Path source) {

  /**
   * The spec text with this mutation applied.
   *
   * @throws IllegalStateException if the search text does not occur exactly once (the spec moved
   *     on: the catalogue entry must be updated, never silently skipped)
   */
  public String applyTo(String specText) {
    int first = specText.indexOf(search);
    if (first < 0) {
      throw new IllegalStateException(source + ": the search text no longer occurs in " + file);
    }
    if (specText.indexOf(search, first + 1) >= 0) {
      throw new IllegalStateException(source + ": the search text occurs more than once in " + file);
    }
    return specText.substring(0, first) + replace + specText.substring(first + search.length());
  }

  /**
   * The model's cfg text for this entry's run: without the checks {@link #without} names.
   *
   * @param cfg the cfg's path, for messages
   * @throws IllegalArgumentException naming this entry's file and its {@code without:} field if a
   *     name there is not an invariant or property of the cfg, or is the one the entry catches
   */
  public String configFor(String cfgText, Path cfg) {
    if (without.isEmpty()) {
      return cfgText;
    }
    if (without.contains(catches)) {
      throw new IllegalArgumentException(source + ": without: " + catches
          + " is the property the entry catches");
    }
    try {
      return CfgChecks.without(cfgText, without);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": without: " + e.getMessage() + " " + cfg
          + " (model " + model + ")", e);
    }
  }
}
