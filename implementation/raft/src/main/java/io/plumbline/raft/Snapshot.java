package io.plumbline.raft;

/**
 * A snapshot of the applied state machine up to and including {@code index}.
 *
 * @param index last log index the snapshot covers
 * @param term term of that entry
 * @param data the application's state, opaque to the core (copied in)
 */
public record Snapshot(long index, long term, byte[] data) {
  public static final Snapshot EMPTY = new Snapshot(0, 0, new byte[0]);

  public Snapshot {
    data = data == null ? new byte[0] : data.clone();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  public boolean isEmpty() {
    return index == 0;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Snapshot s && s.index == index && s.term == term
        && java.util.Arrays.equals(s.data, data);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(index) * 31 + Long.hashCode(term);
  }

  @Override
  public String toString() {
    return "snapshot@" + index + "/" + term;
  }
}
