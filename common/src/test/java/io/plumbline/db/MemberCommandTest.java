package io.plumbline.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one member command builder: every launcher renders its command line from these templates. */
class MemberCommandTest {
  private static final List<Member> CLUSTER = List.of(
      new Member(0, "m0", "http://127.0.0.1:1000", "http://127.0.0.1:1001", Path.of("/d/m0"), Path.of("/d/m0.log")),
      new Member(1, "m1", "http://127.0.0.1:1002", "http://127.0.0.1:1003", Path.of("/d/m1"), Path.of("/d/m1.log")));

  @Test
  void aReferenceStoreLaunchedByAnyLauncherGetsEtcdsFlagNames() {
    List<String> argv = MemberCommand.referenceStoreLaunchedBy(List.of("plumbline", "store"), List.of("--fault", "stale-read"))
        .renderFor(CLUSTER.get(1), CLUSTER, "new", "t");
    assertThat(argv).containsExactly("plumbline", "store", "--name", "m1", "--data-dir", "/d/m1",
        "--listen-client-urls", "http://127.0.0.1:1002", "--listen-peer-urls", "http://127.0.0.1:1003",
        "--initial-cluster", "m0=http://127.0.0.1:1001,m1=http://127.0.0.1:1003", "--fault", "stale-read");
  }

  @Test
  void aProxiedReferenceStoreListensWhereItsProxiesForward() {
    List<String> argv = MemberCommand.referenceStoreLaunchedBy(
        MemberCommand.referenceStoreJvm("java", List.of("-Xmx384m"), "/cp"), "{listen-client-url}", "{listen-peer-url}",
        List.of("--fault", "stale-read")).args();
    assertThat(argv).containsExactly("java", "-Xmx384m", "-cp", "/cp", MemberCommand.REFERENCE_STORE_MAIN,
        "--name", "{name}", "--data-dir", "{data-dir}", "--listen-client-urls", "{listen-client-url}",
        "--listen-peer-urls", "{listen-peer-url}", "--initial-cluster", "{initial-cluster}", "--fault", "stale-read");
  }

  @Test
  void etcdRestartsAsExistingWithTheClustersToken() {
    List<String> argv = MemberCommand.etcd("/usr/bin/etcd").renderFor(CLUSTER.get(0), CLUSTER, "existing", "plumbline-x");
    assertThat(String.join(" ", argv)).contains("--name m0", "--initial-cluster-state existing",
        "--initial-cluster-token plumbline-x", "--advertise-client-urls http://127.0.0.1:1000", "--pre-vote=true");
  }
}
