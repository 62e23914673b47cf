package io.plumbline.common.setup;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the programs a bash script runs: the first word of every simple command (at a line's start,
 * after {@code | || && ;}, inside {@code $( )} and {@code ( )}), past keywords, variable assignments
 * and wrappers ({@code exec}, {@code nohup}, {@code timeout N}, {@code env}). Builtins and the
 * scripts' own functions are not programs; {@code command -v X} is a check, not a run. Heredoc bodies
 * are data.
 */
final class ShellProgramScanner {
  private static final Set<String> BUILTINS = Set.of(
      "alias", "bg", "bind", "break", "builtin", "caller", "cd", "command", "compgen", "complete", "continue",
      "declare", "dirs", "disown", "echo", "enable", "eval", "exit", "export", "false", "fc", "fg", "getopts",
      "hash", "help", "history", "jobs", "let", "local", "logout", "mapfile", "popd", "printf", "pushd", "pwd",
      "read", "readarray", "readonly", "return", "set", "shift", "shopt", "source", "suspend", "test", "times",
      "trap", "true", "type", "typeset", "ulimit", "umask", "unalias", "unset", "wait", "kill", ".", "[", "[[",
      "if", "then", "else", "elif", "fi", "for", "while", "until", "do", "done", "case", "esac", "in", "function",
      "select", "time", "coproc", "{", "}", "!", "]]");
  /** Keywords and wrappers after which the next word is the command. */
  private static final Set<String> PREFIXES = Set.of("if", "then", "else", "elif", "do", "while", "until", "!", "{",
      "exec", "nohup", "time", "env", "sudo");
  /** Segments that start with these hold no command in their first word. */
  private static final Set<String> NOT_A_COMMAND = Set.of("for", "case", "function", "local", "export", "declare",
      "readonly", "command", "select");
  private static final Pattern HEREDOC = Pattern.compile("<<-?\\s*['\"]?([A-Za-z_][A-Za-z0-9_]*)['\"]?");
  private static final Pattern FUNCTION = Pattern.compile("^\\s*(?:function\\s+)?([A-Za-z_][A-Za-z0-9_-]*)\\s*\\(\\)");
  private static final Pattern SEPARATORS = Pattern.compile("\\|\\||&&|\\||;|\\$\\(|`|\\(");
  private static final Pattern PROGRAM = Pattern.compile("[a-z][a-z0-9._+-]*");

  private ShellProgramScanner() {}

  /** The functions a script defines (they are not programs, wherever they are called). */
  static Set<String> functions(String script) {
    Set<String> out = new java.util.HashSet<>();
    for (String line : script.split("\n", -1)) {
      Matcher f = FUNCTION.matcher(line);
      if (f.find()) {
        out.add(f.group(1));
      }
    }
    return out;
  }

  static List<ProgramReference> scan(String file, String script, Set<String> functions) {
    List<ProgramReference> found = new ArrayList<>();
    Set<String> exempt = exemptions(script);
    String[] lines = codeOnly(withoutHeredocBodies(script)).split("\n", -1);
    for (int n = 0; n < lines.length; n++) {
      String code = lines[n];
      if (FUNCTION.matcher(code).find()) {
        continue;
      }
      Matcher sep = SEPARATORS.matcher(code);
      int from = 0;
      boolean inSubshell = false;
      while (from <= code.length()) {
        boolean more = sep.find(from);
        String segment = code.substring(from, more ? sep.start() : code.length());
        String program = commandWord(inSubshell ? segment.replaceFirst("^(\\s*\\S+?)\\)", "$1 ") : segment);
        inSubshell = more && (sep.group().equals("$(") || sep.group().equals("("));
        from = more ? sep.end() : code.length() + 1;
        if (program != null && !BUILTINS.contains(program) && !functions.contains(program) && !exempt.contains(program)) {
          found.add(new ProgramReference(program, file, n + 1));
        }
      }
    }
    return found;
  }

  private static String commandWord(String segment) {
    String[] words = segment.strip().split("\\s+");
    int i = 0;
    while (i < words.length) {
      String w = words[i];
      if (w.isEmpty() || w.matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
        i++;
      } else if (w.equals("timeout")) {
        i += 2; // timeout DURATION COMMAND …
      } else if (PREFIXES.contains(w)) {
        i++;
      } else {
        break;
      }
    }
    if (i >= words.length || NOT_A_COMMAND.contains(words[i])) {
      return null;
    }
    String w = words[i].replaceAll("^[\"']|[\"']$", "");
    if (w.endsWith(")")) {
      return null; // a case label
    }
    String name = w.startsWith("/") ? w.substring(w.lastIndexOf('/') + 1) : w;
    return PROGRAM.matcher(name).matches() && (!w.startsWith("/") || w.matches("(/usr)?/s?bin/.*")) ? name : null;
  }

  /**
   * Programs a script may start without the set-up providing them: those it names in a
   * {@code # plumbline:optional X …} comment (used only when the user has them, behind a
   * {@code command -v X} check).
   */
  static Set<String> exemptions(String script) {
    Set<String> out = new java.util.HashSet<>();
    Matcher m = Pattern.compile("#\\s*plumbline:optional\\s+([a-z][a-z0-9._+-]*)").matcher(script);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  /** The script with heredoc bodies blanked (they are data), line count kept. */
  static String withoutHeredocBodies(String script) {
    StringBuilder out = new StringBuilder(script.length());
    String end = null;
    for (String line : script.split("\n", -1)) {
      if (end != null) {
        end = line.strip().equals(end) ? null : end;
        out.append('\n');
        continue;
      }
      Matcher h = HEREDOC.matcher(line);
      if (h.find()) {
        end = h.group(1);
      }
      out.append(line).append('\n');
    }
    return out.substring(0, out.length() - 1);
  }

  /**
   * The script as code, line breaks kept: from an unquoted {@code #} to the end of its line dropped;
   * quoted text (also across lines, as an awk program) blanked, since it is data, except a
   * {@code $( … )} inside double quotes, which is code again.
   */
  static String codeOnly(String raw) {
    String line = raw.replaceAll("\\$\\(\\([^()]*(?:\\([^()]*\\)[^()]*)*\\)\\)", "Q"); // $(( arithmetic ))
    StringBuilder out = new StringBuilder(line.length());
    java.util.ArrayDeque<Character> context = new java.util.ArrayDeque<>(); // '"', '\'' or '(' (a $( … ))
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      Character in = context.peek();
      if (c == '\n' && in != null && in != '(') {
        out.append("\nQ"); // the next line goes on inside the quote: its first word is no command
      } else if (in != null && in == '\'') {
        if (c == '\'') {
          context.pop();
        }
        out.append(' ');
      } else if (in != null && in == '"') {
        if (c == '\\') {
          out.append("  ");
          i++;
        } else if (c == '"') {
          context.pop();
          out.append(' ');

        } else if (c == '$' && i + 1 < line.length() && line.charAt(i + 1) == '(') {
          context.push('(');
          out.append("$(");
          i++;
        } else {
          out.append(' ');
        }
      } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
        while (i + 1 < line.length() && line.charAt(i + 1) != '\n') {
          i++;
        }
      } else {
        if (c == '\'' || c == '"') {
          context.push(c);
          out.append('Q'); // a quoted word: a stand-in that is no program name, so the next word is not taken as one
          continue;
        }
        if (c == '(' && in != null) {
          context.push('(');
        } else if (c == ')' && in != null) {
          context.pop();
        }
        out.append(c);
      }
    }
    return out.toString();
  }
}
