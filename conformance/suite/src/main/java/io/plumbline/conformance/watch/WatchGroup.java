package io.plumbline.conformance.watch;

import io.plumbline.conformance.Check;
import io.plumbline.conformance.CheckGroup;
import io.plumbline.conformance.Session;
import io.plumbline.conformance.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The watch group: ordered, unique, atomic, reliable, resumable, bookmarkable, prev_kv, filters
 * (all judged on one shared {@link WatchScenario}) and the compacted-revision error.
 */
public final class WatchGroup {
  /** etcd's own statement of the guarantees. */
  static final String GUARANTEES = "https://etcd.io/docs/v3.4/learning/api_guarantees/#watch-apis";
  /** Manually requested progress notifications may overtake events in etcd before 3.4.25 / 3.5.8. */
  static final String PROGRESS_BUG = "etcd-io/etcd#15220 (requested progress notifications not synchronised with the "
      + "stream; fixed by etcd-io/etcd#15237 in v3.4.25 and v3.5.8)";

  private WatchGroup() {}

  public static CheckGroup create() {
    WatchScenario scenario = new WatchScenario();
    List<Check> checks = new ArrayList<>();
    checks.add(judged(scenario, "ordered", "events arrive in revision order",
        o -> "revisions as received: " + revisions(WatchVerifier.events(o.all())),
        o -> WatchVerifier.ordered(o.all())));
    checks.add(judged(scenario, "unique", "no event is delivered twice",
        o -> WatchVerifier.events(o.all()).size() + " events received for " + o.expected().size() + " writes",
        o -> WatchVerifier.unique(o.all())));
    checks.add(judged(scenario, "atomic", "a revision's events are never split across responses",
        o -> multiEventRevisions(o) + " two-key txn revisions, each checked to arrive in one response",
        o -> WatchVerifier.atomic(o.all())));
    checks.add(judged(scenario, "reliable", "every write under the watched prefix is delivered, no gaps",
        o -> "expected " + o.expected().size() + " events at revisions " + revisions(o.expected()),
        o -> WatchVerifier.reliable(o.expected(), o.all())));
    checks.add(judged(scenario, "resumable", "a watch restarted at last revision + 1 continues exactly",
        o -> "resumed at revision " + o.resumeRevision() + ": " + WatchVerifier.events(o.resumed()).size()
            + " events; the original had " + o.afterCut().size() + " from there",
        o -> WatchVerifier.resumed(o.afterCut(), o.resumed())));
    checks.add(bookmarks(scenario));
    checks.add(judged(scenario, "prev-kv", "events carry the previous value when prev_kv is asked for, and only then",
        o -> WatchVerifier.events(o.all()).stream().filter(e -> e.prevValue() != null).count()
            + " events carried a prev_kv, each compared with the value the writes left",
        o -> WatchVerifier.prevKvOnlyWhenAsked(o.expected(), o.all(), o.putsOnly(), o.deletesOnly())));
    checks.add(judged(scenario, "filters", "NOPUT and NODELETE filters drop exactly those events",
        o -> "NODELETE watch got " + WatchVerifier.events(o.putsOnly()).size() + " events, NOPUT watch got "
            + WatchVerifier.events(o.deletesOnly()).size(),
        o -> {
          List<String> p = new ArrayList<>(WatchVerifier.filtered("NODELETE", o.expected(),
              e -> e.type().equals("PUT"), o.putsOnly()));
          p.addAll(WatchVerifier.filtered("NOPUT", o.expected(), e -> e.type().equals("DELETE"), o.deletesOnly()));
          return p;
        }));
    checks.add(new CompactedWatch());
    return new CheckGroup("watch", checks);
  }

  private static Check judged(WatchScenario scenario, String name, String description,
      Function<WatchScenario.Observations, String> focus, Function<WatchScenario.Observations, List<String>> verify) {
    return Check.of(name, description, s -> {
      WatchScenario.Observations o = scenario.get(s);
      List<String> ev = new ArrayList<>();
      ev.add(focus.apply(o));
      ev.addAll(evidence(s, o));
      return Verdict.of(summary(o), verify.apply(o), ev).withReference(GUARANTEES);
    });
  }

  /** Distinct revisions in arrival order, runs written as ranges: {@code 110..149} or {@code 110..112,114}. */
  private static String revisions(List<ObservedEvent> events) {
    List<Long> revs = new ArrayList<>();
    for (ObservedEvent e : events) {
      if (revs.isEmpty() || revs.get(revs.size() - 1) != e.modRevision()) {
        revs.add(e.modRevision());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < revs.size(); ) {
      int j = i;
      while (j + 1 < revs.size() && revs.get(j + 1) == revs.get(j) + 1) {
        j++;
      }
      sb.append(sb.length() == 0 ? "" : ",").append(revs.get(i)).append(j > i ? ".." + revs.get(j) : "");
      i = j + 1;
    }
    return sb.toString();
  }

  private static long multiEventRevisions(WatchScenario.Observations o) {
    return o.expected().stream().collect(java.util.stream.Collectors.groupingBy(ObservedEvent::modRevision,
        java.util.stream.Collectors.counting())).values().stream().filter(n -> n > 1).count();
  }

  private static Check bookmarks(WatchScenario scenario) {
    return Check.of("bookmarkable", "a progress notification at revision R comes after every event up to R", s -> {
      WatchScenario.Observations o = scenario.get(s);
      List<String> problems = WatchVerifier.bookmarks(o.expected(), o.all());
      long notifications = o.all().stream().filter(r -> r.progressNotify()).count();
      List<String> ev = new ArrayList<>();
      ev.add("progress notifications at revisions " + o.all().stream().filter(ObservedResponse::progressNotify)
          .map(r -> Long.toString(r.headerRevision())).toList() + ", each after every event up to it");
      ev.addAll(evidence(s, o));
      if (notifications == 0) {
        return Verdict.fail("no progress notification arrived after 3 progress requests", ev);
      }
      Verdict v = Verdict.of(notifications + " progress notifications, none ahead of an event", problems, ev);
      if (!problems.isEmpty() && ServerVersion.hasProgressBug(ServerVersion.of(s))) {
        return Verdict.knownDeviation("etcd " + ServerVersion.of(s) + " sent a progress notification ahead of events: "
            + problems.get(0), PROGRESS_BUG, v.evidence());
      }
      return v.withReference(GUARANTEES);
    });
  }

  private static String summary(WatchScenario.Observations o) {
    return o.expected().size() + " events from revision " + (o.startRevision() + 1) + ", " + o.all().size()
        + " responses";
  }

  private static List<String> evidence(Session s, WatchScenario.Observations o) {
    List<String> ev = new ArrayList<>(o.notes());
    ev.add("writes (expected events):");
    o.expected().forEach(e -> ev.add("  " + e.describe(s::show)));
    ev.add("prev_kv watch from " + (o.startRevision() + 1) + " received:");
    for (ObservedResponse r : o.all()) {
      ev.add("  response " + r.seq() + (r.progressNotify() ? ": progress notification at revision " + r.headerRevision()
          : ": " + r.events().stream().map(e -> e.describe(s::show)).toList()));
    }
    ev.add("resumed at revision " + o.resumeRevision() + ": " + WatchVerifier.events(o.resumed()).size() + " events");
    return ev;
  }
}
