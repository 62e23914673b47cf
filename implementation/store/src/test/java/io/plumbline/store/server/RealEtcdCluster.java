package io.plumbline.store.server;

import io.plumbline.common.InitialCluster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/** A real etcd 3.4 cluster of N member processes on free ports (Debian's etcd-server), for side-by-side checks. */
final class RealEtcdCluster implements AutoCloseable {
  private final List<Process> members = new ArrayList<>();
  final List<String> clientUrls = new ArrayList<>();

  RealEtcdCluster(int n, Path dir) throws IOException {
    List<String> peerUrls = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      clientUrls.add("http://127.0.0.1:" + LocalCluster.freePort());
      peerUrls.add("http://127.0.0.1:" + LocalCluster.freePort());
    }
    String initial = InitialCluster.of(IntStream.range(0, n).mapToObj(i -> "e" + (i + 1)).toList(), peerUrls::get);
    for (int i = 0; i < n; i++) {
      members.add(new ProcessBuilder("etcd", "--name", "e" + (i + 1),
          "--data-dir", dir.resolve("e" + (i + 1)).toString(),
          "--listen-client-urls", clientUrls.get(i), "--advertise-client-urls", clientUrls.get(i),
          "--listen-peer-urls", peerUrls.get(i), "--initial-advertise-peer-urls", peerUrls.get(i),
          "--initial-cluster", initial, "--initial-cluster-state", "new",
          "--logger", "zap", "--log-outputs", dir.resolve("e" + (i + 1) + ".log").toString())
          .redirectErrorStream(true).redirectOutput(dir.resolve("e" + (i + 1) + ".out").toFile()).start());
    }
  }

  String endpoints() {
    return String.join(",", clientUrls);
  }

  @Override
  public void close() {
    for (Process p : members) {
      p.destroyForcibly();
    }
    for (Process p : members) {
      try {
        p.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
