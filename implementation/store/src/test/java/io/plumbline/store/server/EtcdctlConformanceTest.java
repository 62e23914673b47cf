package io.plumbline.store.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same etcdctl 3.4 session against a real 3-member etcd 3.4 cluster and a 3-member reference
 * cluster: after masking what legitimately differs (ids, ports, sizes, timings, Raft indexes), the
 * outputs must be identical — same revisions, same values, same errors, same table shapes. Both
 * masked transcripts are left in {@code target/etcdctl-conformance/} for review.
 */
class EtcdctlConformanceTest {
  @TempDir Path dir;

  @Test
  void sameSessionSameOutput() throws Exception {
    EtcdctlSideBySide.assertSameOutput(dir, "etcdctl-conformance", EtcdctlConformanceTest::session);
  }

  /** The session; each element is one command's masked output. */
  private static List<String> session(Etcdctl ctl) throws Exception {
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
        .until(() -> ctl.run(null, "endpoint", "health").split("is healthy").length == 4);
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
        .until(() -> !ctl.run(null, "member", "list").contains("unstarted"));
    List<String> out = new ArrayList<>();
    out.add(ctl.run(null, "put", "foo", "bar"));
    out.add(ctl.run(null, "put", "foo/a", "1"));
    out.add(ctl.run(null, "put", "foo/b", "2"));
    out.add(ctl.run(null, "get", "foo", "--prefix"));
    out.add(mask(ctl.run(null, "get", "foo", "--prefix", "--limit", "1", "-w", "json")));
    out.add(ctl.run(null, "get", "foo", "--rev", "2"));
    out.add(ctl.run(null, "del", "foo/a"));
    out.add(ctl.run("value(\"foo\") = \"bar\"\n\nput foo baz\n\nput foo nope\n\n", "txn", "-i"));
    out.add(ctl.run("value(\"foo\") = \"bar\"\n\nput foo baz\n\nget foo\n\n", "txn", "-i"));
    String lease = ctl.run(null, "lease", "grant", "30").split(" ")[1];
    out.add(mask(ctl.run(null, "lease", "list")));
    out.add(mask(ctl.run(null, "put", "--lease=" + lease, "leased", "v")));
    out.add(mask(ctl.run(null, "lease", "timetolive", lease, "--keys")));
    out.add(mask(ctl.run(null, "lease", "keep-alive", "--once", lease)));
    out.add(mask(ctl.run(null, "lease", "revoke", lease)));
    out.add(mask(ctl.run(null, "lease", "timetolive", lease)));
    out.add(mask(ctl.run(null, "lease", "list")));
    out.add(ctl.run(null, "get", "leased"));
    out.add(sortedMask(ctl.run(null, "member", "list")));
    out.add(sortedMask(ctl.run(null, "endpoint", "status")));
    out.add(sortedMask(ctl.run(null, "endpoint", "health")));
    out.add(sortedMask(ctl.run(null, "defrag")));
    out.add(sameHashOnEveryMember(ctl.run(null, "endpoint", "hashkv")));
    out.add(ctl.runUntil("baz", "watch", "foo", "--prefix", "--rev", "1"));
    out.add(ctl.run(null, "compaction", "5"));
    out.add(ctl.run(null, "get", "foo", "--rev", "3"));
    out.add(ctl.runUntil("canceled", "watch", "foo", "--rev", "2"));
    return out;
  }

  /** Masks ids, URLs, sizes, timings and Raft positions, which differ between any two clusters. */
  static String mask(String s) {
    return s.replaceAll("\"cluster_id\":\\d+", "\"cluster_id\":ID")
        .replaceAll("\"member_id\":\\d+", "\"member_id\":ID")
        .replaceAll("\"raft_term\":\\d+", "\"raft_term\":N")
        .replaceAll("\\b[0-9a-f]{12,16}\\b", "ID")
        .replaceAll("http://127\\.0\\.0\\.1:\\d+", "URL")
        .replaceAll("remaining\\(\\d+s\\)", "remaining(Ns)")
        .replaceAll("took = [0-9.]+[a-zµ]+", "took = T")
        .replaceAll("\\d+ kB", "SIZE")
        .replaceAll(", (m|n)\\d, ", ", NAME, ")
        // IS LEADER is kept: in etcd exactly one member's status names itself leader (header member_id == leader)
        .replaceAll(", (true|false), false, \\d+, \\d+, \\d+, ", ", $1, false, TERM, INDEX, APPLIED, ");
  }

  /** The hashes differ between etcd and this store (etcd hashes its bbolt pages); every member's must be one value. */
  private static String sameHashOnEveryMember(String hashkv) {
    long distinct = Arrays.stream(hashkv.trim().split("\n")).map(l -> l.replaceAll(".*, ", "")).distinct().count();
    return "members " + hashkv.trim().split("\n").length + ", distinct hashes " + distinct;
  }

  private static String sortedMask(String s) {
    String[] lines = mask(s).split("\n");
    Arrays.sort(lines);
    return String.join("\n", lines);
  }
}
