package io.plumbline.apiserver;

import static org.awaitility.Awaitility.await;

import io.plumbline.common.net.Ports;
import io.plumbline.store.node.StoreConfig;
import io.plumbline.store.server.StoreServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/** Reference-store members in this JVM on picked 127.0.0.1 ports (see {@link Ports#withRetry}), etcd's default timings. */
final class ReferenceTestCluster implements TestStore {
  private final List<StoreServer> members = new ArrayList<>();
  private final List<String> clientUrls = new ArrayList<>();
  private final Path dataRoot;

  private ReferenceTestCluster(Path dataRoot) {
    this.dataRoot = dataRoot;
  }

  /**
   * Starts {@code size} members on picked ports and waits until one leads; when a port was taken
   * between picking and binding, starts again on new ports.
   */
  static ReferenceTestCluster start(int size) throws Exception {
    return Ports.withRetry(2 * size, ports -> startOn(size, ports),
        LoggerFactory.getLogger(ReferenceTestCluster.class)::warn);
  }

  private static ReferenceTestCluster startOn(int size, List<Integer> ports) throws IOException {
    ReferenceTestCluster cluster = new ReferenceTestCluster(
        Files.createTempDirectory("plumbline-reference"));
    Map<String, URI> peers = new LinkedHashMap<>();
    for (int i = 1; i <= size; i++) {
      peers.put("n" + i, URI.create("http://127.0.0.1:" + ports.get(2 * i - 2)));
      cluster.clientUrls.add("http://127.0.0.1:" + ports.get(2 * i - 1));
    }
    try {
      for (int i = 1; i <= size; i++) {
        cluster.members.add(new StoreServer(StoreConfig.defaults("n" + i,
            cluster.dataRoot.resolve("n" + i), URI.create(cluster.clientUrls.get(i - 1)),
            peers.get("n" + i), peers)).start());
      }
      await().atMost(Duration.ofSeconds(30)).until(() ->
          cluster.members.stream().anyMatch(m -> m.node().isLeader()));
    } catch (IOException | RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  @Override
  public List<String> clientUrls() {
    return clientUrls;
  }

  @Override
  public void close() throws IOException {
    for (StoreServer m : members) {
      m.close();
    }
    try (Stream<Path> files = Files.walk(dataRoot)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }

  @Override
  public String toString() {
    return "reference " + Arrays.toString(clientUrls.toArray());
  }
}
