package io.plumbline.store.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One etcdctl 3.4 auth session ({@code auth enable}, users, roles, prefix permissions, {@code --user}, denied
 * and refused requests, a lease revoke without write permission on its key, a deleted and re-added role, a revoked role, a deleted user,
 * {@code auth disable}) against a real 3-member etcd 3.4
 * cluster and a 3-member reference cluster: the outputs must be identical, errors included. Both transcripts
 * are left in {@code target/etcdctl-auth/}.
 */
class EtcdctlAuthConformanceTest {
  @TempDir Path dir;

  @Test
  void sameAuthSessionSameOutput() throws Exception {
    List<String> ours = EtcdctlSideBySide.assertSameOutput(dir, "etcdctl-auth", EtcdctlAuthConformanceTest::session);
    assertThat(String.join("\n", ours)).doesNotContain("rootpw", "alicepw"); // passwords are never echoed
  }

  private static List<String> session(Etcdctl ctl) throws Exception {
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
        .until(() -> ctl.run(null, "endpoint", "health").split("is healthy").length == 4);
    String root = "--user=root:rootpw";
    String alice = "--user=alice:alicepw";
    List<String> out = new ArrayList<>();
    out.add(ctl.run(null, "auth", "enable"));
    out.add(ctl.run(null, "user", "add", "root:rootpw"));
    out.add(ctl.run(null, "auth", "enable"));
    out.add(ctl.run(null, "put", "k/1", "anonymous"));
    out.add(ctl.run(null, root, "put", "k/1", "v1"));
    out.add(ctl.run(null, "--user=root:wrong", "get", "k/1"));
    out.add(ctl.run(null, root, "user", "add", "alice:alicepw"));
    out.add(ctl.run(null, root, "user", "add", "alice:again"));
    out.add(ctl.run(null, root, "role", "add", "reader"));
    out.add(ctl.run(null, root, "role", "grant-permission", "reader", "--prefix=true", "read", "k/"));
    out.add(ctl.run(null, root, "role", "grant-permission", "reader", "readwrite", "own"));
    out.add(ctl.run(null, root, "user", "grant-role", "alice", "reader"));
    out.add(ctl.run(null, root, "user", "grant-role", "alice", "nosuch"));
    out.add(ctl.run(null, alice, "get", "k/1", "--print-value-only"));
    out.add(ctl.run(null, alice, "put", "k/1", "mine"));
    out.add(ctl.run(null, alice, "put", "own", "mine"));
    out.add(ctl.run(null, alice, "get", "own", "--print-value-only"));
    out.add(ctl.run(null, alice, "get", "k", "--prefix"));
    // etcd's authApplierV3.LeaseRevoke: revoking a lease needs write permission on every key attached to it
    String lease = ctl.run(null, root, "lease", "grant", "60").split(" ")[1];
    ctl.run(null, root, "put", "--lease=" + lease, "k/leased", "v");
    out.add(ctl.run(null, alice, "lease", "revoke", lease).replace(lease, "ID"));
    out.add(ctl.run(null, root, "lease", "revoke", lease).replace(lease, "ID"));
    out.add(ctl.run(null, alice, "del", "k/1"));
    out.add(ctl.run("\nput own x\n\n\n", alice, "txn"));
    out.add(ctl.run("\nput k/2 x\n\n\n", alice, "txn"));
    out.add(ctl.run(null, alice, "user", "list"));
    out.add(ctl.run(null, alice, "auth", "disable"));
    out.add(ctl.run(null, root, "user", "get", "alice"));
    // etcd's RoleDelete takes the role from every user: re-adding a role of that name grants it to nobody
    out.add(ctl.run(null, root, "role", "add", "tmp"));
    out.add(ctl.run(null, root, "user", "grant-role", "alice", "tmp"));
    out.add(ctl.run(null, root, "role", "delete", "tmp"));
    out.add(ctl.run(null, root, "role", "add", "tmp"));
    out.add(ctl.run(null, root, "user", "get", "alice"));
    out.add(ctl.run(null, root, "role", "delete", "tmp"));
    out.add(ctl.run(null, root, "role", "get", "reader"));
    out.add(ctl.run(null, root, "role", "list"));
    out.add(ctl.run(null, root, "user", "list"));
    out.add(ctl.runUntil("canceled", alice, "watch", "secret"));
    out.add(ctl.run(null, root, "role", "revoke-permission", "reader", "k/"));
    out.add(ctl.run(null, root, "role", "revoke-permission", "reader", "k/", "--prefix=true"));
    out.add(ctl.run(null, alice, "get", "k/1"));
    out.add(ctl.run(null, root, "user", "revoke-role", "alice", "reader"));
    out.add(ctl.run(null, alice, "get", "own"));
    out.add(ctl.run(null, root, "user", "delete", "root"));
    out.add(ctl.run(null, root, "user", "revoke-role", "root", "root"));
    out.add(ctl.run(null, root, "role", "delete", "root"));
    out.add(ctl.run(null, root, "user", "delete", "alice"));
    out.add(ctl.run(null, alice, "get", "own"));
    out.add(ctl.run(null, root, "auth", "disable"));
    out.add(ctl.run(null, "put", "k/1", "open again"));
    out.add(ctl.run(null, "get", "k/1", "--print-value-only"));
    return out;
  }
}
