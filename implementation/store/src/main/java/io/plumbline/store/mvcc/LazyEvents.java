package io.plumbline.store.mvcc;

import com.google.protobuf.InvalidProtocolBufferException;
import io.etcd.jetcd.api.Event;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * One revision's events as a snapshot restore read them, decoded on first use. A restore used to
 * decode every retained event, though only a watcher catching up from an old revision (or a hash
 * of the backend) ever reads them: most restored revisions are never read at all. Immutable;
 * reads may come from several threads (under the node's read lock), so decoding is idempotent and
 * publishes a complete list.
 */
final class LazyEvents extends AbstractList<Event> implements RandomAccess {
  private final byte[][] encoded;
  private volatile List<Event> decoded;

  LazyEvents(byte[][] encoded) {
    this.encoded = encoded;
  }

  @Override
  public Event get(int i) {
    return decoded().get(i);
  }

  @Override
  public int size() {
    return encoded.length;
  }

  private List<Event> decoded() {
    List<Event> d = decoded;
    if (d == null) {
      Event[] out = new Event[encoded.length];
      for (int i = 0; i < encoded.length; i++) {
        try {
          out[i] = Event.parseFrom(encoded[i]);
        } catch (InvalidProtocolBufferException e) {
          throw new IllegalStateException("a snapshot holds an event that does not decode", e);
        }
      }
      d = List.of(out);
      decoded = d;
    }
    return d;
  }
}
