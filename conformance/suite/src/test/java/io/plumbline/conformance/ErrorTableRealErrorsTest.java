package io.plumbline.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.CompactOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.MethodDescriptor;
import io.plumbline.conformance.reference.ReferenceCluster;
import io.plumbline.db.LocalCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The one error table against the real error objects jetcd produces from real etcd 3.4 and from the
 * reference store (one member each, briefly): compacted revision, lease not found, duplicate key in
 * a txn, a deadline passed, a hung (SIGSTOPped) member, a connection reset by a member killed
 * mid-call, a refused connection to the dead member (one attempt: definite); and on the reference, a method it does not
 * implement (Lock). Each row: what happened, the code jetcd reported, and the table's verdict.
 */
class ErrorTableRealErrorsTest {
  private static final long WAIT_S = 10;

  /** One real error: how it was produced, what the table made of it, and what it must make of it. */
  private record Case(String name, ErrorTable.ClientError error, boolean definite) {}

  @Test
  void realEtcdErrors() throws Exception {
    try (LocalCluster c = LocalCluster.start(LocalCluster.Options.etcd(1))) {
      check(cases(c, false));
    }
  }

  @Test
  void realReferenceStoreErrors() throws Exception {
    try (LocalCluster c = ReferenceCluster.start(1)) {
      check(cases(c, true));
    }
  }

  private static void check(List<Case> cases) {
    cases.forEach(k -> System.out.printf("%-40s %-60s %s%n", k.name(), k.error(), k.error().why()));
    for (Case k : cases) {
      assertThat(k.error().definite()).as(k.name() + ": " + k.error()).isEqualTo(k.definite());
    }
  }

  private static List<Case> cases(LocalCluster cluster, boolean reference) throws Exception {
    String url = cluster.clientUrls().get(0);
    List<Case> out = new ArrayList<>();
    try (Client c = single(url, null)) {
      for (int i = 0; i < 3; i++) {
        c.getKVClient().put(b("k"), b("v" + i)).get(WAIT_S, TimeUnit.SECONDS);
      }
      long rev = c.getKVClient().get(b("k")).get(WAIT_S, TimeUnit.SECONDS).getHeader().getRevision();
      c.getKVClient().compact(rev, CompactOption.DEFAULT).get(WAIT_S, TimeUnit.SECONDS);
      out.add(new Case("get at a compacted revision", error(c.getKVClient().get(b("k"),
          GetOption.builder().withRevision(1).build())), true));
      out.add(new Case("revoke a lease that does not exist", error(c.getLeaseClient().revoke(424242L)), true));
      out.add(new Case("txn putting one key twice", error(c.getKVClient().txn()
          .Then(Op.put(b("d"), b("1"), PutOption.DEFAULT), Op.put(b("d"), b("2"), PutOption.DEFAULT)).commit()), true));
      if (reference) {
        out.add(new Case("Lock (not implemented by the reference)", error(c.getLockClient().lock(b("l"), 0)), true));
      }
    }
    try (Client c = single(url, Duration.ofNanos(1))) {
      out.add(new Case("put with a deadline already passed", error(c.getKVClient().put(b("x"), b("1"))), false));
    }
    cluster.pause(0);
    try (Client c = single(url, Duration.ofMillis(500))) {
      out.add(new Case("put to a SIGSTOPped member", error(c.getKVClient().put(b("x"), b("2"))), false));
    }
    try (Client c = single(url, null)) {
      CompletableFuture<?> hung = c.getKVClient().put(b("x"), b("3"));
      Thread.sleep(300); // the request is on the wire to the frozen member
      cluster.kill(0);
      out.add(new Case("put in flight when its member is killed", error(hung), false));
      // the same channel right after: gRPC reports the broken connection, not a refusal
      out.add(new Case("next put on that client", error(c.getKVClient().put(b("x"), b("4"))), false));
    }
    try (Client c = single(url, null)) {
      out.add(new Case("put from a new client to the dead member (refused)", error(c.getKVClient().put(b("x"),
          b("5"))), true));
    }
    return out;
  }

  /** One attempt per operation (as chaos's clients), optionally a gRPC deadline on every call. */
  private static Client single(String url, Duration deadline) {
    var b = Client.builder().endpoints(url).retryMaxAttempts(0).waitForReady(false).connectTimeout(Duration.ofSeconds(1));
    if (deadline != null) {
      b.interceptor(new ClientInterceptor() {
        @Override
        public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> m, CallOptions o, Channel next) {
          return next.newCall(m, o.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS));
        }
      });
    }
    return b.build();
  }

  private static ErrorTable.ClientError error(CompletableFuture<?> call) {
    try {
      call.get(WAIT_S, TimeUnit.SECONDS);
    } catch (Exception e) {
      return ErrorTable.classify(e, true);
    }
    throw new AssertionError("the call succeeded; expected an error");
  }

  private static ByteSequence b(String s) {
    return ByteSequence.from(s, StandardCharsets.UTF_8);
  }
}
