package io.plumbline.conformance.faults;

import io.etcd.jetcd.Client;
import io.plumbline.db.LocalCluster;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps one follower behind the others: SIGSTOP for {@link #PAUSE_MS} in every {@link #PERIOD_MS}
 * (well below the election timeout, so the leader stays). When it resumes it has missed writes the
 * others acknowledged, and requests queued at its door are answered at once: a correct store still
 * waits for ReadIndex before a linearizable read, a {@code stale-read} one answers from its old state.
 * Without it the window for a stale read is the milliseconds between the leader's and a follower's
 * apply, which a short run may never hit.
 */
final class LaggingFollower implements AutoCloseable {
  static final long PERIOD_MS = 1000;
  static final long PAUSE_MS = 300;
  private final LocalCluster cluster;
  private final int member;
  private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor();

  LaggingFollower(LocalCluster cluster) throws Exception {
    this.cluster = cluster;
    this.member = follower(cluster.clientUrls());
    schedule.scheduleAtFixedRate(() -> {
      cluster.pause(member);
      schedule.schedule(() -> cluster.resume(member), PAUSE_MS, TimeUnit.MILLISECONDS);
    }, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
  }

  /** Index of a member that is not the leader now. */
  private static int follower(List<String> urls) throws Exception {
    try (Client c = Client.builder().endpoints(urls.toArray(String[]::new)).build()) {
      for (int i = 0; i < urls.size(); i++) {
        var s = c.getMaintenanceClient().statusMember(urls.get(i)).get(10, TimeUnit.SECONDS);
        if (s.getLeader() != s.getHeader().getMemberId()) {
          return i;
        }
      }
    }
    throw new IllegalStateException("no follower among " + urls);
  }

  @Override
  public void close() throws InterruptedException {
    schedule.shutdownNow();
    schedule.awaitTermination(5, TimeUnit.SECONDS);
    cluster.resume(member);
  }
}
