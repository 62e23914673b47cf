package io.plumbline.raft.catalogue;

import io.plumbline.raft.Entry;
import io.plumbline.raft.HardState;
import io.plumbline.raft.InjectedBug;
import io.plumbline.raft.MemoryStorage;
import io.plumbline.raft.RaftConfig;
import io.plumbline.raft.RaftCore;
import io.plumbline.raft.SplitMixRandom;
import io.plumbline.raft.TraceSink;
import java.util.List;
import java.util.Set;

/** The starting point the hand-written catalogue checks share: one of n1..n3 restarted from a disk. */
final class CatalogueCores {
  /** An empty entry (a leader's first entry of its term). */
  static final byte[] NOOP = new byte[0];

  private CatalogueCores() {}

  /** A disk that holds {@code hard} and {@code entries}. */
  static MemoryStorage disk(HardState hard, Entry... entries) {
    MemoryStorage disk = new MemoryStorage();
    disk.append(List.of(entries));
    disk.setHardState(hard);
    return disk;
  }

  /** Member {@code id} of the three members n1..n3, with {@code bugs}, restarted from {@code disk}. */
  static RaftCore restartOfThree(String id, MemoryStorage disk, long seed, Set<InjectedBug> bugs) {
    RaftConfig config = RaftConfig.defaults(id, List.of("n1", "n2", "n3")).withInjectedBugs(bugs);
    return RaftCore.restart(config, disk, new SplitMixRandom(seed), TraceSink.NONE);
  }
}
