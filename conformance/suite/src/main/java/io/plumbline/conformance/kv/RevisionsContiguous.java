package io.plumbline.conformance.kv;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.kv.DeleteResponse;
import io.etcd.jetcd.kv.PutResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.WatchOption;
import io.plumbline.conformance.Check;
import io.plumbline.conformance.Session;
import io.plumbline.conformance.Verdict;
import io.plumbline.conformance.watch.ObservedEvent;
import io.plumbline.conformance.watch.WatchRecorder;
import java.util.ArrayList;
import java.util.List;

/**
 * Revisions rise by exactly one per write transaction and never move back: a series of puts,
 * a two-key txn and deletes, then a watch over the whole keyspace must show every revision between
 * (other clients' writes included, which keeps the check right on a shared store). A delete of an
 * absent key that raised the revision would leave a revision without events: a skip.
 */
final class RevisionsContiguous implements Check {
  /** {@code "\0"} as key and range end: the whole keyspace. */
  static final ByteSequence ALL = ByteSequence.from(new byte[] {0});

  @Override
  public String name() {
    return "revisions-contiguous";
  }

  @Override
  public String description() {
    return "the store revision rises by exactly one per write transaction and never moves back";
  }

  @Override
  public Verdict run(Session s) throws Exception {
    long before = s.currentRevision();
    List<WriteObservation> writes = new ArrayList<>();
    for (String k : List.of("a", "b", "c", "a")) {
      writes.add(put(s, "kv/rev/" + k, "v" + writes.size()));
    }
    TxnResponse t = s.await("txn put d, e", s.kv().txn()
        .Then(Op.put(s.key("kv/rev/d"), Session.bytes("1"), PutOption.DEFAULT),
            Op.put(s.key("kv/rev/e"), Session.bytes("1"), PutOption.DEFAULT)).commit());
    writes.add(new WriteObservation("txn {put ~/kv/rev/d, put ~/kv/rev/e}", t.getHeader().getRevision(), true));
    writes.add(delete(s, "kv/rev/a", true));
    writes.add(delete(s, "kv/rev/absent", false));
    writes.add(put(s, "kv/rev/f", "1"));
    long last = writes.stream().mapToLong(WriteObservation::headerRevision).max().orElse(before);

    List<String> evidence = new ArrayList<>();
    evidence.add("revision before the writes: " + before);
    writes.forEach(w -> evidence.add(w.description() + " -> revision " + w.headerRevision()));
    List<Long> watched = new ArrayList<>();
    try (WatchRecorder w = new WatchRecorder(s.client(), ALL,
        WatchOption.builder().withRange(ALL).withRevision(before + 1).build())) {
      if (!w.awaitRevision(last, s.options().callTimeout())) {
        evidence.add("the whole-keyspace watch did not reach revision " + last + " within "
            + s.options().callTimeout().toMillis() + " ms" + (w.error() == null ? "" : " (error " + w.error() + ")"));
      }
      for (ObservedEvent e : w.events()) {
        if (e.modRevision() <= last) {
          watched.add(e.modRevision());
        }
      }
    }
    evidence.add("whole-keyspace watch from revision " + (before + 1) + " saw revisions " + watched);
    return Verdict.of("revisions " + before + ".." + last + " contiguous, " + writes.size() + " writes",
        RevisionSequence.verify(before, writes, watched), evidence);
  }

  private static WriteObservation put(Session s, String key, String value) throws Exception {
    PutResponse r = s.await("put " + key, s.kv().put(s.key(key), Session.bytes(value)));
    return new WriteObservation("put ~/" + key + "=" + value, r.getHeader().getRevision(), true);
  }

  private static WriteObservation delete(Session s, String key, boolean present) throws Exception {
    DeleteResponse r = s.await("delete " + key, s.kv().delete(s.key(key), DeleteOption.DEFAULT));
    return new WriteObservation("delete ~/" + key + " (deleted " + r.getDeleted() + ")", r.getHeader().getRevision(),
        present);
  }
}
