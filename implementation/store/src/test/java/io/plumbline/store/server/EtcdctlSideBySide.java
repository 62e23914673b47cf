package io.plumbline.store.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs one etcdctl session against a real 3-member etcd 3.4 cluster, then against a 3-member reference cluster,
 * leaves both transcripts in {@code target/<name>/}, and asserts them equal step by step.
 */
final class EtcdctlSideBySide {
  /** One etcdctl session; each element is one command's (masked) output. */
  interface Session {
    List<String> run(Etcdctl ctl) throws Exception;
  }

  private EtcdctlSideBySide() {}

  /** The reference cluster's transcript, after it was found equal to etcd's. */
  static List<String> assertSameOutput(Path dir, String name, Session session) throws Exception {
    List<String> etcd;
    try (io.plumbline.db.LocalCluster real = io.plumbline.db.LocalCluster.start(io.plumbline.db.LocalCluster.Options.etcd(3))) {
      etcd = session.run(new Etcdctl(real.endpoints(), Files.createDirectories(dir.resolve("etcd-out"))));
    }
    List<String> ours;
    try (LocalCluster cluster = new LocalCluster(3, Files.createDirectories(dir.resolve("ref")), c -> c)) {
      ours = session.run(new Etcdctl(String.join(",", cluster.endpoints()), Files.createDirectories(dir.resolve("ref-out"))));
    }
    Path evidence = Files.createDirectories(Path.of("target", name));
    Files.writeString(evidence.resolve("etcd.txt"), String.join("\n----\n", etcd));
    Files.writeString(evidence.resolve("reference.txt"), String.join("\n----\n", ours));
    assertThat(ours).hasSameSizeAs(etcd);
    for (int i = 0; i < etcd.size(); i++) {
      assertThat(ours.get(i)).as("step %d", i).isEqualTo(etcd.get(i));
    }
    return ours;
  }
}
