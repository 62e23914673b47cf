package io.plumbline.apiserver.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link LeaseTraceSink} that appends each event to a file as one JSON line (ndjson), with this
 * process's emission number {@code seq}: how a controller manager or an API server started as its
 * own process ({@code --lease-trace-file}) leaves its part of a LeaseElection trace. Each line is
 * one unbuffered {@code write}, under one lock: what a SIGKILL leaves behind is every event
 * emitted before it, in emission order (a step's effect on another process follows its event, see
 * the emitters). {@link #read} gives the lines back, ignoring a torn last line.
 */
public final class LeaseTraceFile implements LeaseTraceSink, AutoCloseable {
  /** One line of a trace file: the event and its number in its process's emission order. */
  public record Line(long seq, LeaseTraceEvent event) {}

  private final FileOutputStream out;
  private long seq;

  /** Appends to {@code file} (created with its directory when missing). */
  public LeaseTraceFile(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    this.out = new FileOutputStream(file.toFile(), true);
  }

  @Override
  public synchronized void emit(LeaseTraceEvent e) {
    ObjectNode n = Json.object().put("seq", seq++).put("action", e.action()).put("actor", e.actor())
        .put("clockMs", e.clockMs()).put("holder", e.holder()).put("renewTimeMs", e.renewTimeMs())
        .put("transitions", e.transitions()).put("intent", e.intent())
        .put("leaseRevision", e.leaseRevision()).put("term", e.term())
        .put("writeRevision", e.writeRevision());
    try {
      out.write((n.toString() + "\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException ex) {
      throw new UncheckedIOException("lease trace: " + ex.getMessage(), ex);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }

  /** The events of {@code file} in emission order; a last line without its newline is dropped. */
  public static List<Line> read(Path file) throws IOException {
    String text = Files.readString(file);
    int end = text.lastIndexOf('\n');
    List<Line> lines = new ArrayList<>();
    for (String s : (end < 0 ? "" : text.substring(0, end)).split("\n")) {
      if (s.isBlank()) {
        continue;
      }
      JsonNode n = Json.MAPPER.readTree(s);
      lines.add(new Line(n.path("seq").asLong(), new LeaseTraceEvent(n.path("action").asText(),
          n.path("actor").asText(), n.path("clockMs").asLong(), n.path("holder").asText(),
          n.path("renewTimeMs").asLong(), n.path("transitions").asLong(),
          n.path("intent").asText(), n.path("leaseRevision").asLong(), n.path("term").asLong(),
          n.path("writeRevision").asLong())));
    }
    return lines;
  }
}
