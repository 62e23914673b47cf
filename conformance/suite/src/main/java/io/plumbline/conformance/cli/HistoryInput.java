package io.plumbline.conformance.cli;

import io.plumbline.common.UserError;
import io.plumbline.history.History;
import io.plumbline.history.HistoryFormat;
import io.plumbline.history.HistoryReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * One file of a {@code check-history} batch, read and parsed.
 *
 * @param file the path as given
 * @param history its events (none for an empty file)
 * @param format the format it was read as; null for an empty file, which has none to detect
 */
record HistoryInput(Path file, History history, HistoryFormat format) {

  /**
   * Reads {@code file} in {@code format} (null = detect). A file with no non-blank line is an empty
   * history (as Porcupine treats it: nothing happened, so nothing is violated) unless {@code strict}.
   *
   * @throws UserError one line naming the file (and the line, where one applies)
   */
  static HistoryInput read(Path file, HistoryFormat format, boolean strict) {
    String text = readText(file);
    if (text.isBlank()) {
      if (strict) {
        throw new UserError(file + ": empty file; expected a history (--strict refuses empty files)");
      }
      return new HistoryInput(file, new History(file.toString(), List.of()), format);
    }
    HistoryFormat actual = format != null ? format : HistoryReader.detect(file.toString(), text);
    History h = HistoryReader.parse(file.toString(), text, actual);
    h.operations(); // pairing errors are input errors: report them before any checking
    return new HistoryInput(file, h, actual);
  }

  boolean isEmpty() {
    return history.size() == 0;
  }

  private static String readText(Path file) {
    if (Files.isDirectory(file)) {
      throw new UserError(file + ": is a directory; expected a history file");
    }
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new UserError(file + ": no such file");
    } catch (CharacterCodingException e) {
      throw new UserError(file + ": cannot read: not UTF-8 text");
    } catch (IOException e) {
      throw new UserError(file + ": cannot read: " + e.getMessage());
    }
  }
}
