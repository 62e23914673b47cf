package io.plumbline.raft.sim;

import io.plumbline.raft.Message;
import io.plumbline.raft.SplitMixRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * A seeded network: each message is delayed 1..maxDelayTicks (so messages reorder; a few
 * stragglers much longer), may be lost
 * or duplicated, and is dropped at delivery when a partition separates its endpoints or its
 * destination is down.
 */
final class SimNetwork {
  private record InFlight(long deliverAt, long seq, Message message) {}

  /** Fault rates; all zero after the network heals. */
  record Faults(double loss, double duplication, int maxDelayTicks, double longDelay,
      int maxLongDelayTicks) {}

  private final SplitMixRandom random;
  private final Map<String, Integer> index;
  private final PriorityQueue<InFlight> queue = new PriorityQueue<>(
      (a, b) -> a.deliverAt != b.deliverAt
          ? Long.compare(a.deliverAt, b.deliverAt) : Long.compare(a.seq, b.seq));
  private final int[] side;
  private Faults faults;
  private long seq;
  long sent;
  long delivered;
  long lost;
  long duplicated;

  SimNetwork(SplitMixRandom random, Map<String, Integer> index, Faults faults) {
    this.random = random;
    this.index = index;
    this.side = new int[index.size()];
    this.faults = faults;
  }

  void setFaults(Faults f) {
    faults = f;
  }

  /** Puts each member on a side; messages between different sides are dropped. */
  void partition(int[] sides) {
    System.arraycopy(sides, 0, side, 0, side.length);
  }

  void heal() {
    java.util.Arrays.fill(side, 0);
  }

  boolean partitioned() {
    for (int s : side) {
      if (s != side[0]) {
        return true;
      }
    }
    return false;
  }

  void send(Message m, long now) {
    sent++;
    if (random.chance(faults.loss())) {
      lost++;
      return;
    }
    enqueue(m, now);
    if (random.chance(faults.duplication())) {
      duplicated++;
      enqueue(m, now);
    }
  }

  private void enqueue(Message m, long now) {
    long delay = 1 + random.nextInt(Math.max(1, faults.maxDelayTicks()));
    if (random.chance(faults.longDelay())) {
      delay += random.nextInt(Math.max(1, faults.maxLongDelayTicks())); // a straggler
    }
    queue.add(new InFlight(now + delay, seq++, m));
  }

  /** Messages due by {@code now} whose endpoints are connected, in delivery order. */
  List<Message> due(long now) {
    List<Message> out = new ArrayList<>();
    while (!queue.isEmpty() && queue.peek().deliverAt <= now) {
      Message m = queue.poll().message;
      if (side[index.get(m.from())] == side[index.get(m.to())]) {
        out.add(m);
        delivered++;
      }
    }
    return out;
  }
}
