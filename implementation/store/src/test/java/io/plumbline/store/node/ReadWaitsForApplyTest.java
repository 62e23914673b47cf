package io.plumbline.store.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RangeRequest;
import io.plumbline.raft.Message;
import io.plumbline.raft.MessageType;
import io.plumbline.raft.SplitMixRandom;
import io.plumbline.store.sim.DiskFaults;
import io.plumbline.store.sim.SimClock;
import io.plumbline.store.sim.SimDisk;
import io.plumbline.store.transport.PeerTransport;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A linearizable read on a member that has not applied what the leader committed waits for its own
 * apply (etcd's read loop: applied ≥ read index), not only for the ReadIndex round: three store nodes
 * driven tick by tick on a simulated clock and network that withholds the leader's appends from one
 * follower, which still answers heartbeats and so confirms the leader's ReadIndex rounds.
 */
class ReadWaitsForApplyTest {
  private final SimClock clock = new SimClock();
  private final Map<String, StoreNode> nodes = new LinkedHashMap<>();
  private final List<Runnable> wire = new ArrayList<>();
  private String starved; // appends to this member are dropped while set
  private long tick;

  private final class Wire implements PeerTransport {
    private final String self;

    Wire(String self) {
      this.self = self;
    }

    @Override
    public void send(String peer, List<Message> batch) {
      List<Message> kept = batch.stream()
          .filter(m -> !(peer.equals(starved) && m.type() == MessageType.AppendEntriesRequest)).toList();
      if (!kept.isEmpty()) {
        wire.add(() -> nodes.get(peer).receive(kept));
      }
    }

    @Override
    public void sendFrame(String peer, byte[] frame) {
      wire.add(() -> nodes.get(peer).receiveFrame(frame[0], ByteBuffer.wrap(frame, 1, frame.length - 1).slice()));
    }

    @Override
    public CompletableFuture<byte[]> call(String peer, byte op, byte[] payload, long timeoutMs) {
      return nodes.get(peer).call(op, payload);
    }

    @Override
    public void close() {}
  }

  private void step() throws Exception {
    tick++;
    clock.advanceTo(tick * 100 * 1_000_000L);
    List<Runnable> now = new ArrayList<>(wire);
    wire.clear();
    now.forEach(Runnable::run);
    for (StoreNode n : nodes.values()) {
      n.runPendingAndTick();
    }
  }

  @Test
  void aFollowerReadWaitsUntilItHasAppliedTheReadIndex() throws Exception {
    Map<String, URI> cluster = new LinkedHashMap<>();
    for (String n : List.of("n1", "n2", "n3")) {
      cluster.put(n, URI.create("http://" + n + ".sim:2380"));
    }
    long seed = 1;
    for (String n : cluster.keySet()) {
      StoreConfig c = StoreConfig.defaults(n, Path.of("sim", n), URI.create("http://" + n + ".sim:2379"),
          cluster.get(n), cluster);
      nodes.put(n, new StoreNode(c, ev -> {}, clock, new SimDisk(new SplitMixRandom(seed++), DiskFaults.NONE),
          new Wire(n), seed, java.util.Set.of()));
    }
    StoreNode leader = null;
    for (int i = 0; i < 500 && leader == null; i++) {
      step();
      leader = nodes.values().stream().filter(StoreNode::isLeader).findFirst().orElse(null);
    }
    assertThat(leader).as("a leader within 500 ticks").isNotNull();
    for (int i = 0; i < 20; i++) {
      step(); // every member learns the leader and applies what is committed so far
    }
    StoreNode leaderNode = leader;
    StoreNode follower = nodes.values().stream().filter(n -> n != leaderNode).findFirst().orElseThrow();
    starved = follower.config().name();

    ByteString key = ByteString.copyFromUtf8("k");
    CompletableFuture<Object> put = leader.propose(Command.Type.PUT,
        PutRequest.newBuilder().setKey(key).setValue(ByteString.copyFromUtf8("v")).build());
    for (int i = 0; i < 50 && !put.isDone(); i++) {
      step();
    }
    assertThat(put).as("the put commits on the leader and the other follower").isCompleted();
    assertThat(follower.appliedIndex()).as("the starved follower has not applied it")
        .isLessThan(leader.appliedIndex());

    RangeRequest get = RangeRequest.newBuilder().setKey(key).build();
    // as KvService: the read runs when the barrier completes (on the loop thread, maybe inside the apply)
    CompletableFuture<Long> seen = follower.readBarrier().thenApply(v -> follower.read(m -> m.range(get)).getCount());
    for (int i = 0; i < 30 && !seen.isDone(); i++) { // ReadIndex rounds complete (heartbeats flow); appends do not
      step();
    }
    if (seen.isDone()) {
      assertThat(seen.join()).as("a read released by the barrier sees the acknowledged put").isEqualTo(1);
    }
    assertThat(seen).as("the read waits while the follower lags").isNotDone();
    starved = null;
    for (int i = 0; i < 50 && !seen.isDone(); i++) {
      step();
    }
    assertThat(seen).as("the read completes once the follower has caught up").isCompleted();
    assertThat(seen.join()).as("and sees the acknowledged put").isEqualTo(1);
  }
}
