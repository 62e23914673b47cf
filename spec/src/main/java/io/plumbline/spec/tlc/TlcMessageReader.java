package io.plumbline.spec.tlc;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns TLC {@code -tool} output, fed line by line, into {@link TlcMessage}s. Push-based so the
 * runner can react to progress while TLC is still running.
 */
public final class TlcMessageReader {
  private static final Pattern START = Pattern.compile("^@!@!@STARTMSG (\\d+):(\\d+) @!@!@$");
  private static final Pattern END = Pattern.compile("^@!@!@ENDMSG (\\d+) @!@!@$");

  private final Consumer<TlcMessage> sink;
  private int code;
  private int severity;
  private List<String> body;

  public TlcMessageReader(Consumer<TlcMessage> sink) {
    this.sink = sink;
  }

  /** Parses a whole captured output (for tests and replays). */
  public static List<TlcMessage> readAll(String output) {
    List<TlcMessage> messages = new ArrayList<>();
    TlcMessageReader reader = new TlcMessageReader(messages::add);
    output.lines().forEach(reader::accept);
    reader.finish();
    return messages;
  }

  /** Feeds one line of TLC's standard output (without its line terminator). */
  public void accept(String line) {
    Matcher start = START.matcher(line);
    if (start.matches()) {
      flushOpenMessage();
      code = Integer.parseInt(start.group(1));
      severity = Integer.parseInt(start.group(2));
      body = new ArrayList<>();
      return;
    }
    if (END.matcher(line).matches()) {
      flushOpenMessage();
      return;
    }
    if (body != null) {
      body.add(line);
    } else if (!line.isBlank()) {
      sink.accept(new TlcMessage(TlcMessage.UNFRAMED, 0, line));
    }
  }

  /** Flushes a message left open when the output ended (TLC killed mid-message). */
  public void finish() {
    flushOpenMessage();
  }

  private void flushOpenMessage() {
    if (body != null) {
      sink.accept(new TlcMessage(code, severity, String.join("\n", body).strip()));
      body = null;
    }
  }
}
