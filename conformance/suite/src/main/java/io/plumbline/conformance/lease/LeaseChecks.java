package io.plumbline.conformance.lease;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.lease.LeaseGrantResponse;
import io.etcd.jetcd.lease.LeaseTimeToLiveResponse;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.LeaseOption;
import io.etcd.jetcd.options.PutOption;
import io.plumbline.conformance.CallError;
import io.plumbline.conformance.Session;
import io.plumbline.conformance.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/** The lease group's checks: expiry, keep-alive, revoke, time-to-live (etcd API reference, Lease service). */
final class LeaseChecks {
  /** Short enough to keep the group fast, above etcd's minimum TTL (1.5 × election timeout, rounded up). */
  static final long TTL_SECONDS = 3;
  static final long GRACE_NANOS = 5_000_000_000L;
  static final long PROBE_EVERY_NANOS = 200_000_000L;

  private LeaseChecks() {}

  /**
   * TTL expiry deletes attached keys: not before the TTL, and not much after. Reads every 200 ms until one sees
   * the key gone (then one more: it must stay gone) or one is sent past TTL + grace after the grant was answered.
   */
  static Verdict expiry(Session s) throws Exception {
    ByteSequence key = s.key("lease/expiry");
    long sent = System.nanoTime();
    LeaseGrantResponse g = s.await("grant", s.client().getLeaseClient().grant(TTL_SECONDS));
    long answered = System.nanoTime();
    attach(s, key, g);
    List<Probe> probes = new ArrayList<>();
    long lateBound = answered + g.getTTL() * 1_000_000_000L + GRACE_NANOS;
    while (true) {
      Probe p = probe(s, key);
      probes.add(p);
      if (!p.present()) {
        probes.add(probe(s, key)); // and it must stay gone
        break;
      }
      if (p.invokeNanos() > lateBound) {
        break;
      }
      LockSupport.parkNanos(PROBE_EVERY_NANOS);
    }
    List<String> ev = List.of(
        "grant TTL " + TTL_SECONDS + " -> lease " + Long.toHexString(g.getID()) + " TTL " + g.getTTL(),
        "put ~/lease/expiry with the lease");
    return LeaseTiming.expiry(sent, answered, g.getTTL(), probes, GRACE_NANOS, ev);
  }

  /** Keep-alive extends: refreshed every 500 ms, the key outlives 2.5 TTLs; after that it expires. */
  static Verdict keepAlive(Session s) throws Exception {
    ByteSequence key = s.key("lease/kept");
    long t0 = System.nanoTime();
    LeaseGrantResponse g = grantAndAttach(s, key);
    List<Probe> probes = new ArrayList<>();
    long until = t0 + (long) (2.5 * g.getTTL() * 1_000_000_000L);
    int refreshes = 0;
    while (System.nanoTime() < until) {
      s.await("keep-alive", s.client().getLeaseClient().keepAliveOnce(g.getID()));
      refreshes++;
      probes.add(probe(s, key));
      LockSupport.parkNanos(500_000_000L);
    }
    LeaseTimeToLiveResponse ttl = s.await("time-to-live", s.client().getLeaseClient().timeToLive(g.getID(),
        LeaseOption.DEFAULT));
    s.await("revoke", s.client().getLeaseClient().revoke(g.getID()));
    List<String> ev = new ArrayList<>();
    ev.add("grant TTL " + TTL_SECONDS + " -> TTL " + g.getTTL() + "; " + refreshes + " keep-alives every 500 ms over "
        + (2.5 * g.getTTL()) + " s");
    ev.add(LeaseTiming.describe(t0, probes));
    ev.add("time-to-live after the last keep-alive: " + ttl.getTTL() + " s of " + ttl.getGrantedTTL());
    List<String> problems = new ArrayList<>(LeaseTiming.keptAlive(t0, probes));
    if (ttl.getTTL() < g.getTTL() - 2) {
      problems.add("time-to-live " + ttl.getTTL() + " s right after a keep-alive; expected about " + g.getTTL());
    }
    return Verdict.of("the key outlived " + (2.5 * g.getTTL()) + " s with keep-alives", problems, ev);
  }

  /** Revoke deletes attached keys at once: a read right after the revoke answer sees none. */
  static Verdict revoke(Session s) throws Exception {
    LeaseGrantResponse g = s.await("grant", s.client().getLeaseClient().grant(60));
    for (String k : List.of("a", "b")) {
      s.await("put", s.kv().put(s.key("lease/revoke/" + k), Session.bytes("1"),
          PutOption.builder().withLeaseId(g.getID()).build()));
    }
    long before = count(s, "lease/revoke/");
    s.await("revoke", s.client().getLeaseClient().revoke(g.getID()));
    long after = count(s, "lease/revoke/");
    List<String> ev = List.of("grant 60 s, put ~/lease/revoke/a and /b with it -> " + before + " keys",
        "revoke -> ok; get prefix right after -> " + after + " keys");
    List<String> problems = new ArrayList<>();
    if (before != 2 || after != 0) {
      problems.add("expected 2 keys before and 0 right after the revoke; saw " + before + " and " + after);
    }
    return Verdict.of("both attached keys gone right after revoke", problems, ev);
  }

