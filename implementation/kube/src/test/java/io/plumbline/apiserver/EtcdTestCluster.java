package io.plumbline.apiserver;

import static org.awaitility.Awaitility.await;

import io.plumbline.common.InitialCluster;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** Real etcd members on free 127.0.0.1 ports with temporary data dirs, stopped by PID. */
public final class EtcdTestCluster implements TestStore {
  static final String ETCD = "/usr/bin/etcd";

  private final List<Process> members = new ArrayList<>();
  private final List<String> clientUrls = new ArrayList<>();
  private final Path dataRoot;

  private EtcdTestCluster(Path dataRoot) {
    this.dataRoot = dataRoot;
  }

  /** Starts {@code size} members as one cluster and waits until each reports healthy. */
  public static EtcdTestCluster start(int size) throws IOException {
    if (!Files.isExecutable(Path.of(ETCD))) {
      throw new IllegalStateException(ETCD + " is missing: install it with 'apt-get install "
          + "etcd-server' (scripts/test does so)");
    }
    EtcdTestCluster etcd = new EtcdTestCluster(Files.createTempDirectory("plumbline-etcd"));
    List<String> peerUrls = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      etcd.clientUrls.add("http://127.0.0.1:" + freePort());
      peerUrls.add("http://127.0.0.1:" + freePort());
    }
    String cluster = InitialCluster.of(IntStream.range(0, size).mapToObj(i -> "m" + i).toList(), peerUrls::get);
    for (int i = 0; i < size; i++) {
      Path dir = etcd.dataRoot.resolve("m" + i);
      etcd.members.add(new ProcessBuilder(ETCD, "--name", "m" + i, "--data-dir", dir.toString(),
          "--listen-client-urls", etcd.clientUrls.get(i),
          "--advertise-client-urls", etcd.clientUrls.get(i),
          "--listen-peer-urls", peerUrls.get(i),
          "--initial-advertise-peer-urls", peerUrls.get(i),
          "--initial-cluster", cluster, "--initial-cluster-state", "new")
          .redirectErrorStream(true)
          .redirectOutput(etcd.dataRoot.resolve("m" + i + ".log").toFile())
          .start());
    }
    HttpClient http = HttpClient.newHttpClient();
    for (String url : etcd.clientUrls) {
      await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
          http.send(HttpRequest.newBuilder(URI.create(url + "/health")).build(),
              HttpResponse.BodyHandlers.ofString()).body().contains("\"health\":\"true\""));
    }
    return etcd;
  }

  /** Kills member {@code i} at once (SIGKILL), as a crash would. */
  public void kill(int i) throws InterruptedException {
    members.get(i).destroyForcibly().waitFor();
  }

  @Override
  public List<String> clientUrls() {
    return clientUrls;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws IOException {
    for (Process p : members) {
      p.destroy();
    }
    for (Process p : members) {
      try {
        p.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try (Stream<Path> files = Files.walk(dataRoot)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
