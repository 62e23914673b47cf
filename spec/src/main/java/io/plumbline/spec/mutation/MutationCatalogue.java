package io.plumbline.spec.mutation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads the mutation catalogue: every {@code *.mutation} file of {@code spec/mutations/}, in file
 * name order. A file is a header of {@code key: value} lines ({@code #} lines are comments), then
 * the exact search text after a line {@code === search} and the exact replacement after a line
 * {@code === replace} (up to the end of the file, without its last newline). Blocks instead of
 * escaped one-line cells, because TLA+ is full of backslashes ({@code \A}, {@code /\},
 * {@code \notin}) that an escape syntax would make ambiguous. Header keys: {@code category},
 * {@code model}, {@code catches}, {@code why}, and the optional {@code file} (default
 * {@code raft/EtcdRaft.tla}) and {@code without} (checks left out of the model's cfg for this entry,
 * see {@link Mutation#configFor}).
 */
public final class MutationCatalogue {
  /** The catalogue's folder under {@code spec/}. */
  public static final String FOLDER = "mutations";

  private static final String SEARCH = "=== search\n";
  private static final String REPLACE = "\n=== replace\n";
  private static final Set<String> KEYS = Set.of("category", "file", "model", "catches", "why", "without");

  private MutationCatalogue() {}

  /** Every mutation of {@code specDir/mutations}, in file name order. */
  public static List<Mutation> load(Path specDir) {
    try (Stream<Path> files = Files.list(specDir.resolve(FOLDER))) {
      List<Mutation> all = new ArrayList<>();
      for (Path f : files.filter(p -> p.toString().endsWith(".mutation")).sorted().toList()) {
        all.add(parse(f, Files.readString(f, StandardCharsets.UTF_8)));
      }
      return all;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the mutation catalogue in " + specDir, e);
    }
  }

  /** Parses one catalogue file's text. */
  static Mutation parse(Path source, String text) {
    int s = text.indexOf(SEARCH);
    int r = text.indexOf(REPLACE);
    if (s < 0 || r < s) {
      throw new IllegalArgumentException(source + ": needs a '=== search' block, then '=== replace'");
    }
    Map<String, String> header = header(source, text.substring(0, s));
    String search = text.substring(s + SEARCH.length(), r);
    String replace = text.substring(r + REPLACE.length());
    replace = replace.endsWith("\n") ? replace.substring(0, replace.length() - 1) : replace;
    if (search.isEmpty() || search.equals(replace)) {
      throw new IllegalArgumentException(source + ": the search text is empty or equals the replacement");
    }
    String file = source.getFileName().toString();
    return new Mutation(file.substring(0, file.length() - ".mutation".length()),
        header.get("category"), Path.of(header.getOrDefault("file", "raft/EtcdRaft.tla")),
        header.get("model"), header.get("catches"), header.get("why"), without(source, header), search,
        replace, source);
  }

  /** The names of the optional {@code without:} header, separated by commas or spaces. */
  private static Set<String> without(Path source, Map<String, String> header) {
    String value = header.getOrDefault("without", "");
    Set<String> names = new LinkedHashSet<>(
        Arrays.stream(value.split("[,\\s]+")).filter(n -> !n.isEmpty()).toList());
    for (String n : names) {
      if (!n.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new IllegalArgumentException(
            source + ": without: '" + n + "' is not an invariant or property name");
      }
    }
    if (header.containsKey("without") && names.isEmpty()) {
      throw new IllegalArgumentException(source + ": without: names no invariant or property");
    }
    return Set.copyOf(names);
  }

  private static Map<String, String> header(Path source, String text) {
    Map<String, String> header = new HashMap<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(':');
      String key = colon < 0 ? line : line.substring(0, colon).trim();
      if (colon < 0 || !KEYS.contains(key)) {
        throw new IllegalArgumentException(source + ": bad header line '" + line + "' (keys: " + KEYS + ")");
      }
      header.put(key, line.substring(colon + 1).trim());
    }
    for (String required : List.of("category", "model", "catches", "why")) {
      if (!header.containsKey(required)) {
        throw new IllegalArgumentException(source + ": missing header '" + required + ":'");
      }
    }
    return header;
  }
}
