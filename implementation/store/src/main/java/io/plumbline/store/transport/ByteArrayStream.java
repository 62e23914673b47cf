package io.plumbline.store.transport;

import io.grpc.Drainable;
import io.grpc.KnownLength;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A byte array as gRPC wants a message: its length known up front (so gRPC frames it without
 * buffering it first) and drainable (written into the transport's buffer in one call). A plain
 * {@code ByteArrayInputStream} is neither, and gRPC then copies it through intermediate buffers.
 */
final class ByteArrayStream extends InputStream implements KnownLength, Drainable {
  private final byte[] bytes;
  private int pos;

  ByteArrayStream(byte[] bytes) {
    this.bytes = bytes;
  }

  @Override
  public int drainTo(OutputStream target) throws IOException {
    int n = bytes.length - pos;
    target.write(bytes, pos, n);
    pos = bytes.length;
    return n;
  }

  @Override
  public int available() {
    return bytes.length - pos;
  }

  @Override
  public int read() {
    return pos < bytes.length ? bytes[pos++] & 0xFF : -1;
  }

  @Override
  public int read(byte[] b, int off, int len) {
    if (len == 0) {
      return 0;
    }
    if (pos >= bytes.length) {
      return -1;
    }
    int n = Math.min(len, bytes.length - pos);
    System.arraycopy(bytes, pos, b, off, n);
    pos += n;
    return n;
  }
}
