package io.plumbline.common.setup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The programs the set-up provides: its {@code ensure_command PROGRAM PACKAGE} lines, program → package. */
final class SetupScript {
  private static final Pattern ENSURE = Pattern.compile("(?m)^\\s*ensure_command\\s+(\\S+)\\s+(\\S+)");

  private SetupScript() {}

  /** Reads {@code scripts/test} and every helper under {@code scripts/lib} of the tree at {@code root}. */
  static Map<String, String> provided(Path root) throws IOException {
    Map<String, String> out = new HashMap<>(parse(Files.readString(root.resolve("scripts/test"))));
    try (Stream<Path> lib = Files.list(root.resolve("scripts/lib"))) {
      for (Path p : (Iterable<Path>) lib.sorted()::iterator) {
        out.putAll(parse(Files.readString(p)));
      }
    }
    return out;
  }

  static Map<String, String> parse(String script) {
    Map<String, String> out = new HashMap<>();
    Matcher m = ENSURE.matcher(script);
    while (m.find()) {
      out.put(m.group(1), m.group(2));
    }
    return out;
  }
}
