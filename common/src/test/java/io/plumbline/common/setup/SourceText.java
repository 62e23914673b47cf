package io.plumbline.common.setup;

/** Small text helpers for the scanners: comments blanked (line numbers kept), line of an offset. */
final class SourceText {
  private SourceText() {}

  /** Java source with comments replaced by spaces (newlines kept), string literals left intact. */
  static String withoutJavaComments(String s) {
    StringBuilder out = new StringBuilder(s.length());
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (s.startsWith("\"\"\"", i)) {
        int end = endOfLiteral(s, i, c); // a text block is data (fixtures, messages): blanked like a comment
        for (; i < end; i++) {
          out.append(s.charAt(i) == '\n' ? '\n' : ' ');
        }
      } else if (c == '"' || c == '\'') {
        int end = endOfLiteral(s, i, c);
        out.append(s, i, end);
        i = end;
      } else if (s.startsWith("//", i)) {
        while (i < s.length() && s.charAt(i) != '\n') {
          out.append(' ');
          i++;
        }
      } else if (s.startsWith("/*", i)) {
        int end = s.indexOf("*/", i + 2);
        end = end < 0 ? s.length() : end + 2;
        for (; i < end; i++) {
          out.append(s.charAt(i) == '\n' ? '\n' : ' ');
        }
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  private static int endOfLiteral(String s, int start, char quote) {
    if (quote == '"' && s.startsWith("\"\"\"", start)) {
      int end = s.indexOf("\"\"\"", start + 3);
      return end < 0 ? s.length() : end + 3;
    }
    int i = start + 1;
    while (i < s.length() && s.charAt(i) != quote && s.charAt(i) != '\n') {
      i += s.charAt(i) == '\\' ? 2 : 1;
    }
    return Math.min(s.length(), i + 1);
  }

  static int lineOf(String s, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (s.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
