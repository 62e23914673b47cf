package io.plumbline.store.mvcc;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.MessageLite;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * An append-only run of {@link MvccSnapshot} records already in the snapshot's byte format. The
 * MVCC history only grows at its end until a compaction or a restore, so each snapshot encodes
 * just what was written since the last one and copies the rest: encoding the whole retained
 * history at every snapshot made snapshots quadratic in the history. {@code first} and
 * {@code last} are the history objects the run starts and ends with; when either is no longer
 * where it was (a compaction dropped the head, a restore replaced everything, an undone write
 * removed the tail) the owner {@link #reset}s and encodes afresh.
 */
final class EncodedRecords {
  private byte[] buf = new byte[64];
  private int length;
  int count;
  Object first;
  Object last;

  void reset() {
    length = 0;
    count = 0;
    first = null;
    last = null;
  }

  int length() {
    return length;
  }

  /** Marks one more record (its bytes already appended) as ending with history object {@code o}. */
  void recorded(Object o) {
    if (count++ == 0) {
      first = o;
    }
    last = o;
  }

  void writeLong(long v) {
    ensure(8);
    for (int i = 56; i >= 0; i -= 8) {
      buf[length++] = (byte) (v >>> i);
    }
  }

  void writeInt(int v) {
    ensure(4);
    for (int i = 24; i >= 0; i -= 8) {
      buf[length++] = (byte) (v >>> i);
    }
  }

  void writeBoolean(boolean b) {
    ensure(1);
    buf[length++] = (byte) (b ? 1 : 0);
  }

  /** Length-prefixed message, as {@code DataOutputStream.writeInt(size)} then its bytes. */
  void writeMessage(MessageLite m) {
    int size = m.getSerializedSize();
    writeInt(size);
    ensure(size);
    CodedOutputStream c = CodedOutputStream.newInstance(buf, length, size);
    try {
      m.writeTo(c);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    c.checkNoSpaceLeft();
    length += size;
  }

  /** Appends bytes already in the record format (read back from a snapshot). */
  void writeRaw(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buf, length, b.length);
    length += b.length;
  }

  /** Copies the run into {@code out}. */
  void copyTo(java.io.OutputStream out) throws IOException {
    out.write(buf, 0, length);
  }

  private void ensure(int more) {
    if (length + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, length + more));
    }
  }
}
