package io.plumbline.store.server;

import io.plumbline.common.net.Ports;
import io.plumbline.db.Member;
import io.plumbline.db.MemberCommand;
import io.plumbline.db.MemberProcesses;
import io.plumbline.db.StatusProbe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * Reference-store members as separate JVM processes (so they can be killed with SIGKILL and
 * restarted), launched by the shared member command and process supervisor; logs ({@code n1.log}
 * …) stay in {@code dir}. A start that finds a picked port taken starts again on new ports.
 */
final class ProcessCluster implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  final List<String> clientUrls = new ArrayList<>();
  private final MemberCommand command;
  private final List<Member> members = new ArrayList<>();
  private final MemberProcesses processes;

  ProcessCluster(int n, Path dir, String... extraFlags) throws Exception {
    this.command = MemberCommand.referenceStore(List.of("-Dplumbline.store.log=INFO"), List.of(extraFlags));
    this.processes = Ports.withRetry(2 * n, ports -> startOn(n, dir, ports),
        LoggerFactory.getLogger(ProcessCluster.class)::warn);
  }

  private MemberProcesses startOn(int n, Path dir, List<Integer> ports) throws IOException {
    members.clear();
    clientUrls.clear();
    for (int i = 0; i < n; i++) {
      String name = "n" + (i + 1);
      deleteTree(dir.resolve(name)); // an attempt that failed may have left data behind
      members.add(new Member(i, name, "http://127.0.0.1:" + ports.get(2 * i),
          "http://127.0.0.1:" + ports.get(2 * i + 1), dir.resolve(name), dir.resolve(name + ".log")));
      clientUrls.add(members.get(i).clientUrl());
    }
    MemberProcesses started = new MemberProcesses(members, StatusProbe.grpc(Duration.ofSeconds(2)), START_TIMEOUT);
    try {
      for (Member m : members) {
        started.launch(m.index(), command.renderFor(m, members, "new", "plumbline-test"), Map.of());
      }
      started.awaitAllHealthy(clientUrls);
      return started;
    } catch (RuntimeException e) {
      started.stopAll();
      throw e;
    }
  }

  /** Starts a killed member again on its data directory and waits until it knows a leader. */
  void start(int i) {
    Member m = members.get(i);
    processes.launch(i, command.renderFor(m, members, "existing", "plumbline-test"), Map.of());
    processes.awaitHealthy(i, m.clientUrl());
  }

  /** SIGKILL: no shutdown hook runs, unsynced page cache is all the member keeps. */
  void kill(int i) {
    processes.kill(i);
  }

  @Override
  public void close() {
    processes.stopAll();
  }

  private static void deleteTree(Path root) throws IOException {
    if (Files.exists(root)) {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(f);
        }
      }
    }
  }
}
