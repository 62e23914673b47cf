package io.plumbline.chaos.runtime;

import io.plumbline.chaos.plan.PartitionPlan;
import java.nio.file.Path;
import java.util.List;

/**
 * A running cluster that faults can be injected into. Implemented by the local-process runtime
 * (proxies, signals) and meant for the container runtime (iptables, docker pause/kill).
 */
public interface ChaosCluster extends AutoCloseable {
  int size();

  /** Client URLs in member order (what workload clients connect to). */
  List<String> clientUrls();

  /** Cuts exactly the plan's links (replacing any previous partition). */
  void partition(PartitionPlan plan);

  /** Restores every link (peer and client links). */
  void healNetwork();

  /** kill -9 of member {@code i}; its data stays. */
  void kill(int i);

  /** Starts a killed member again on its data and waits until it is healthy. */
  void restart(int i);

  boolean isRunning(int i);

  /** Freezes member {@code i} (SIGSTOP / docker pause). */
  void pause(int i);

  void resume(int i);

  /** True when the runtime can fake member clocks for this target; false: the clock nemesis is refused. */
  default boolean supportsClockFaults() {
    return false;
  }

  /** Sets member {@code i}'s clock to real time + {@code seconds} (0 heals it). */
  default void setClockOffset(int i, long seconds) {
    throw new UnsupportedOperationException("this runtime cannot fake member clocks");
  }

  /** True when clients reach members through links the runtime can cut ({@link #cutClients}). */
  default boolean supportsClientCuts() {
    return false;
  }

  /** Cuts the given members off from every client (replacing any previous client cut); {@link #healNetwork()} restores them. */
  default void cutClients(java.util.Set<Integer> members) {
    throw new UnsupportedOperationException("this runtime cannot cut client links");
  }

  /** Copies every member's log into {@code dir} (one file per member). */
  void saveLogs(Path dir);

  @Override
  void close();
}
