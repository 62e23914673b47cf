package io.plumbline.store.node;

/**
 * Deliberate durability and ordering bugs in the node shell, so that the whole-node simulator
 * ({@code simulate --store}) can be shown to catch each. Never enabled outside the simulator and
 * its tests.
 */
public enum ShellBug {
  /** Persist without the fsync the Ready asks for: votes and acknowledgements promise what a crash loses. */
  ACK_BEFORE_FSYNC,
  /** Apply entries to the MVCC store as soon as they are persisted, before they are committed. */
  APPLY_BEFORE_COMMIT,
  /** Recovery drops the last entry record of the WAL (an off-by-one in replay). */
  LOSE_LAST_WAL_RECORD
}
