package io.plumbline.conformance;

import io.plumbline.db.LocalCluster;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole suite against a real 3-member etcd 3.4 cluster started by the test: every group must
 * pass on a shared, non-empty store and the report must be complete ({@link WholeSuite}).
 */
class ConformanceSuiteEtcdTest {
  private static LocalCluster cluster;

  @BeforeAll
  static void startEtcd() {
    cluster = LocalCluster.start(LocalCluster.Options.etcd(3));
  }

  @AfterAll
  static void stopEtcd() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void everyGroupPassesOnRealEtcdAndTheReportIsComplete(@TempDir Path report) throws Exception {
    WholeSuite.passesOnSharedStore(cluster, report);
  }
}
