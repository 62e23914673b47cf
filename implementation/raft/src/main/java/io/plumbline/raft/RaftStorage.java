package io.plumbline.raft;

import java.util.List;

/**
 * What the core reads from stable storage: the persisted hard state, snapshot and log. The core
 * never writes through this interface; the caller writes what {@link Ready} asks and then makes it
 * visible here (see {@link MemoryStorage}).
 *
 * <p>Failure policy: asking for a compacted index throws {@link LogCompactedException} (typed,
 * expected, handled by sending a snapshot); asking beyond {@link #lastIndex()} is a bug in the
 * core and throws {@link IllegalArgumentException}.
 */
public interface RaftStorage {
  /** The persisted term, vote and commit index. */
  HardState initialState();

  /** Index of the first entry still available (snapshot index + 1). */
  long firstIndex();

  /** Index of the last persisted entry (the snapshot index when the log is empty). */
  long lastIndex();

  /** Term of entry {@code index}, for {@code firstIndex()-1 <= index <= lastIndex()}. */
  long term(long index);

  /** Entries in [lo, hi), at most {@code maxBytes} of payload but always at least one. */
  List<Entry> entries(long lo, long hi, long maxBytes);

  /** The most recent snapshot (may be {@link Snapshot#EMPTY}). */
  Snapshot snapshot();
}
