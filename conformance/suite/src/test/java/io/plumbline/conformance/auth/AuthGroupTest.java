package io.plumbline.conformance.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcd.jetcd.api.AuthDisableRequest;
import io.etcd.jetcd.api.AuthEnableRequest;
import io.etcd.jetcd.api.AuthUserAddRequest;
import io.etcd.jetcd.api.AuthUserDeleteRequest;
import io.etcd.jetcd.api.AuthUserGrantRoleRequest;
import io.etcd.jetcd.api.AuthenticateRequest;
import io.etcd.jetcd.api.AuthGrpc;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.plumbline.conformance.CheckOutcome;
import io.plumbline.conformance.ConformanceSuite;
import io.plumbline.conformance.ConsoleReport;
import io.plumbline.conformance.RawChannel;
import io.plumbline.conformance.Status;
import io.plumbline.conformance.SuiteOptions;
import io.plumbline.conformance.SuiteResult;
import io.plumbline.conformance.reference.ReferenceCluster;
import io.plumbline.db.LocalCluster;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The auth group passes on real etcd 3.4 (auth off, the group turns it on; and auth already on, with root's
 * --user) and on the reference store, and leaves each target as it found it. That the checks bite is
 * FaultModesAreCaughtTest's job (the auth-* fault modes).
 */
class AuthGroupTest {
  @Test
  void passesOnRealEtcdAndLeavesAuthOff() throws Exception {
    try (LocalCluster etcd = LocalCluster.start(LocalCluster.Options.etcd(3))) {
      SuiteResult r = run(etcd, null);
      assertAllPass(r);
      assertThat(authEnabled(etcd)).as("auth is off again").isFalse();
    }
  }

  @Test
  void passesOnRealEtcdWithAuthAlreadyOnGivenRootsLogin() throws Exception {
    try (LocalCluster etcd = LocalCluster.start(LocalCluster.Options.etcd(3));
        RawChannel raw = new RawChannel(etcd.clientUrls().get(0), null)) {
      AuthGrpc.AuthBlockingStub auth = AuthGrpc.newBlockingStub(raw.channel());
      auth.userAdd(AuthUserAddRequest.newBuilder().setName("root").setPassword("rootpw").build());
      auth.userGrantRole(AuthUserGrantRoleRequest.newBuilder().setUser("root").setRole("root").build());
      auth.authEnable(AuthEnableRequest.getDefaultInstance());

      SuiteResult r = run(etcd, new SuiteOptions.Login("root", "rootpw"));
      assertAllPass(r);
      // the login reaches the other groups' clients too: kv passes on the auth-enabled etcd
      SuiteResult kv = ConformanceSuite.run(new SuiteOptions(etcd.clientUrls(), List.of("kv"), null, 1, Duration.ofSeconds(1),
          11, Duration.ofSeconds(5), null).withLogin(new SuiteOptions.Login("root", "rootpw")), ConformanceSuite.newRunId(11),
          new ConsoleReport(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
      assertThat(kv.outcomes()).as(kv.outcomes().toString()).isNotEmpty().allMatch(o -> o.verdict().status() == Status.PASS);
      assertThat(authEnabled(etcd)).as("auth stays on").isTrue();
      String token = auth.authenticate(AuthenticateRequest.newBuilder().setName("root").setPassword("rootpw").build()).getToken();
      Metadata m = new Metadata();
      m.put(Metadata.Key.of("token", Metadata.ASCII_STRING_MARSHALLER), token);
      auth.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(m)).authDisable(AuthDisableRequest.getDefaultInstance());
    }
  }

  @Test
  void passesOnTheReferenceStore() throws Exception {
    try (LocalCluster ref = ReferenceCluster.start(3)) {
      assertAllPass(run(ref, null));
      assertThat(authEnabled(ref)).as("auth is off again").isFalse();
    }
  }

  /** Without credentials, an "auth on" target cannot be judged: UNKNOWN, never PASS. */
  @Test
  void authAlreadyOnWithoutCredentialsIsUnknown() throws Exception {
    try (LocalCluster ref = ReferenceCluster.start(1);
        RawChannel raw = new RawChannel(ref.clientUrls().get(0), null)) {
      AuthGrpc.AuthBlockingStub auth = AuthGrpc.newBlockingStub(raw.channel());
      auth.userAdd(AuthUserAddRequest.newBuilder().setName("root").setPassword("rootpw").build());
      auth.userGrantRole(AuthUserGrantRoleRequest.newBuilder().setUser("root").setRole("root").build());
      auth.authEnable(AuthEnableRequest.getDefaultInstance());
      SuiteResult r = run(ref, null);
      assertThat(r.outcomes()).isNotEmpty().allMatch(o -> o.verdict().status() == Status.UNKNOWN);
    }
  }

  private static boolean authEnabled(LocalCluster c) {
    try (RawChannel raw = new RawChannel(c.clientUrls().get(0), null)) {
      AuthGrpc.newBlockingStub(raw.channel()).userList(io.etcd.jetcd.api.AuthUserListRequest.getDefaultInstance());
      return false;
    } catch (io.grpc.StatusRuntimeException e) {
      return true;
    }
  }

  private static SuiteResult run(LocalCluster c, SuiteOptions.Login login) {
    SuiteOptions o = new SuiteOptions(c.clientUrls(), List.of("auth"), null, 1, Duration.ofSeconds(1), 11,
        Duration.ofSeconds(5), null).withLogin(login);
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    ConsoleReport report = new ConsoleReport(new PrintStream(console, true, StandardCharsets.UTF_8));
    SuiteResult r = ConformanceSuite.run(o, ConformanceSuite.newRunId(11), report);
    report.summary(r);
    System.out.println(console.toString(StandardCharsets.UTF_8));
    return r;
  }

  private static void assertAllPass(SuiteResult r) {
    String printed = r.outcomes().stream().map(o -> o.verdict().status().word() + " " + o.id() + ": " + o.verdict().summary()
        + "\n  " + String.join("\n  ", o.verdict().evidence())).collect(Collectors.joining("\n"));
    assertThat(r.outcomes()).as(printed).hasSize(5);
    for (CheckOutcome o : r.outcomes()) {
      assertThat(o.verdict().status()).as(printed).isEqualTo(Status.PASS);
    }
  }
}
