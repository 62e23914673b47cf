package io.plumbline.conformance;

import io.plumbline.conformance.reference.ReferenceCluster;
import io.plumbline.db.LocalCluster;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole suite against plumbline's reference store, 3 member processes on 127.0.0.1 started by
 * the test: the same run and the same assertions as against real etcd ({@link ConformanceSuiteEtcdTest}).
 */
class ConformanceSuiteReferenceTest {
  private static LocalCluster cluster;

  @BeforeAll
  static void startReference() {
    cluster = ReferenceCluster.start(3);
  }

  @AfterAll
  static void stopReference() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void everyGroupPassesOnTheReferenceStoreAndTheReportIsComplete(@TempDir Path report) throws Exception {
    WholeSuite.passesOnSharedStore(cluster, report);
  }
}
