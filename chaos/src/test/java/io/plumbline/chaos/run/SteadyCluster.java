package io.plumbline.chaos.run;

import io.plumbline.chaos.plan.PartitionPlan;
import io.plumbline.chaos.runtime.ChaosCluster;
import java.nio.file.Path;
import java.util.List;

/**
 * A cluster for runner tests that only need client URLs: every member is always up and every
 * fault is a no-op (the tests run no nemesis, or check what the runner does without one).
 */
final class SteadyCluster implements ChaosCluster {
  private final List<String> clientUrls;

  SteadyCluster(List<String> clientUrls) {
    this.clientUrls = List.copyOf(clientUrls);
  }

  @Override
  public int size() {
    return clientUrls.size();
  }

  @Override
  public List<String> clientUrls() {
    return clientUrls;
  }

  @Override
  public void partition(PartitionPlan plan) {}

  @Override
  public void healNetwork() {}

  @Override
  public void kill(int i) {}

  @Override
  public void restart(int i) {}

  @Override
  public boolean isRunning(int i) {
    return true;
  }

  @Override
  public void pause(int i) {}

  @Override
  public void resume(int i) {}

  @Override
  public void saveLogs(Path dir) {}

  @Override
  public void close() {}
}
