package io.plumbline.conformance.linearizability;

import io.etcd.jetcd.KV;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.PutOption;
import io.plumbline.checker.model.EtcdEncoding;
import io.plumbline.conformance.CallError;
import io.plumbline.conformance.ErrorTable;
import io.plumbline.conformance.Session;
import io.plumbline.history.HistoryRecorder;
import io.plumbline.history.OpType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One client of the linearizability workload: get, put, delete and txn-cas on a small key set,
 * each recorded as invoke and ok/fail/info in the encoding the {@code etcd} model reads (see
 * conformance/README.md, "etcd model"). Revisions are deliberately not recorded: on a shared store
 * other clients' writes move them, and without them the model checks each key on its own.
 * After an indeterminate result the client continues as a new process (Jepsen's convention).
 */
final class Workload {
  private final Session session;
  private final KV kv;
  private final HistoryRecorder recorder;
  private final List<String> keys;
  private final Random random;
  private final int processStride;
  private final Map<String, String> lastSeen = new HashMap<>();
  private int process;
  private int counter;

  Workload(Session session, HistoryRecorder recorder, List<String> keys, int worker, int workers, long seed) {
    this.session = session;
    this.kv = session.kv();
    this.recorder = recorder;
    this.keys = keys;
    this.random = new Random(seed);
    this.process = worker;
    this.processStride = workers;
  }

  /** Runs operations until {@code deadlineNanos}. */
  void runUntil(long deadlineNanos) {
    while (System.nanoTime() < deadlineNanos && !Thread.currentThread().isInterrupted()) {
      String key = keys.get(random.nextInt(keys.size()));
      int dice = random.nextInt(10);
      if (dice < 4) {
        get(key);
      } else if (dice < 7) {
        put(key);
      } else if (dice < 8) {
        delete(key);
      } else {
        cas(key);
      }
    }
  }

  private void get(String key) {
    String p = invoke("get", null, key);
    try {
      GetResponse r = session.await("get " + key, kv.get(Session.bytes(key)));
      KeyValue v = r.getKvs().isEmpty() ? null : r.getKvs().get(0);
      String value = v == null ? null : Session.text(v.getValue());
      if (value == null) {
        lastSeen.remove(key);
      } else {
        lastSeen.put(key, value);
      }
      complete(p, OpType.OK, "get", EtcdEncoding.getResult(value, v == null ? 0 : v.getVersion()), key, null);
    } catch (CallError e) {
      completeWithError(p, "get", key, e);
    }
  }

  private void put(String key) {
    String value = "p" + process + "-" + counter++;
    String p = invoke("put", value, key);
    try {
      session.await("put " + key, kv.put(Session.bytes(key), Session.bytes(value)));
      complete(p, OpType.OK, "put", null, key, null);
    } catch (CallError e) {
      completeWithError(p, "put", key, e);
    }
  }

  private void delete(String key) {
    String p = invoke("delete", null, key);
    try {
      long deleted = session.await("delete " + key, kv.delete(Session.bytes(key))).getDeleted();
      complete(p, OpType.OK, "delete", EtcdEncoding.deleteResult(deleted), key, null);
    } catch (CallError e) {
      completeWithError(p, "delete", key, e);
    }
  }

  /** Compare-and-set against the value this client last saw (or "absent": version 0). */
  private void cas(String key) {
    String expected = lastSeen.get(key);
    String value = "c" + process + "-" + counter++;
    String p = invoke("txn", EtcdEncoding.casRequest(key, expected, value), key);
    Cmp jetcdCmp = expected == null ? new Cmp(Session.bytes(key), Cmp.Op.EQUAL, CmpTarget.version(0))
        : new Cmp(Session.bytes(key), Cmp.Op.EQUAL, CmpTarget.value(Session.bytes(expected)));
    try {
      boolean ok = session.await("txn-cas " + key, kv.txn().If(jetcdCmp)
          .Then(Op.put(Session.bytes(key), Session.bytes(value), PutOption.DEFAULT)).commit()).isSucceeded();
      if (ok) {
        lastSeen.put(key, value);
      }
      complete(p, OpType.OK, "txn", EtcdEncoding.txnResult(ok), key, null);
    } catch (CallError e) {
      completeWithError(p, "txn", key, e);
    }
  }

  private String invoke(String f, Object value, String key) {
    String p = Integer.toString(process);
    recorder.record(p, OpType.INVOKE, f, value, key, Map.of());
    return p;
  }

  private void complete(String p, OpType type, String f, Object value, String key, Map<String, Object> extra) {
    recorder.record(p, type, f, value, key, extra == null ? Map.of() : extra);
  }

  private void completeWithError(String p, String f, String key, CallError e) {
    ErrorTable.ClientError err = e.error();
    complete(p, err.definite() ? OpType.FAIL : OpType.INFO, f, null, key, Map.of("error", err.toString()));
    if (!err.definite()) {
      process += processStride; // this process may still have an operation in flight
      lastSeen.clear();
    }
  }
}
