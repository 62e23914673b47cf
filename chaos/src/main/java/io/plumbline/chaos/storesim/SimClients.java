package io.plumbline.chaos.storesim;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.Compare;
import io.etcd.jetcd.api.DeleteRangeRequest;
import io.etcd.jetcd.api.DeleteRangeResponse;
import io.etcd.jetcd.api.KeyValue;
import io.etcd.jetcd.api.LeaseGrantRequest;
import io.etcd.jetcd.api.LeaseRevokeRequest;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.RangeResponse;
import io.etcd.jetcd.api.RequestOp;
import io.etcd.jetcd.api.TxnRequest;
import io.etcd.jetcd.api.TxnResponse;
import io.plumbline.checker.model.EtcdEncoding;
import io.plumbline.history.HistoryRecorder;
import io.plumbline.history.OpType;
import io.plumbline.raft.SplitMixRandom;
import io.plumbline.store.mvcc.StoreError;
import io.plumbline.store.mvcc.StoreException;
import io.plumbline.store.node.Command;
import io.plumbline.store.node.StoreNode;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Simulated clients, one operation in flight each, on whichever live member they pick: get
 * (linearizable: ReadIndex then a local read), put, delete and compare-and-set txn on a few keys,
 * recorded into the one {@link HistoryRecorder} in the encoding the {@code etcd} model reads; and
 * lease traffic (grant, put with the lease, keep-alive, revoke) on keys of their own, which the
 * history does not hold (the model has no leases) but the watch checks see. A failed read is a
 * definite fail (it changed nothing). A failed write is indeterminate (info) except where
 * {@link StoreNode#propose} refuses before anything is proposed or forwarded: "no leader" (this
 * member knows none; etcd may have forwarded already, which is why conformance's ErrorTable keeps
 * it indeterminate for any server) and "too many requests".
 */
final class SimClients {
  private static final int KEYS = 3;
  private final SplitMixRandom random;
  private final HistoryRecorder recorder;
  /** Trace lines, built only if a failing seed prints them (most seeds pass, and most lines are dropped). */
  private final Consumer<java.util.function.Supplier<String>> trace;
  private final int[] process;
  private final boolean[] busy;
  private final Map<Integer, String> lastSeen = new HashMap<>();
  private final double rate;
  private int counter;
  private long nextLease = 1;
  int acknowledged;
  int leaseOps;

  SimClients(SplitMixRandom random, HistoryRecorder recorder, int clients, double rate,
      Consumer<java.util.function.Supplier<String>> trace) {
    this.random = random;
    this.recorder = recorder;
    this.trace = trace;
    this.rate = rate;
    this.process = new int[clients];
    this.busy = new boolean[clients];
    for (int i = 0; i < clients; i++) {
      process[i] = i;
    }
  }

  boolean idle() {
    for (boolean b : busy) {
      if (b) {
        return false;
      }
    }
    return true;
  }

  /** Each idle client may start one operation on a random live member (which runs it in its next round). */
  void step(List<StoreNode> live) {
    if (live.isEmpty()) {
      return;
    }
    for (int c = 0; c < busy.length; c++) {
      if (busy[c] || !random.chance(rate)) {
        continue;
      }
      StoreNode n = live.get(random.nextInt(live.size()));
      busy[c] = true;
      start(c, n);
    }
  }

  private void start(int c, StoreNode n) {
    String key = "k" + random.nextInt(KEYS);
    int op = random.nextInt(10);
    if (op < 4) {
      get(c, n, key);
    } else if (op < 6) {
      put(c, n, key);
    } else if (op < 7) {
      delete(c, n, key);
    } else if (op < 9) {
      cas(c, n, key);
    } else {
      lease(c, n);
    }
  }

  private void get(int c, StoreNode n, String key) {
    String p = invoke(c, "get", key, null);
    RangeRequest req = RangeRequest.newBuilder().setKey(bytes(key)).build();
    n.readBarrier().thenApply(v -> n.read(m -> m.range(req))).whenComplete((RangeResponse r, Throwable e) -> {
      if (e != null) {
        done(c, p, OpType.FAIL, "get", key, null, e);
        return;
      }
      KeyValue kv = r.getKvsCount() == 0 ? null : r.getKvs(0);
      String value = kv == null ? null : kv.getValue().toStringUtf8();
      done(c, p, OpType.OK, "get", key, EtcdEncoding.getResult(value, kv == null ? 0 : kv.getVersion()), null);
    });
  }

  private void put(int c, StoreNode n, String key) {
    String value = "p" + process[c] + "-" + counter++;
    String p = invoke(c, "put", key, value);
    PutRequest req = PutRequest.newBuilder().setKey(bytes(key)).setValue(bytes(value)).build();
    n.propose(Command.Type.PUT, req).whenComplete((r, e) -> done(c, p, OpType.OK, "put", key, null, e));
  }

