package io.plumbline.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.plumbline.common.net.Ports;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Starts real etcd 3.4 members and drives them through kill, restart, pause and resume. */
class LocalClusterTest {

  private static ByteSequence bytes(String s) {
    return ByteSequence.from(s, StandardCharsets.UTF_8);
  }

  private static void put(String endpoint, String key, String value) throws Exception {
    try (Client c = Client.builder().endpoints(endpoint).build()) {
      c.getKVClient().put(bytes(key), bytes(value)).get(10, TimeUnit.SECONDS);
    }
  }

  private static String get(String endpoint, String key) throws Exception {
    try (Client c = Client.builder().endpoints(endpoint).build()) {
      var kvs = c.getKVClient().get(bytes(key)).get(10, TimeUnit.SECONDS).getKvs();
      return kvs.isEmpty() ? null : kvs.get(0).getValue().toString(StandardCharsets.UTF_8);
    }
  }

  @Test
  void threeMembersServeWritesSurviveAKillAndAPauseAndLeaveNothingBehind() throws Exception {
    Path root;
    long[] pids = new long[3];
    try (LocalCluster cluster = LocalCluster.start(LocalCluster.Options.etcd(3))) {
      List<String> urls = cluster.clientUrls();
      assertThat(urls).hasSize(3).allMatch(u -> u.startsWith("http://127.0.0.1:"));
      root = cluster.members().get(0).dataDir().getParent();
      for (int i = 0; i < 3; i++) {
        pids[i] = cluster.pid(i);
        assertThat(pids[i]).isPositive();
      }
      put(urls.get(0), "launcher/a", "1");
      assertThat(get(urls.get(2), "launcher/a")).isEqualTo("1");

      cluster.kill(0);
      assertThat(cluster.isRunning(0)).isFalse();
      // the majority still commits; right after the leader dies a put may time out, so retry
      await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> put(urls.get(1), "launcher/a", "2"));
      cluster.restart(0);
      assertThat(get(urls.get(0), "launcher/a")).isEqualTo("2"); // restarted on its old data, caught up

      cluster.pause(2);
      await().atMost(Duration.ofSeconds(20)).until(() -> !cluster.healthy(2));
      await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> put(urls.get(0), "launcher/a", "3"));
      cluster.resume(2);
      await().atMost(Duration.ofSeconds(20)).until(() -> cluster.healthy(2));
      await().atMost(Duration.ofSeconds(20)).until(() -> "3".equals(get(urls.get(2), "launcher/a")));
    }
    assertThat(root).doesNotExist();
    for (long pid : pids) {
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("pid %d", pid).isFalse();
    }
  }

  /**
   * The race of issue #13: another program binds a port after it was picked and before the member
   * binds it. The member's log says "address already in use"; the cluster starts again on new
   * ports and says so.
   */
  @Test
  void aPortTakenBeforeTheMemberBindsItIsRetriedOnNewPorts() throws Exception {
    List<ServerSocket> thieves = new ArrayList<>();
    List<List<Integer>> handedOut = new ArrayList<>();
    List<String> said = new ArrayList<>();
    IntFunction<List<Integer>> stealFirstPeerPort = n -> {
      List<Integer> ports = Ports.pick(n);
      if (thieves.isEmpty()) { // m1's peer port: m1 exits, m0 and m2 cannot reach it
        try {
          thieves.add(new ServerSocket(ports.get(3), 50, InetAddress.getLoopbackAddress()));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      handedOut.add(ports);
      return ports;
    };
    try (LocalCluster cluster = LocalCluster.start(LocalCluster.Options.etcd(3), stealFirstPeerPort, line -> {
      said.add(line);
      System.out.println(line); // the evidence, in the surefire report
    })) {
      assertThat(handedOut).hasSize(2);
      assertThat(said).singleElement().asString()
          .contains("a port of " + handedOut.get(0) + " was taken", "member m1 could not bind",
              "address already in use", "attempt 2 of 5");
      assertThat(cluster.clientUrls()).containsExactly(handedOut.get(1).stream()
          .filter(p -> handedOut.get(1).indexOf(p) % 2 == 0).map(p -> "http://127.0.0.1:" + p).toArray(String[]::new));
      put(cluster.clientUrls().get(1), "retried/a", "1");
      assertThat(get(cluster.clientUrls().get(2), "retried/a")).isEqualTo("1");
    } finally {
      for (ServerSocket s : thieves) {
        s.close();
      }
    }
  }

  @Test
  void aMemberThatCannotStartIsReportedWithItsLog() {
    LocalCluster.Options bad = new LocalCluster.Options(1,
        new MemberCommand(List.of("/usr/bin/etcd", "--name", "{name}", "--no-such-etcd-flag")),
        StatusProbe.grpc(Duration.ofSeconds(1)), Duration.ofSeconds(30));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> LocalCluster.start(bad))
        .hasMessageContaining("member m0 exited")
        .hasMessageContaining("no-such-etcd-flag");
  }

  @Test
  void templatesReplaceEveryPlaceholder() {
    MemberCommand cmd = MemberCommand.parse("./plumbline store --name {name} --data-dir {data-dir} "
        + "--listen-client-urls {client-url} --listen-peer-urls {peer-url} --initial-cluster {initial-cluster}");
    List<String> args = cmd.render(java.util.Map.of("{name}", "m1", "{data-dir}", "/tmp/d", "{client-url}", "http://c",
        "{peer-url}", "http://p", "{initial-cluster}", "m0=http://a,m1=http://p"));
    assertThat(args).containsExactly("./plumbline", "store", "--name", "m1", "--data-dir", "/tmp/d",
        "--listen-client-urls", "http://c", "--listen-peer-urls", "http://p", "--initial-cluster", "m0=http://a,m1=http://p");
    assertThat(Files.exists(Path.of("/usr/bin/etcd"))).isTrue();
  }
}
