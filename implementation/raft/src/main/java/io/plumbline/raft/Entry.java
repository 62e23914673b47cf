package io.plumbline.raft;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One log entry. An entry with empty {@code data} is the no-op a new leader appends.
 *
 * @param term the term of the leader that created it
 * @param index its position in the log, from 1
 * @param data the client payload, never null (copied in and never exposed mutably)
 */
public record Entry(long term, long index, byte[] data) {
  private static final byte[] EMPTY = new byte[0];

  public Entry {
    data = data == null || data.length == 0 ? EMPTY : data.clone();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  /** The payload as a read-only view, for encoders that copy it once into their own buffer. */
  public java.nio.ByteBuffer dataView() {
    return java.nio.ByteBuffer.wrap(data).asReadOnlyBuffer();
  }

  /** Payload length in bytes. */
  public int dataLength() {
    return data.length;
  }

  /** Bytes an entry counts for in size limits besides its payload (term, index, framing). */
  public static final int OVERHEAD_BYTES = 16;

  /** Size for {@code maxSizePerMsg} accounting: payload plus {@link #OVERHEAD_BYTES}, so even the no-op counts. */
  public int size() {
    return data.length + OVERHEAD_BYTES;
  }

  /** The payload as text (the spec's {@code value}); the no-op is the empty string. */
  public String value() {
    return new String(data, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Entry e && e.term == term && e.index == index && Arrays.equals(e.data, data);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(term) * 31 + Long.hashCode(index) * 17 + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return index + "/" + term + (data.length == 0 ? "" : ":" + value());
  }
}
