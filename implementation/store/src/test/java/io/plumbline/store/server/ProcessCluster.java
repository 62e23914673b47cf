package io.plumbline.store.server;

import io.plumbline.common.InitialCluster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Reference-store members as separate JVM processes (so they can be killed with SIGKILL and restarted).
 * Lives in conformance's tests because the crash test checks its history with the checker, and
 * implementation may not depend on conformance (conformance's tests start reference stores).
 */
final class ProcessCluster implements AutoCloseable {
  final List<String> clientUrls = new ArrayList<>();
  private final List<List<String>> commands = new ArrayList<>();
  private final Process[] members;
  private final Path dir;

  ProcessCluster(int n, Path dir, String... extraFlags) throws IOException {
    this.dir = dir;
    List<String> peerUrls = new ArrayList<>();
    List<Integer> ports = io.plumbline.common.net.Ports.pick(2 * n);
    for (int i = 0; i < n; i++) {
      clientUrls.add("http://127.0.0.1:" + ports.get(2 * i));
      peerUrls.add("http://127.0.0.1:" + ports.get(2 * i + 1));
    }
    String initial = InitialCluster.of(IntStream.range(0, n).mapToObj(i -> "n" + (i + 1)).toList(), peerUrls::get);
    for (int i = 0; i < n; i++) {
      List<String> cmd = new ArrayList<>(List.of(
          ProcessHandle.current().info().command().orElse("java"), "-Xmx256m", "-XX:+UseSerialGC", "-Dplumbline.store.log=INFO",
          "-cp", System.getProperty("java.class.path"), "io.plumbline.store.cli.StoreMain",
          "--name", "n" + (i + 1), "--data-dir", dir.resolve("n" + (i + 1)).toString(),
          "--listen-client-urls", clientUrls.get(i), "--listen-peer-urls", peerUrls.get(i),
          "--initial-cluster", initial));
      cmd.addAll(List.of(extraFlags));
      commands.add(cmd);
    }
    members = new Process[n];
    for (int i = 0; i < n; i++) {
      start(i);
    }
  }

  void start(int i) throws IOException {
    members[i] = new ProcessBuilder(commands.get(i)).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("n" + (i + 1) + ".log").toFile())).start();
  }

  /** SIGKILL: no shutdown hook runs, unsynced page cache is all the member keeps. */
  void kill(int i) throws InterruptedException {
    members[i].destroyForcibly();
    members[i].waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    for (int i = 0; i < members.length; i++) {
      if (members[i] != null && members[i].isAlive()) {
        kill(i);
      }
    }
  }
}
