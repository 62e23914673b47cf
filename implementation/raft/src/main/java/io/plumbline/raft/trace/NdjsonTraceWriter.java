package io.plumbline.raft.trace;

import io.plumbline.raft.TraceEvent;
import io.plumbline.raft.TraceSink;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A {@link TraceSink} writing one JSON event per line to a file. */
public final class NdjsonTraceWriter implements TraceSink, Closeable {
  private final BufferedWriter out;
  private long events;

  public NdjsonTraceWriter(Path file) throws IOException {
    this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
  }

  @Override
  public void accept(TraceEvent event) {
    try {
      out.write(TraceJson.toJson(event));
      out.write('\n');
      events++;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public long events() {
    return events;
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
