package io.plumbline.conformance.watch;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.kv.PutResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.WatchOption;
import io.plumbline.conformance.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The watch group's workload, run once and shared by its checks: three watches on the run's watch
 * prefix from the revision before the first write (all events with prev_kv; puts only; deletes
 * only), a seeded mix of puts, deletes of present keys and two-key txns, progress requests during
 * and after the writes, and a fourth watch resumed from the middle of the first.
 */
public final class WatchScenario {
  private static final int WRITES = 40;
  private static final int KEYS = 5;

  /** What the workload wrote (the expected events) and what each watch received. */
  public record Observations(long startRevision, List<ObservedEvent> expected, List<ObservedResponse> all,
      List<ObservedResponse> putsOnly, List<ObservedResponse> deletesOnly, List<ObservedEvent> afterCut,
      long resumeRevision, List<ObservedResponse> resumed, List<String> notes) {}

  private Observations observations;
  private Exception failure;

  /** Runs the workload the first time it is asked for, then returns the same observations. */
  public synchronized Observations get(Session s) throws Exception {
    if (observations == null && failure == null) {
      try {
        observations = run(s);
      } catch (Exception e) {
        failure = e;
      }
    }
    if (failure != null) {
      throw failure;
    }
    return observations;
  }

  private Observations run(Session s) throws Exception {
    ByteSequence prefix = s.key("watch/");
    long start = s.currentRevision();
    Duration wait = s.options().callTimeout();
    List<String> notes = new ArrayList<>();
    try (WatchRecorder all = new WatchRecorder(s.client(), prefix, from(start).withPrevKV(true).build());
        WatchRecorder puts = new WatchRecorder(s.client(), prefix, from(start).withNoDelete(true).build());
        WatchRecorder deletes = new WatchRecorder(s.client(), prefix, from(start).withNoPut(true).build())) {
      List<ObservedEvent> expected = write(s, new Random(s.random().nextLong()), all);
      long last = expected.get(expected.size() - 1).modRevision();
      note(notes, all.awaitRevision(last, wait), "prev_kv watch reached revision " + last);
      note(notes, puts.awaitRevision(lastOf(expected, "PUT"), wait), "puts-only watch reached its last put");
      note(notes, deletes.awaitRevision(lastOf(expected, "DELETE"), wait), "deletes-only watch reached its last delete");
      all.requestProgress();
      note(notes, all.awaitProgressNotifications(3, wait), "3 progress notifications arrived");
      List<ObservedResponse> stream = all.responses();
      int cut = stream.size() / 2;
      long resumeAt = stream.subList(0, cut).stream().flatMap(r -> r.events().stream())
          .mapToLong(ObservedEvent::modRevision).max().orElse(start) + 1;
      List<ObservedEvent> afterCut = WatchVerifier.events(stream).stream().filter(e -> e.modRevision() >= resumeAt).toList();
      List<ObservedResponse> resumed;
      try (WatchRecorder again = new WatchRecorder(s.client(), prefix,
          WatchOption.builder().isPrefix(true).withPrevKV(true).withRevision(resumeAt).build())) {
        note(notes, again.awaitRevision(last, wait), "resumed watch from " + resumeAt + " reached revision " + last);
        resumed = again.responses();
      }
      return new Observations(start, expected, stream, puts.responses(), deletes.responses(), afterCut, resumeAt,
          resumed, notes);
    }
  }

  private static WatchOption.Builder from(long revision) {
    return WatchOption.builder().isPrefix(true).withRevision(revision + 1);
  }

  /** The writes; returns the events they must produce, in revision order. */
  private static List<ObservedEvent> write(Session s, Random random, WatchRecorder progressOn) throws Exception {
    Map<String, String> state = new HashMap<>();
    List<ObservedEvent> expected = new ArrayList<>();
    for (int i = 0; i < WRITES; i++) {
      String k = s.prefix() + "watch/k" + random.nextInt(KEYS);
      int kind = random.nextInt(4);
      if (kind == 0 && state.containsKey(k)) {
        long rev = s.await("delete", s.kv().delete(Session.bytes(k), DeleteOption.DEFAULT)).getHeader().getRevision();
        expected.add(new ObservedEvent("DELETE", k, null, rev, state.remove(k)));
      } else if (kind == 1) {
        String k2 = s.prefix() + "watch/k" + ((Integer.parseInt(k.substring(k.length() - 1)) + 1) % KEYS);
        String v = "t" + i;
        TxnResponse r = s.await("txn", s.kv().txn().Then(Op.put(Session.bytes(k), Session.bytes(v), PutOption.DEFAULT),
            Op.put(Session.bytes(k2), Session.bytes(v), PutOption.DEFAULT)).commit());
        long rev = r.getHeader().getRevision();
        expected.add(new ObservedEvent("PUT", k, v, rev, state.put(k, v)));
        expected.add(new ObservedEvent("PUT", k2, v, rev, state.put(k2, v)));
      } else {
        String v = "v" + i;
        PutResponse r = s.await("put", s.kv().put(Session.bytes(k), Session.bytes(v)));
        expected.add(new ObservedEvent("PUT", k, v, r.getHeader().getRevision(), state.put(k, v)));
      }
      if (i == WRITES / 3 || i == 2 * WRITES / 3) {
        progressOn.requestProgress();
      }
    }
    return expected;
  }

  private static long lastOf(List<ObservedEvent> events, String type) {
    return events.stream().filter(e -> e.type().equals(type)).mapToLong(ObservedEvent::modRevision).max().orElse(0);
  }

  private static void note(List<String> notes, boolean ok, String what) {
    notes.add((ok ? "" : "NOT: ") + what);
  }
}
