package io.plumbline.store.sim;

import io.plumbline.raft.Message;
import io.plumbline.raft.SplitMixRandom;
import io.plumbline.store.transport.PeerHandler;
import io.plumbline.store.transport.PeerTransport;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;

/**
 * The simulated network between the members of one simulation: every frame, message batch, call
 * and call answer is a delivery due at a tick, subject to loss, delay and partitions. Raft message
 * batches are also duplicated and reordered (a delay drawn per batch), which Raft must tolerate;
 * the other frames (forwarded proposals, ReadIndex requests and answers) and calls keep the
 * production transport's guarantee, one gRPC stream per peer over TCP: in order, at most once. Links model the production transport's reconnection: a send on a link
 * whose peer is down breaks it, and a broken link carries nothing until it reconnects. Production's
 * {@code PeerClient} skips gRPC's exponential back-off at most every {@link #PROMPT_RECONNECT_TICKS};
 * with {@code reconnectBackoff} set the back-off applies (1 s doubling to 120 s, gRPC's defaults),
 * which leaves a restarted member unreached for minutes.
 */
public final class SimNetwork {
  /** Where deliveries go: the live handler of a member, or null while it is down. */
  public interface Members {
    PeerHandler handler(String name);
  }

  /** {@code action} runs with {@code to}'s handler at the tick, unless {@code to} is down then. */
  private record Delivery(long tick, long seq, String to, java.util.function.Consumer<PeerHandler> action) {}

  private static final int PROMPT_RECONNECT_TICKS = 1;
  private final SplitMixRandom random;
  private final Members members;
  private final int ticksPerSecond;
  private final boolean reconnectBackoff;
  private final PriorityQueue<Delivery> queue = new PriorityQueue<>((a, b) -> a.tick != b.tick
      ? Long.compare(a.tick, b.tick) : Long.compare(a.seq, b.seq));
  /** Links by sender, then receiver (looked up per send: plain string keys, whose hashes are cached). */
  private final Map<String, Map<String, Link>> links = new HashMap<>();
  private boolean partitioned;
  private NetFaults faults;
  private long tick;
  private long seq;
  /** Counters for the run's summary. */
  public long delivered;
  public long dropped;

  public SimNetwork(SplitMixRandom random, Members members, NetFaults faults, int ticksPerSecond,
      boolean reconnectBackoff) {
    this.random = random;
    this.members = members;
    this.faults = faults;
    this.ticksPerSecond = ticksPerSecond;
    this.reconnectBackoff = reconnectBackoff;
  }

  /** The transport member {@code self} sends through. */
  public PeerTransport transport(String self) {
    return new Transport(self);
  }

  public void setFaults(NetFaults f) {
    faults = f;
  }

  /** Cuts both directions between {@code a} and {@code b}. */
  public void partition(String a, String b) {
    link(a, b).cut = true;
    link(b, a).cut = true;
    partitioned = true;
  }

  public void heal() {
    for (Map<String, Link> from : links.values()) {
      for (Link l : from.values()) {
        l.cut = false;
      }
    }
    partitioned = false;
  }

  public boolean partitioned() {
    return partitioned;
  }

  /** Runs every delivery due at or before {@code now} (each queues work on its member's loop). */
  public void deliverUpTo(long now) {
    tick = now;
    while (!queue.isEmpty() && queue.peek().tick <= now) {
      Delivery d = queue.poll();
      PeerHandler h = members.handler(d.to);
      if (h != null) {
        d.action.accept(h);
      }
      delivered++;
    }
  }

  /** Queues {@code action} for {@code to} under the current faults, as many times as it is delivered (0..2). */
  private void post(String from, String to, boolean raft, java.util.function.Consumer<PeerHandler> action) {
    Link link = link(from, to);
    if (link.cut || !link.usable() || random.chance(faults.loss())) {
      dropped++;
      return;
    }
    int copies = raft && random.chance(faults.duplicate()) ? 2 : 1;
    for (int i = 0; i < copies; i++) {
      int span = raft ? faults.maxDelayTicks() - faults.minDelayTicks() : 0;
      long at = tick + faults.minDelayTicks() + (span > 0 ? random.nextInt(span + 1) : 0);
      queue.add(new Delivery(at, seq++, to, action));
    }
  }

  private Link link(String from, String to) {
    Map<String, Link> byTo = links.get(from); // looked up per send: no lambdas to allocate
    if (byTo == null) {
      byTo = new HashMap<>();
      links.put(from, byTo);
    }
    Link l = byTo.get(to);
    if (l == null) {
      l = new Link(to);
      byTo.put(to, l);
    }
    return l;
  }

  /** One direction's connection state, as the production transport keeps it per peer. */
  private final class Link {
    private final String to;
    /** Partitioned: the link drops everything (and its connection state stands still). */
    private boolean cut;
    private boolean broken;
    private long retryAt;
    private long backoffTicks;
    private long lastPromptReset = Long.MIN_VALUE / 2;

    Link(String to) {
      this.to = to;
    }

    /** Whether a send goes out now; a send to a down peer breaks the link. */
    boolean usable() {
      if (broken && !reconnectBackoff && tick - lastPromptReset >= PROMPT_RECONNECT_TICKS) {
        lastPromptReset = tick; // PeerClient.reconnectPromptly: skip the back-off
        retryAt = tick;
      }
      if (broken && tick >= retryAt) {
        if (members.handler(to) != null) {
          broken = false;
          backoffTicks = 0;
        } else {
          backoffTicks = backoffTicks == 0 ? ticksPerSecond : Math.min(backoffTicks * 2, 120L * ticksPerSecond);
          retryAt = tick + backoffTicks;
        }
      }
      if (!broken && members.handler(to) == null) {
        broken = true;
        backoffTicks = ticksPerSecond;
        retryAt = tick + backoffTicks;
      }
      return !broken;
    }
  }

  private final class Transport implements PeerTransport {
    private final String self;

    Transport(String self) {
      this.self = self;
    }

    @Override
    public void send(String peer, List<Message> batch) {
      post(self, peer, true, h -> h.receive(batch));
    }

    @Override
    public void sendFrame(String peer, byte[] frame) {
      post(self, peer, false, h -> h.receiveFrame(frame[0], ByteBuffer.wrap(frame, 1, frame.length - 1).slice()));
    }

    @Override
    public CompletableFuture<byte[]> call(String peer, byte op, byte[] payload, long timeoutMs) {
      CompletableFuture<byte[]> answer = new CompletableFuture<>();
      post(self, peer, false, h -> h.call(op, payload).whenComplete((v, e) ->
          post(peer, self, false, ignored -> {
            if (e != null) {
              answer.completeExceptionally(e);
            } else {
              answer.complete(v);
            }
          })));
      return answer; // the caller arms its own timeout on the node's clock
    }

    @Override
    public void close() {}
  }
}
