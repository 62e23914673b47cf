package io.plumbline.raft.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.raft.Entry;
import io.plumbline.raft.MemoryStorage;
import io.plumbline.raft.RaftConfig;
import io.plumbline.raft.RaftCore;
import io.plumbline.raft.ReadState;
import io.plumbline.raft.Ready;
import io.plumbline.raft.SplitMixRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A rule the Ready-out hunt (implementation/HUNTS.md) found stated by no
 * test: the Ready loop applies a Ready's committed entries before it serves its reads.
 */
class ReadyLoopHuntRulesTest {
  private static final byte[] NOOP = new byte[0];

  /**
   * Ready contract, step 3: reads are served once the entries before them are applied. A loop that
   * hands read states out first lets an application that answers at once (with what it applied)
   * serve a read that misses the Ready's own committed entries.
   */
  @Test
  void committedEntriesAreAppliedBeforeTheReadsOfTheSameReady() {
    List<String> calls = new ArrayList<>();
    MemoryStorage disk = new MemoryStorage();
    RaftCore core = RaftCore.create(RaftConfig.defaults("n1", List.of("n1")), disk,
        new SplitMixRandom(1));
    MemoryReadyHandler h = new MemoryReadyHandler(disk, m -> { },
        e -> calls.add("apply " + e.index()), r -> calls.add("read " + r.index()));
    core.campaign();
    ReadyLoop.drain(core, h); // a single member leads at once and commits its empty entry 1
    calls.clear();
    core.propose("x".getBytes());
    core.readIndex("r".getBytes()); // confirmed at once, at commit index 2
    Ready rd = core.ready();
    assertThat(rd.committedEntries()).extracting(Entry::index).containsExactly(2L);
    assertThat(rd.readStates()).extracting(ReadState::index).containsExactly(2L);
    ReadyLoop.handle(core, rd, h);
    assertThat(calls).containsExactly("apply 2", "read 2");
  }
}
