package io.plumbline.history;

import io.plumbline.common.UserError;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a history file in any supported format, detecting the format when not given. */
public final class HistoryReader {
  private HistoryReader() {}

  /** Reads {@code file}, detecting its format from its first non-blank line. */
  public static History read(Path file) {
    return read(file, null);
  }

  /**
   * Reads {@code file} in {@code format} (null = detect).
   *
   * @throws MalformedHistoryException naming file:line when the content is not a valid history
   * @throws UserError when the file cannot be read or its format not recognised
   */
  public static History read(Path file, HistoryFormat format) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new UserError(file + ": no such file");
    } catch (IOException e) {
      throw new UserError(file + ": cannot read: " + e.getMessage());
    }
    return parse(file.toString(), text, format);
  }

  /** Parses history text; {@code source} names it in error messages. */
  public static History parse(String source, String text, HistoryFormat format) {
    text = withoutByteOrderMark(text);
    HistoryFormat f = format != null ? format : detect(source, text);
    try (BufferedReader in = new BufferedReader(new StringReader(text))) {
      return switch (f) {
        case JSONL -> JsonlReader.read(source, in);
        case EDN -> EdnHistoryReader.read(source, in);
        case PORCUPINE_ETCD -> PorcupineEtcdReader.read(source, in);
        case PORCUPINE_KV -> PorcupineKvReader.read(source, in);
      };
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Detects the format of {@code text} from its first non-blank line. */
  public static HistoryFormat detect(String source, String text) {
    text = withoutByteOrderMark(text);
    String first = text.lines().filter(l -> !l.isBlank()).findFirst().orElse(null);
    if (first == null) {
      throw new MalformedHistoryException(source, 0, "empty file; expected a history (JSON Lines, EDN or a Porcupine log)");
    }
    HistoryFormat f = HistoryFormat.detect(first);
    if (f == null) {
      int line = 1 + (int) text.lines().takeWhile(String::isBlank).count();
      throw new MalformedHistoryException(source, line,
          "cannot tell the format: expected a JSON object, an EDN vector or map, or a Porcupine log line (or pass --format)");
    }
    return f;
  }

  /**
   * Drops a leading UTF-8 byte-order mark (U+FEFF), which editors on Windows write: it is not part
   * of the first line's JSON or EDN, and line numbers do not change.
   */
  private static String withoutByteOrderMark(String text) {
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }
}
