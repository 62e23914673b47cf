package io.plumbline.conformance.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plumbline.conformance.Check;
import io.plumbline.conformance.Session;
import io.plumbline.conformance.SuiteOptions;
import io.plumbline.conformance.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * etcdctl 3.4's {@code snapshot save} against the first endpoint writes a file that {@code snapshot status} reads
 * (it opens the file as a bbolt database, runs bbolt's integrity check and walks every bucket): the revision it
 * finds lies between that member's revisions before and after the save (a follower may be behind the others, so
 * its own revisions are the bounds), and the file ends with the SHA-256 of what precedes
 * it, which {@code snapshot restore} checks. Without etcdctl the check takes the snapshot over gRPC itself and
 * reads what etcdctl's first step reads (bbolt's two meta pages, {@link BoltMetaPages}) and the SHA-256 trailer,
 * and says in its evidence that the buckets were not walked.
 */
final class SnapshotStatus implements Check {
  private static final long TIMEOUT_SECONDS = 60;

  @Override
  public String name() {
    return "snapshot-status";
  }

  @Override
  public String description() {
    return "etcdctl snapshot save writes a bbolt file that etcdctl snapshot status reads, with etcd's SHA-256 trailer";
  }

  @Override
  public Verdict run(Session s) throws Exception {
    List<String> ev = new ArrayList<>();
    s.await("put", s.kv().put(s.key("hostile/snapshot"), Session.bytes("1")));
    long before = s.currentRevisionAt(s.options().endpoints().get(0));
    if (!Files.isExecutable(Path.of("/usr/bin/etcdctl"))) {
      return withoutEtcdctl(s, before, ev);
    }
    Path dir = Files.createTempDirectory("plumbline-snapshot");
    try {
      Path file = dir.resolve("s.db");
      String saved = etcdctl(s.options(), "--endpoints=" + s.options().endpoints().get(0), "snapshot", "save",
          file.toString());
      long after = s.currentRevisionAt(s.options().endpoints().get(0));
      ev.add("etcdctl snapshot save -> " + lastLine(saved) + "; revisions before/after: " + before + "/" + after);
      if (!Files.exists(file)) {
        return Verdict.fail("etcdctl snapshot save wrote no file", ev);
      }
      String status = etcdctl(s.options(), "snapshot", "status", file.toString(), "-w", "json");
      ev.add("etcdctl snapshot status -w json -> " + lastLine(status));
      List<String> problems = new ArrayList<>();
      JsonNode st = parse(status);
      if (st == null) {
        problems.add("etcdctl snapshot status could not read the file: " + lastLine(status));
      } else if (st.path("revision").asLong() < before || st.path("revision").asLong() > after) {
        problems.add("snapshot revision " + st.path("revision").asLong() + " outside [" + before + ", " + after + "]");
      }
      String trailer = sha256Trailer(Files.readAllBytes(file));
      ev.add("trailer: " + trailer);
      if (!trailer.equals("SHA-256 of the rest")) {
        problems.add("the file does not end with the SHA-256 of the database (" + trailer + ")");
      }
      return Verdict.of("etcdctl reads the snapshot; revision in range; SHA-256 trailer present", problems, ev);
    } finally {
      try (var files = Files.list(dir)) {
        for (Path p : files.toList()) {
          Files.deleteIfExists(p);
        }
      }
      Files.deleteIfExists(dir);
    }
  }

  /** The snapshot streamed over gRPC (jetcd), its trailer and bbolt meta pages checked here. */
  private static Verdict withoutEtcdctl(Session s, long before, List<String> ev) throws Exception {
    ev.add("etcdctl is not installed (Debian package etcd-client): the snapshot is taken over gRPC and only its "
        + "SHA-256 trailer and bbolt meta pages are checked, not its buckets");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long size = s.await("snapshot", s.clientFor(s.options().endpoints().get(0)).getMaintenanceClient().snapshot(out));
    byte[] file = out.toByteArray();
    ev.add("Maintenance.Snapshot -> " + size + " bytes; revision before: " + before);
    List<String> problems = new ArrayList<>();
    String trailer = sha256Trailer(file);
    ev.add("trailer: " + trailer);
    if (!trailer.equals("SHA-256 of the rest")) {
      problems.add("the snapshot does not end with the SHA-256 of the database (" + trailer + ")");
    } else {
      problems.addAll(BoltMetaPages.problems(Arrays.copyOf(file, file.length - 32)));
    }
    return Verdict.of("the snapshot is a bbolt file (both meta pages valid) with etcd's SHA-256 trailer", problems, ev);
  }

  /** etcd appends sha256(db) to the stream, so that the file's size modulo 512 is 32 (v3_snapshot.go). */
  static String sha256Trailer(byte[] file) throws Exception {
    if (file.length % 512 != 32) {
      return "none (size " + file.length + ", modulo 512 = " + file.length % 512 + ")";
    }
    byte[] sha = MessageDigest.getInstance("SHA-256").digest(Arrays.copyOf(file, file.length - 32));
    return Arrays.equals(sha, Arrays.copyOfRange(file, file.length - 32, file.length)) ? "SHA-256 of the rest"
        : "32 bytes that are not the SHA-256 of the rest";
  }

  private static JsonNode parse(String out) {
    for (String line : out.split("\n")) {
      if (line.startsWith("{") && line.contains("\"revision\"")) {
        try {
          return new ObjectMapper().readTree(line);
        } catch (IOException e) {
          return null;
        }
      }
    }
    return null;
  }

  private static String lastLine(String out) {
    String[] lines = out.strip().split("\n");
    return lines[lines.length - 1];
  }

  /** Runs etcdctl with the suite's TLS files; stdout and stderr together. */
  private static String etcdctl(SuiteOptions o, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/etcdctl"));
    if (o.tls() != null) {
      if (o.tls().caCert() != null) {
        cmd.add("--cacert=" + o.tls().caCert());
      }
      if (o.tls().cert() != null) {
        cmd.add("--cert=" + o.tls().cert());
        cmd.add("--key=" + o.tls().key());
      }
    }
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("ETCDCTL_API", "3");
    Process p = pb.start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return "etcdctl did not end within " + TIMEOUT_SECONDS + " s";
    }
    return new String(out, StandardCharsets.UTF_8);
  }
}
