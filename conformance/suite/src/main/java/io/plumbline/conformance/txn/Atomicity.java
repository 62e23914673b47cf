package io.plumbline.conformance.txn;

import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.plumbline.conformance.Check;
import io.plumbline.conformance.Session;
import io.plumbline.conformance.Verdict;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A txn is atomic: one writer commits txns that put the same number into three keys while two
 * readers read the keys (a prefix range, and a read-only txn of three gets); no read may see the
 * keys disagree, and each txn's writes share the txn's one revision.
 */
final class Atomicity implements Check {
  private static final List<String> KEYS = List.of("x", "y", "z");
  private static final int TXNS = 60;

  @Override
  public String name() {
    return "atomicity";
  }

  @Override
  public String description() {
    return "a txn takes one revision and concurrent readers never see part of it";
  }

  @Override
  public Verdict run(Session s) throws Exception {
    List<Snapshot> snapshots = Collections.synchronizedList(new ArrayList<>());
    List<String> ev = new ArrayList<>();
    AtomicBoolean writing = new AtomicBoolean(true);
    ExecutorService readers = Executors.newFixedThreadPool(2);
    List<Long> revisions = new ArrayList<>();
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        int reader = r;
        running.add(readers.submit(() -> read(s, reader, writing, snapshots)));
      }
      try {
        for (int i = 1; i <= TXNS; i++) {
          revisions.add(write(s, i));
        }
      } finally {
        writing.set(false);
      }
      for (Future<?> f : running) {
        f.get();
      }
    } finally {
      readers.shutdownNow();
    }
    Snapshot last = range(s, "final range");
    snapshots.add(last);
    long lastRevision = revisions.get(revisions.size() - 1);
    ev.add(TXNS + " txns {put x, y, z = i} at revisions " + revisions.get(0) + ".." + lastRevision);
    ev.add(snapshots.size() + " concurrent atomic reads; final: " + last.values() + " mod revisions " + last.modRevisions());
    List<String> problems = new ArrayList<>(TxnAtomicity.verify(KEYS, snapshots));
    for (String k : KEYS) {
      if (!Long.valueOf(lastRevision).equals(last.modRevisions().get(k))) {
        problems.add("key " + k + " of the last txn has mod revision " + last.modRevisions().get(k)
            + ", not the txn's revision " + lastRevision);
      }
    }
    return Verdict.of(snapshots.size() + " reads saw only whole txns; each txn one revision", problems, ev);
  }

  private static long write(Session s, int i) throws Exception {
    Op[] puts = KEYS.stream()
        .map(k -> Op.put(s.key("txn/atomic/" + k), Session.bytes(Integer.toString(i)), PutOption.DEFAULT))
        .toArray(Op[]::new);
    TxnResponse r = s.await("txn put x, y, z = " + i, s.kv().txn().Then(puts).commit());
    return r.getHeader().getRevision();
  }

  private static Void read(Session s, int reader, AtomicBoolean writing, List<Snapshot> out) throws Exception {
    int n = 0;
    while (writing.get()) {
      out.add(n++ % 2 == 0 ? range(s, "range by reader " + reader) : txnGets(s, "txn of 3 gets by reader " + reader));
    }
    return null;
  }

  private static Snapshot range(Session s, String what) throws Exception {
    GetResponse r = s.await(what, s.kv().get(s.key("txn/atomic/"), GetOption.builder().isPrefix(true).build()));
    return snapshot(what, r.getKvs());
  }

  private static Snapshot txnGets(Session s, String what) throws Exception {
    Op[] gets = KEYS.stream().map(k -> Op.get(s.key("txn/atomic/" + k), GetOption.DEFAULT)).toArray(Op[]::new);
    TxnResponse r = s.await(what, s.kv().txn().Then(gets).commit());
    List<KeyValue> kvs = new ArrayList<>();
    r.getGetResponses().forEach(g -> kvs.addAll(g.getKvs()));
    return snapshot(what + " at revision " + r.getHeader().getRevision(), kvs);
  }

  private static Snapshot snapshot(String what, List<KeyValue> kvs) {
    Map<String, String> values = new HashMap<>();
    Map<String, Long> mods = new HashMap<>();
    for (KeyValue kv : kvs) {
      String k = Session.text(kv.getKey());
      String name = k.substring(k.lastIndexOf('/') + 1);
      values.put(name, Session.text(kv.getValue()));
      mods.put(name, kv.getModRevision());
    }
    return new Snapshot(what, values, mods);
  }
}
