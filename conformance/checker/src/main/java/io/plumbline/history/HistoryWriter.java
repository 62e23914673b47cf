package io.plumbline.history;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes histories as JSON Lines (plumbline's canonical format) or Jepsen EDN. */
public final class HistoryWriter {
  private HistoryWriter() {}

  /** Writes {@code history} to {@code file} in {@code format} (JSONL or EDN). */
  public static void write(History history, Path file, HistoryFormat format) {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      write(history, out, format);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code history} to {@code out} in {@code format} (JSONL or EDN). */
  public static void write(History history, Writer out, HistoryFormat format) throws IOException {
    switch (format) {
      case JSONL -> JsonlWriter.write(history, out);
      case EDN -> EdnHistoryWriter.write(history, out);
      default -> throw new IllegalArgumentException("plumbline writes only JSONL and EDN, not " + format.cliName());
    }
  }

  /** The history as text in {@code format}. */
  public static String toString(History history, HistoryFormat format) {
    StringWriter sw = new StringWriter();
    try {
      write(history, sw, format);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sw.toString();
  }

  /** One event as a JSON line (for recorders that append events as they happen). */
  public static String jsonLine(Op op) {
    return JsonlWriter.line(op);
  }
}
