package io.plumbline.common.setup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the external programs a Java source file starts, from the code's own words rather than a
 * hand-kept list: an absolute path to a program ({@code "/usr/sbin/haproxy"}), the first argument of
 * {@code new ProcessBuilder(...)} or {@code Runtime.exec(...)} when it is a literal, a constant, or a
 * local command list whose first element is a literal ({@code cmd.add("docker")},
 * {@code new ArrayList<>(List.of("etcdctl", ...))}). A command handed in from elsewhere (a parameter)
 * is found where its program is named, which is one of the forms above.
 */
final class JavaProgramScanner {
  private static final String NAME = "[A-Za-z0-9][A-Za-z0-9._+-]*";
  private static final Pattern ABSOLUTE = Pattern.compile("\"(?:/usr)?/s?bin/(" + NAME + ")\"");
  private static final Pattern LAUNCH = Pattern.compile(
      "(?:new\\s+ProcessBuilder|\\.exec)\\(\\s*(?:\"(" + NAME + ")[\" ]|([A-Za-z_][A-Za-z0-9_]*)\\s*[,)])");
  private static final Pattern CURRENT_JVM = Pattern.compile("ProcessHandle\\.current\\(\\)\\.info\\(\\)\\.command\\(\\)");

  private JavaProgramScanner() {}

  /**
   * @param constants every {@code NAME = "value"} constant of the code base, by name, so a launch
   *     through a constant defined in another file resolves
   */
  static List<ProgramReference> scan(String file, String source, Map<String, String> constants) {
    String code = SourceText.withoutJavaComments(source);
    List<ProgramReference> found = new ArrayList<>();
    Matcher m = ABSOLUTE.matcher(code);
    while (m.find()) {
      found.add(new ProgramReference(m.group(1), file, SourceText.lineOf(code, m.start())));
    }
    Matcher launch = LAUNCH.matcher(code);
    while (launch.find()) {
      int line = SourceText.lineOf(code, launch.start());
      String program = launch.group(1) != null ? launch.group(1) : resolve(launch.group(2), code, launch.start(), constants);
      if (program != null) {
        found.add(new ProgramReference(baseName(program), file, line));
      }
    }
    return found;
  }

  /** What an identifier passed to a launch names: a constant's value, or a local list's first literal. */
  private static String resolve(String identifier, String code, int at, Map<String, String> constants) {
    if (constants.containsKey(identifier)) {
      return constants.get(identifier);
    }
    String before = code.substring(0, at);
    int declared = lastDeclaration(before, identifier);
    if (declared < 0) {
      return null; // a parameter or field built elsewhere: its program is named where it is built
    }
    String init = before.substring(declared);
    int end = init.indexOf(';');
    String declaration = end < 0 ? init : init.substring(0, end);
    Matcher literal = Pattern.compile("(?:List\\.of|Arrays\\.asList)\\(\\s*\"(" + NAME + ")\"").matcher(declaration);
    if (literal.find()) {
      return literal.group(1);
    }
    if (declaration.matches("(?s).*new\\s+ArrayList<[^>]*>\\(\\s*\\)\\s*")) {
      // an empty list: its first element is the first thing added to it
      Matcher add = Pattern.compile("\\b" + Pattern.quote(identifier) + "\\.add\\(\\s*\"(" + NAME + ")\"")
          .matcher(init.substring(end + 1));
      return add.find() && firstAdd(init.substring(end + 1), identifier, add.start()) ? add.group(1) : null;
    }
    return CURRENT_JVM.matcher(declaration).find() ? "java" : null;
  }

  /** True when nothing was added to {@code identifier} before offset {@code at}. */
  private static boolean firstAdd(String code, String identifier, int at) {
    return !Pattern.compile("\\b" + Pattern.quote(identifier) + "\\.add(?:All)?\\(").matcher(code.substring(0, at)).find();
  }

  private static int lastDeclaration(String code, String identifier) {
    Matcher d = Pattern.compile("\\b" + Pattern.quote(identifier) + "\\s*=\\s*(?:new\\s+ArrayList|List\\.of|Arrays\\.asList)")
        .matcher(code);
    int last = -1;
    while (d.find()) {
      last = d.start();
    }
    return last;
  }

  /** The constants {@code NAME = "value"} (or {@code Path.of("value")}) a file declares. */
  static Map<String, String> constants(String source) {
    Matcher c = Pattern.compile("\\b([A-Z][A-Z0-9_]*)\\s*=\\s*(?:Path\\.of\\()?\"([^\"]+)\"").matcher(source);
    Map<String, String> out = new java.util.HashMap<>();
    while (c.find()) {
      out.putIfAbsent(c.group(1), c.group(2));
    }
    return out;
  }

  private static String baseName(String program) {
    return program.substring(program.lastIndexOf('/') + 1);
  }
}
