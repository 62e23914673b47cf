package io.plumbline.store.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.raft.MemoryStorage;
import io.plumbline.raft.Message;
import io.plumbline.raft.RaftConfig;
import io.plumbline.raft.RaftCore;
import io.plumbline.raft.ReadState;
import io.plumbline.raft.Role;
import io.plumbline.raft.SplitMixRandom;
import io.plumbline.raft.node.MemoryReadyHandler;
import io.plumbline.raft.node.ReadyLoop;
import io.plumbline.store.mvcc.StoreError;
import io.plumbline.store.mvcc.StoreException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Linearizable reads share rounds as etcd's read loop does: one round in flight per member; reads
 * arriving meanwhile share the next round; a follower's unanswered request is re-sent.
 */
class ReadBatcherTest {
  private final Map<String, RaftCore> cores = new LinkedHashMap<>();
  private final Map<String, MemoryStorage> disks = new LinkedHashMap<>();
  private final List<Message> wire = new ArrayList<>();
  private final List<ReadState> leaderReads = new ArrayList<>();
  private final List<Long> answered = new ArrayList<>();
  private final List<Throwable> failed = new ArrayList<>();

  @BeforeEach
  void electN1() {
    List<String> ids = List.of("n1", "n2", "n3");
    for (String id : ids) {
      disks.put(id, new MemoryStorage());
      cores.put(id, RaftCore.create(RaftConfig.defaults(id, ids), disks.get(id), new SplitMixRandom(id.hashCode())));
    }
    cores.get("n1").campaign();
    settle();
    assertThat(cores.get("n1").role()).isEqualTo(Role.Leader);
    assertThat(cores.get("n2").lead()).isEqualTo("n1");
  }

  /** Honours every Ready and delivers every message until the cluster is quiet. */
  private void settle() {
    for (int round = 0; round < 1000; round++) {
      for (Map.Entry<String, RaftCore> e : cores.entrySet()) {
        RaftCore core = e.getValue();
        MemoryReadyHandler h = new MemoryReadyHandler(disks.get(e.getKey()), wire::add, applied -> {},
            e.getKey().equals("n1") ? leaderReads::add : r -> {});
        ReadyLoop.drain(core, h);
      }
      if (wire.isEmpty()) {
        return;
      }
      List<Message> now = new ArrayList<>(wire);
      wire.clear();
      now.forEach(m -> cores.get(m.to()).step(m));
    }
    throw new AssertionError("cluster did not settle");
  }

  private void read(ReadBatcher b) {
    b.add(answered::add, failed::add);
  }

  @Test
  void theLeaderRunsOneRoundAtATimeAndReadsArrivingMeanwhileShareTheNext() {
    RaftCore leader = cores.get("n1");
    ReadBatcher b = new ReadBatcher("n1", (to, id) -> {
      throw new AssertionError("a leader asks nobody");
    });
    read(b);
    read(b);
    read(b);
    b.flush(leader, true, 0);
    read(b);
    read(b);
    b.flush(leader, true, 0); // a round is in flight: these two wait
    assertThat(b.waitingForRound()).isFalse();
    settle();
    assertThat(leaderReads).hasSize(1); // one heartbeat round confirmed one context
    leaderReads.forEach(b::confirmed);
    assertThat(answered).hasSize(3);
    assertThat(b.waitingForRound()).isTrue();
    leaderReads.clear();
    b.flush(leader, true, 0);
    settle();
    leaderReads.forEach(b::confirmed);
    assertThat(answered).hasSize(5).allMatch(i -> i == leader.commitIndex());
    assertThat(failed).isEmpty();
  }

  @Test
  void aFollowerSendsOneRequestAtATimeAndResendsAnUnansweredOne() {
    List<Long> sent = new ArrayList<>();
    ReadBatcher b = new ReadBatcher("n2", (to, id) -> {
      assertThat(to).isEqualTo("n1");
      sent.add(id);
    });
    RaftCore follower = cores.get("n2");
    read(b);
    read(b);
    b.flush(follower, false, 0);
    read(b);
    b.flush(follower, false, 0);
    assertThat(sent).hasSize(1);
    b.remoteResult(new PeerFrames.ReadResult(sent.get(0), null, 9));
    assertThat(answered).containsExactly(9L, 9L);
    b.flush(follower, false, 1);
    assertThat(sent).hasSize(2);
    b.retryIfStale(1 + ReadBatcher.RETRY_NANOS - 1);
    b.flush(follower, false, ReadBatcher.RETRY_NANOS);
    assertThat(sent).hasSize(2); // not stale yet
    b.retryIfStale(1 + ReadBatcher.RETRY_NANOS);
    b.flush(follower, false, 1 + ReadBatcher.RETRY_NANOS);
    assertThat(sent).hasSize(3);
    b.remoteResult(new PeerFrames.ReadResult(sent.get(1), null, 10)); // late answer to the re-sent round
    assertThat(answered).hasSize(2);
    b.remoteResult(new PeerFrames.ReadResult(sent.get(2), null, 11));
    assertThat(answered).containsExactly(9L, 9L, 11L);
  }

  @Test
  void aRefusedRoundFailsItsReadsWithTheLeadersError() {
    List<Long> sent = new ArrayList<>();
    ReadBatcher b = new ReadBatcher("n2", (to, id) -> sent.add(id));
    read(b);
    b.flush(cores.get("n2"), false, 0);
    b.remoteResult(new PeerFrames.ReadResult(sent.get(0), StoreError.LEADER_CHANGED, 0));
    assertThat(answered).isEmpty();
    assertThat(failed).singleElement().isInstanceOfSatisfying(StoreException.class,
        e -> assertThat(e.error()).isEqualTo(StoreError.LEADER_CHANGED));
  }
}
