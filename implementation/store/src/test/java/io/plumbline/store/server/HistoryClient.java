package io.plumbline.store.server;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.PutOption;
import io.plumbline.checker.model.EtcdEncoding;
import io.plumbline.history.HistoryRecorder;
import io.plumbline.history.OpType;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One client of a recorded workload (get / put / delete / txn-cas on a few shared keys), written
 * into a history in the encoding plumbline's {@code etcd} model reads. Error policy: a failed get
 * changed nothing, so it is a definite {@code fail}; a failed write may still have been applied
 * (e.g. committed just before the leader was killed), so it is {@code info} and the client goes
 * on as a new process (Jepsen's convention).
 */
final class HistoryClient {
  private static final long TIMEOUT_MS = 3_000;
  private final KV kv;
  private final HistoryRecorder recorder;
  private final List<String> keys;
  private final Random random;
  private final int stride;
  private final Map<String, String> lastSeen = new HashMap<>();
  private int process;
  private int counter;

  HistoryClient(KV kv, HistoryRecorder recorder, List<String> keys, int worker, int workers, long seed) {
    this.kv = kv;
    this.recorder = recorder;
    this.keys = keys;
    this.random = new Random(seed);
    this.process = worker;
    this.stride = workers;
  }

  void runWhile(BooleanSupplier running) {
    while (running.getAsBoolean()) {
      String key = keys.get(random.nextInt(keys.size()));
      int dice = random.nextInt(10);
      if (dice < 4) {
        get(key);
      } else if (dice < 7) {
        write("put", "p", key, null);
      } else if (dice < 8) {
        write("delete", null, key, null);
      } else {
        write("txn", "c", key, lastSeen.get(key));
      }
    }
  }

  private void get(String key) {
    String p = invoke("get", null, key);
    try {
      List<KeyValue> kvs = await(kv.get(bytes(key))).getKvs();
      KeyValue v = kvs.isEmpty() ? null : kvs.get(0);
      String value = v == null ? null : v.getValue().toString(StandardCharsets.UTF_8);
      remember(key, value);
      recorder.record(p, OpType.OK, "get", EtcdEncoding.getResult(value, v == null ? 0 : v.getVersion()), key, Map.of());
    } catch (Exception e) {
      recorder.record(p, OpType.FAIL, "get", null, key, Map.of("error", e.toString()));
    }
  }

  /** put ({@code prefix} "p"), delete (null prefix) or txn-cas ("c", against {@code expected}). */
  private void write(String f, String prefix, String key, String expected) {
    String value = prefix == null ? null : prefix + process + "-" + counter++;
    Object request = "txn".equals(f) ? EtcdEncoding.casRequest(key, expected, value) : value;
    String p = invoke(f, request, key);
    try {
      Object result = switch (f) {
        case "put" -> {
          await(kv.put(bytes(key), bytes(value)));
          yield null;
        }
        case "delete" -> EtcdEncoding.deleteResult(await(kv.delete(bytes(key))).getDeleted());
        default -> {
          boolean ok = await(kv.txn().If(compare(key, expected))
              .Then(Op.put(bytes(key), bytes(value), PutOption.DEFAULT)).commit()).isSucceeded();
          if (ok) {
            lastSeen.put(key, value);
          }
          yield EtcdEncoding.txnResult(ok);
        }
      };
      recorder.record(p, OpType.OK, f, result, key, Map.of());
    } catch (Exception e) {
      recorder.record(p, OpType.INFO, f, null, key, Map.of("error", e.toString()));
      process += stride; // the old process may still have this write in flight
      lastSeen.clear();
    }
  }

  private static Cmp compare(String key, String expected) {
    return expected == null ? new Cmp(bytes(key), Cmp.Op.EQUAL, CmpTarget.version(0))
        : new Cmp(bytes(key), Cmp.Op.EQUAL, CmpTarget.value(bytes(expected)));
  }

  private void remember(String key, String value) {
    if (value == null) {
      lastSeen.remove(key);
    } else {
      lastSeen.put(key, value);
    }
  }

  private String invoke(String f, Object value, String key) {
    String p = Integer.toString(process);
    recorder.record(p, OpType.INVOKE, f, value, key, Map.of());
    return p;
  }

  private static <T> T await(CompletableFuture<T> f) throws Exception {
    return f.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
  }

  private static ByteSequence bytes(String s) {
    return ByteSequence.from(s, StandardCharsets.UTF_8);
  }
}
