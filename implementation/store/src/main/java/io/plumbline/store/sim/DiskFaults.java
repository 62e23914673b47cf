package io.plumbline.store.sim;

/**
 * How a simulated disk misbehaves, drawn per seed. Probabilities are per operation; a full disk
 * is a window the simulator opens ({@link SimDisk#setFull}).
 *
 * @param failSync an fsync fails (the node treats it as fatal and stops)
 * @param slowSync an fsync stalls the node for {@code slowSyncTicks}
 * @param slowSyncTicks how long a slow fsync stalls
 * @param tornTail at a crash, part of the unsynced tail reached the platter (a torn last record)
 * @param corruptTail at a crash, the unsynced tail reached the file's length but some of its sectors were
 *     never written (they read as zeros)
 * @param rot at a crash, one byte of what was fsynced flips (bit rot; the last fsynced append too, which
 *     after the power loss no SYNC record vouches for):
 *     the member must refuse to start (the simulator then restores the byte, as from a backup)
 */
public record DiskFaults(double failSync, double slowSync, int slowSyncTicks,
    double tornTail, double corruptTail, double rot) {
  public static final DiskFaults NONE = new DiskFaults(0, 0, 0, 0, 0, 0);
}
