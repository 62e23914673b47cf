package io.plumbline.store.server;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Debian's etcdctl 3.4 (API v3) against some endpoints and returns what it printed. */
final class Etcdctl {
  private final String endpoints;
  private final Path scratch;

  Etcdctl(String endpoints, Path scratch) {
    this.endpoints = endpoints;
    this.scratch = scratch;
  }

  /** Runs to completion (stdin optional); stdout then stderr without the client's JSON retry logs. */
  String run(String stdin, String... args) throws IOException, InterruptedException {
    Process p = start(args);
    if (stdin != null) {
      p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
    }
    p.getOutputStream().close();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("etcdctl " + String.join(" ", args) + " hung");
    }
    return output(p);
  }

  /** Runs a command that does not end by itself (watch) until its output contains {@code until}. */
  String runUntil(String until, String... args) throws IOException {
    Process p = start(args);
    p.getOutputStream().close();
    try {
      await().atMost(Duration.ofSeconds(20)).until(() -> output(p).contains(until));
      return output(p);
    } finally {
      p.destroyForcibly();
    }
  }

  private Process start(String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("etcdctl", "--endpoints=" + endpoints));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("ETCDCTL_API", "3");
    Path tmp = Files.createTempFile(scratch, "out", ".txt");
    Path err = Files.createTempFile(scratch, "err", ".txt");
    Process p = pb.redirectOutput(tmp.toFile()).redirectError(err.toFile()).start();
    Files.move(tmp, scratch.resolve("watch-" + p.pid()));
    Files.move(err, scratch.resolve("err-" + p.pid()));
    return p;
  }

  private String output(Process p) throws IOException {
    String out = Files.readString(scratch.resolve("watch-" + p.pid()));
    StringBuilder errors = new StringBuilder();
    for (String line : Files.readAllLines(scratch.resolve("err-" + p.pid()))) {
      if (!line.startsWith("{\"level\"")) { // everything but client-side retry logs
        errors.append(line).append('\n');
      }
    }
    return out + errors;
  }
}
