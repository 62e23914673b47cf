package io.plumbline.raft.sim;

import io.plumbline.raft.Message;
import io.plumbline.raft.SplitMixRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A seeded network: each message is delayed 1..maxDelayTicks (so messages reorder; a few
 * stragglers much longer), may be lost
 * or duplicated, and is dropped at delivery when a partition separates its endpoints or its
 * destination is down.
 */
final class SimNetwork {
  /** Longest delay a message can get; sizes the timing wheel. */
  static final int MAX_DELAY_TICKS = 128;

  /** Fault rates; all zero after the network heals. */
  record Faults(double loss, double duplication, int maxDelayTicks, double longDelay,
      int maxLongDelayTicks) {}

  private final SplitMixRandom random;
  private final Map<String, Integer> index;
  /** A timing wheel: slot t % size holds, in send order, the messages due at tick t. */
  @SuppressWarnings("unchecked")
  private final List<Message>[] wheel = new List[MAX_DELAY_TICKS + 1];
  private final int[] side;
  private Faults faults;
  long sent;
  long delivered;
  long lost;
  long duplicated;

  SimNetwork(SplitMixRandom random, Map<String, Integer> index, Faults faults) {
    this.random = random;
    this.index = index;
    this.side = new int[index.size()];
    this.faults = faults;
    for (int i = 0; i < wheel.length; i++) {
      wheel[i] = new ArrayList<>();
    }
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
    wheel[(int) ((now + Math.min(delay, MAX_DELAY_TICKS)) % wheel.length)].add(m);
  }

  /**
   * Messages due at {@code now} whose endpoints are connected, in send order. Called once per
   * tick, so every slot is drained exactly when its tick comes.
   */
  List<Message> due(long now) {
    List<Message> slot = wheel[(int) (now % wheel.length)];
    if (slot.isEmpty()) {
      return List.of();
    }
    List<Message> out = new ArrayList<>(slot.size());
    for (Message m : slot) {
      if (side[index.get(m.from())] == side[index.get(m.to())]) {
        out.add(m);
        delivered++;
      }
    }
    slot.clear();
    return out;
  }
}
