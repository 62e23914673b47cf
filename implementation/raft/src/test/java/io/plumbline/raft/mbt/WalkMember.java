package io.plumbline.raft.mbt;

import io.plumbline.raft.MemoryStorage;
import io.plumbline.raft.RaftConfig;
import io.plumbline.raft.RaftCore;
import io.plumbline.raft.SplitMixRandom;
import io.plumbline.raft.TraceSink;
import io.plumbline.raft.sim.SimDisk;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One member of the split-Ready walk: a real core, its disk (durable only where a Ready asked
 * to sync) and its state machine, the list of applied values. A crash throws the core, its
 * unsynced writes and its state machine away; the restarted core and state machine start from
 * what the disk kept (the state machine replays the log as the core commits it again).
 */
final class WalkMember {
  final String id;
  final int index;
  private final RaftConfig config;
  private final SplitMixRandom random;
  private final TraceSink trace;
  final SimDisk disk = new SimDisk();
  RaftCore core;
  /** Crashes so far: reads and writes of an older incarnation are indeterminate. */
  long incarnation;
  final List<String> applied = new ArrayList<>();
  long appliedIndex;
  long appliedHash;
  /** ReadIndex reads a quorum confirmed (context to index), waiting for the state machine. */
  final Map<String, Long> waitingReads = new HashMap<>();

  WalkMember(String id, int index, RaftConfig config, SplitMixRandom random, TraceSink trace) {
    this.id = id;
    this.index = index;
    this.config = config;
    this.random = random;
    this.trace = trace;
    this.core = RaftCore.restart(config, disk.cache(), random, trace);
  }

  /** Spec {@code Restart(i)}: the core and everything volatile go, the durable disk stays. */
  MemoryStorage crashAndRestart() {
    MemoryStorage recovered = disk.crashAndRecover();
    core = RaftCore.recover(config, recovered, random, trace);
    incarnation++;
    applied.clear();
    appliedIndex = 0;
    appliedHash = 0;
    waitingReads.clear();
    return recovered;
  }
}