  /** Time-to-live reports granted TTL, remaining TTL and the attached keys; -1 once revoked. */
  static Verdict timeToLive(Session s) throws Exception {
    LeaseGrantResponse g = s.await("grant", s.client().getLeaseClient().grant(60));
    List<String> keys = List.of(s.prefix() + "lease/ttl/a", s.prefix() + "lease/ttl/b");
    for (String k : keys) {
      s.await("put", s.kv().put(Session.bytes(k), Session.bytes("1"), PutOption.builder().withLeaseId(g.getID()).build()));
    }
    LeaseTimeToLiveResponse r = s.await("time-to-live", s.client().getLeaseClient().timeToLive(g.getID(),
        LeaseOption.builder().withAttachedKeys().build()));
    List<String> attached = r.getKeys().stream().map(Session::text).sorted().toList();
    s.await("revoke", s.client().getLeaseClient().revoke(g.getID()));
    LeaseTimeToLiveResponse gone = s.await("time-to-live", s.client().getLeaseClient().timeToLive(g.getID(),
        LeaseOption.DEFAULT));
    String kept = rawKeepAlive(s, g.getID());
    List<String> ev = List.of("grant 60 s, attach ~/lease/ttl/a and /b",
        "time-to-live -> granted " + r.getGrantedTTL() + ", TTL " + r.getTTL() + ", keys "
            + attached.stream().map(s::show).toList(),
        "revoke; time-to-live -> TTL " + gone.getTTL(),
        "keep-alive of the revoked lease -> " + kept + " (etcd 3.4: TTL 0)");
    List<String> problems = new ArrayList<>();
    if (r.getGrantedTTL() != 60 || r.getTTL() <= 0 || r.getTTL() > 60) {
      problems.add("granted " + r.getGrantedTTL() + ", TTL " + r.getTTL() + "; expected granted 60 and 0 < TTL <= 60");
    }
    if (!attached.equals(keys)) {
      problems.add("attached keys " + attached + "; expected " + keys);
    }
    if (gone.getTTL() != -1) {
      problems.add("time-to-live of a revoked lease reports TTL " + gone.getTTL() + "; expected -1");
    }
    // etcd's v3rpc leaseKeepAlive turns lease.ErrLeaseNotFound into a response with TTL 0, not an error
    if (!kept.equals("ID " + Long.toHexString(g.getID()) + " TTL 0")) {
      problems.add("keep-alive of a revoked lease -> " + kept + "; etcd answers TTL 0 with the lease's ID");
    }
    return Verdict.of("granted/remaining TTL and attached keys reported; -1 after revoke, keep-alive TTL 0", problems,
        ev);
  }

  /**
   * One LeaseKeepAlive request on a raw stream, the first answer in 5 s described (jetcd's keepAliveOnce turns
   * any TTL <= 0 into an error, hiding what the server sent).
   */
  private static String rawKeepAlive(Session s, long id) throws InterruptedException {
    io.plumbline.conformance.DescribingObserver<io.etcd.jetcd.api.LeaseKeepAliveResponse> answers =
        new io.plumbline.conformance.DescribingObserver<>(r -> "ID " + Long.toHexString(r.getID()) + " TTL " + r.getTTL());
    try (io.plumbline.conformance.RawChannel raw = new io.plumbline.conformance.RawChannel(
        s.options().endpoints().get(0), s.options().tls())) {
      io.grpc.stub.StreamObserver<io.etcd.jetcd.api.LeaseKeepAliveRequest> out = io.etcd.jetcd.api.LeaseGrpc
          .newStub(raw.channel()).leaseKeepAlive(answers);
      out.onNext(io.etcd.jetcd.api.LeaseKeepAliveRequest.newBuilder().setID(id).build());
      String first = answers.seen().poll(5, java.util.concurrent.TimeUnit.SECONDS);
      out.onCompleted();
      return first == null ? "(nothing in 5 s)" : first;
    }
  }

  /** Grants a {@link #TTL_SECONDS} lease and puts {@code key} with it. */
  private static LeaseGrantResponse grantAndAttach(Session s, ByteSequence key) throws CallError {
    LeaseGrantResponse g = s.await("grant", s.client().getLeaseClient().grant(TTL_SECONDS));
    attach(s, key, g);
    return g;
  }

  private static void attach(Session s, ByteSequence key, LeaseGrantResponse g) throws CallError {
    s.await("put", s.kv().put(key, Session.bytes("1"), PutOption.builder().withLeaseId(g.getID()).build()));
  }

  private static Probe probe(Session s, ByteSequence key) throws CallError {
    long t = System.nanoTime();
    long n = s.await("get", s.kv().get(key, GetOption.builder().withCountOnly(true).build())).getCount();
    return new Probe(t, System.nanoTime(), n > 0);
  }

  private static long count(Session s, String prefix) throws CallError {
    return s.await("get", s.kv().get(s.key(prefix), GetOption.builder().isPrefix(true).withCountOnly(true).build()))
        .getCount();
  }
}