  private void delete(int c, StoreNode n, String key) {
    String p = invoke(c, "delete", key, null);
    DeleteRangeRequest req = DeleteRangeRequest.newBuilder().setKey(bytes(key)).build();
    n.propose(Command.Type.DELETE_RANGE, req).whenComplete((r, e) -> done(c, p, OpType.OK, "delete", key,
        e == null ? EtcdEncoding.deleteResult(((DeleteRangeResponse) r).getDeleted()) : null, e));
  }

  /** Compare-and-set against the value this client last saw (absent: version 0). */
  private void cas(int c, StoreNode n, String key) {
    String expected = lastSeen.get(c * KEYS + (key.charAt(1) - '0'));
    String value = "c" + process[c] + "-" + counter++;
    String p = invoke(c, "txn", key, EtcdEncoding.casRequest(key, expected, value));
    Compare cmp = expected == null
        ? Compare.newBuilder().setKey(bytes(key)).setTarget(Compare.CompareTarget.VERSION)
            .setResult(Compare.CompareResult.EQUAL).setVersion(0).build()
        : Compare.newBuilder().setKey(bytes(key)).setTarget(Compare.CompareTarget.VALUE)
            .setResult(Compare.CompareResult.EQUAL).setValue(bytes(expected)).build();
    TxnRequest req = TxnRequest.newBuilder().addCompare(cmp).addSuccess(RequestOp.newBuilder()
        .setRequestPut(PutRequest.newBuilder().setKey(bytes(key)).setValue(bytes(value)))).build();
    n.propose(Command.Type.TXN, req).whenComplete((r, e) -> {
      boolean ok = e == null && ((TxnResponse) r).getSucceeded();
      if (ok) {
        lastSeen.put(c * KEYS + (key.charAt(1) - '0'), value);
      }
      done(c, p, OpType.OK, "txn", key, e == null ? EtcdEncoding.txnResult(ok) : null, e);
    });
  }

  /** Lease traffic outside the checked history: grant, attach a key, keep alive, revoke. */
  private void lease(int c, StoreNode n) {
    long id = nextLease++;
    String key = "lease/" + id;
    trace.accept(() -> "client " + c + " lease " + id);
    CompletableFuture<Object> f = n.propose(Command.Type.LEASE_GRANT,
        LeaseGrantRequest.newBuilder().setID(id).setTTL(1 + random.nextInt(5)).build())
        .thenCompose(g -> n.propose(Command.Type.PUT,
            PutRequest.newBuilder().setKey(bytes(key)).setValue(bytes("v")).setLease(id).build()))
        .thenCompose(x -> n.leaseRenew(id).thenApply(ttl -> (Object) ttl));
    if (random.nextInt(2) == 0) {
      f = f.thenCompose(x -> n.propose(Command.Type.LEASE_REVOKE, LeaseRevokeRequest.newBuilder().setID(id).build()));
    }
    f.whenComplete((r, e) -> {
      leaseOps++;
      busy[c] = false;
    });
  }

  private String invoke(int c, String f, String key, Object value) {
    String p = Integer.toString(process[c]);
    recorder.record(p, OpType.INVOKE, f, key, value, null);
    trace.accept(() -> "p" + p + " invoke " + f + " " + key + (value == null ? "" : " " + value));
    return p;
  }

  private void done(int c, String p, OpType ok, String f, String key, Object value, Throwable e) {
    if (e == null) {
      recorder.record(p, ok, f, key, value, null);
      acknowledged++;
      trace.accept(() -> "p" + p + " ok " + f + " " + key + (value == null ? "" : " " + value));
    } else {
      OpType type = f.equals("get") || refusedBeforeProposal(e) ? OpType.FAIL : OpType.INFO;
      recorder.record(p, type, f, key, null, HistoryRecorder.error(reason(e)));
      trace.accept(() -> "p" + p + " " + type + " " + f + " " + key + ": " + reason(e));
      if (type == OpType.INFO) {
        process[c] += busy.length; // that process may still have the write in flight
        lastSeen.keySet().removeIf(k -> k / KEYS == c);
      }
    }
    busy[c] = false;
  }

  private static boolean refusedBeforeProposal(Throwable e) {
    Throwable t = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
    return t instanceof StoreException se
        && (se.error() == StoreError.NO_LEADER || se.error() == StoreError.TOO_MANY_REQUESTS);
  }

  private static String reason(Throwable e) {
    Throwable t = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
    return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
  }

  private static ByteString bytes(String s) {
    return ByteString.copyFrom(s, StandardCharsets.UTF_8);
  }
}
