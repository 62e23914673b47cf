package io.plumbline.spec.mutation;

import java.nio.file.Path;

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
 * @param search the exact text to replace; it must occur exactly once in {@code file}
 * @param replace the text put in its place
 * @param source the catalogue file it was read from, for messages
 */
public record Mutation(String name, String category, Path file, String model, String catches,
    String why, String search, String replace, Path source) {

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
}
