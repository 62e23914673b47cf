package io.plumbline.store.node;

import io.plumbline.raft.Message;
import io.plumbline.store.sim.SimClock;
import io.plumbline.store.transport.PeerTransport;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.LongUnaryOperator;
import java.util.function.UnaryOperator;

/**
 * Store nodes driven tick by tick for tests that state one rule of the node shell: a simulated clock
 * (100 ms a tick), an in-memory network that delivers what was sent on the next tick, and each node's
 * disk from the test. A test sees, drops or records messages through its {@link Links}.
 */
final class TickedCluster {
  /** What the network delivers of a batch {@code from} sends to {@code to} (it may also record it). */
  interface Links {
    List<Message> deliver(String from, String to, List<Message> batch);
  }

  final SimClock clock = new SimClock();
  final Map<String, StoreNode> nodes = new LinkedHashMap<>();
  private final List<Runnable> wire = new ArrayList<>();
  private final Links links;
  private long tick;

  /**
   * Starts members {@code names}; member i (from 0) gets disk seed i + 1, which {@code disk} turns
   * into its disk, and node seed {@code nodeSeed(i + 1)}.
   */
  TickedCluster(List<String> names, UnaryOperator<StoreConfig> tune,
      BiFunction<String, Long, NodeDisk> disk, LongUnaryOperator nodeSeed, Links links) throws Exception {
    this.links = links;
    Map<String, URI> peers = new LinkedHashMap<>();
    for (String n : names) {
      peers.put(n, URI.create("http://" + n + ".sim:2380"));
    }
    long seed = 1;
    for (String n : names) {
      StoreConfig c = tune.apply(StoreConfig.defaults(n, Path.of("sim", n),
          URI.create("http://" + n + ".sim:2379"), peers.get(n), peers));
      nodes.put(n, new StoreNode(c, ev -> {}, clock, disk.apply(n, seed), new Wire(n),
          nodeSeed.applyAsLong(seed), Set.of()));
      seed++;
    }
  }

  /** One tick: what was sent last tick arrives, then every node runs its pending work and ticks. */
  void step() throws Exception {
    tick++;
    clock.advanceTo(tick * 100 * 1_000_000L);
    List<Runnable> now = new ArrayList<>(wire);
    wire.clear();
    now.forEach(Runnable::run);
    for (StoreNode n : nodes.values()) {
      n.runPendingAndTick();
    }
  }

  /** Steps until some node leads; null if none does within {@code maxTicks}. */
  StoreNode stepUntilLeader(int maxTicks) throws Exception {
    for (int i = 0; i < maxTicks; i++) {
      step();
      for (StoreNode n : nodes.values()) {
        if (n.isLeader()) {
          return n;
        }
      }
    }
    return null;
  }

  private final class Wire implements PeerTransport {
    private final String self;

    Wire(String self) {
      this.self = self;
    }

    @Override
    public void send(String peer, List<Message> batch) {
      List<Message> kept = links.deliver(self, peer, batch);
      if (!kept.isEmpty()) {
        wire.add(() -> nodes.get(peer).receive(kept));
      }
    }

    @Override
    public void sendFrame(String peer, byte[] frame) {
      wire.add(() -> nodes.get(peer).receiveFrame(frame[0],
          ByteBuffer.wrap(frame, 1, frame.length - 1).slice()));
    }

    @Override
    public CompletableFuture<byte[]> call(String peer, byte op, byte[] payload, long timeoutMs) {
      return nodes.get(peer).call(op, payload);
    }

    @Override
    public void close() {}
  }
}
