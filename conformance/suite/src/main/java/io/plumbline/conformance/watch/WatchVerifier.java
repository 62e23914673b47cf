package io.plumbline.conformance.watch;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Pure verifiers for etcd's watch guarantees (etcd API guarantees, "Watch APIs"; the same ones
 * etcd's robustness tests validate). Each takes plain observations and returns the problems it
 * found, empty when the guarantee held.
 */
public final class WatchVerifier {
  private WatchVerifier() {}

  /** Ordered: events arrive in revision order, never going back. */
  public static List<String> ordered(List<ObservedResponse> stream) {
    List<String> problems = new ArrayList<>();
    long last = 0;
    for (ObservedResponse r : stream) {
      for (ObservedEvent e : r.events()) {
        if (e.modRevision() < last) {
          problems.add("response " + r.seq() + ": event at revision " + e.modRevision() + " (" + e.key()
              + ") after an event at revision " + last);
        }
        last = Math.max(last, e.modRevision());
      }
    }
    return problems;
  }

  /** Unique: no event (revision, key) is delivered twice. */
  public static List<String> unique(List<ObservedResponse> stream) {
    List<String> problems = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (ObservedResponse r : stream) {
      for (ObservedEvent e : r.events()) {
        Integer first = seen.putIfAbsent(e.modRevision() + " " + e.key(), r.seq());
        if (first != null) {
          problems.add("event " + e.type() + " " + e.key() + " @" + e.modRevision() + " delivered twice (responses "
              + first + " and " + r.seq() + ")");
        }
      }
    }
    return problems;
  }

  /** Atomic: all events of one revision arrive in one response, never split across responses. */
  public static List<String> atomic(List<ObservedResponse> stream) {
    List<String> problems = new ArrayList<>();
    Map<Long, Integer> responseOf = new HashMap<>();
    Set<Long> reported = new HashSet<>();
    for (ObservedResponse r : stream) {
      for (ObservedEvent e : r.events()) {
        Integer first = responseOf.putIfAbsent(e.modRevision(), r.seq());
        if (first != null && first != r.seq() && reported.add(e.modRevision())) {
          problems.add("revision " + e.modRevision() + " split across responses " + first + " and " + r.seq());
        }
      }
    }
    return problems;
  }

  /**
   * Reliable: the stream holds exactly the expected events (every write under the watched range,
   * in order), with no gap and nothing extra.
   */
  public static List<String> reliable(List<ObservedEvent> expected, List<ObservedResponse> stream) {
    List<ObservedEvent> got = events(stream);
    List<String> problems = new ArrayList<>();
    Set<String> gotIds = ids(got);
    Set<String> expectedIds = ids(expected);
    for (ObservedEvent e : expected) {
      if (!gotIds.contains(id(e))) {
        problems.add("missing event " + e.type() + " " + e.key() + " @" + e.modRevision() + " (a gap in the stream)");
      }
    }
    for (ObservedEvent e : got) {
      if (!expectedIds.contains(id(e))) {
        problems.add("unexpected event " + e.type() + " " + e.key() + " @" + e.modRevision() + " (no such write)");
      }
    }
    if (problems.isEmpty() && !sameContent(expected, got, false)) {
      problems.add("events differ in value from the writes: expected " + expected + ", got " + got);
    }
    return problems;
  }

  /** prev_kv: each event carries the key's value before the write (none when it was absent). */
  public static List<String> prevKv(List<ObservedEvent> expected, List<ObservedResponse> stream) {
    Map<String, ObservedEvent> want = new HashMap<>();
    expected.forEach(e -> want.put(id(e), e));
    List<String> problems = new ArrayList<>();
    for (ObservedEvent e : events(stream)) {
      ObservedEvent w = want.get(id(e));
      if (w != null && !java.util.Objects.equals(w.prevValue(), e.prevValue())) {
        problems.add(e.type() + " " + e.key() + " @" + e.modRevision() + " has prev_kv " + show(e.prevValue())
            + "; the value before was " + show(w.prevValue()));
      }
    }
    return problems;
  }

  /** {@link #prevKv} on the prev_kv watch; the watches that did not ask for prev_kv get none (etcd strips it). */
  @SafeVarargs
  public static List<String> prevKvOnlyWhenAsked(List<ObservedEvent> expected, List<ObservedResponse> stream,
      List<ObservedResponse>... withoutPrevKv) {
    List<String> problems = new ArrayList<>(prevKv(expected, stream));
    for (List<ObservedResponse> other : withoutPrevKv) {
      for (ObservedEvent e : events(other)) {
        if (e.prevValue() != null) {
          problems.add(e.type() + " " + e.key() + " @" + e.modRevision() + " carries prev_kv " + show(e.prevValue())
              + " on a watch that did not ask for it");
          break;
        }
      }
    }
    return problems;
  }

  /**
   * Bookmarkable: when a progress notification with revision R arrives, every expected event at
   * revision R or below has already arrived.
   */
  public static List<String> bookmarks(List<ObservedEvent> expected, List<ObservedResponse> stream) {
    List<String> problems = new ArrayList<>();
    Set<String> delivered = new HashSet<>();
    for (ObservedResponse r : stream) {
      if (r.progressNotify()) {
        for (ObservedEvent e : expected) {
          if (e.modRevision() <= r.headerRevision() && !delivered.contains(id(e))) {
            problems.add("progress notification at revision " + r.headerRevision() + " (response " + r.seq()
                + ") arrived before event " + e.type() + " " + e.key() + " @" + e.modRevision());
            break;
          }
        }
      }
      r.events().forEach(e -> delivered.add(id(e)));
    }
    return problems;
  }

  /**
   * Resumable: a watch restarted at (last revision received) + 1 continues with exactly the events
   * the original watch delivered after that point.
   */
  public static List<String> resumed(List<ObservedEvent> afterCut, List<ObservedResponse> resumedStream) {
    List<ObservedEvent> got = events(resumedStream);
    if (sameContent(afterCut, got, true)) {
      return List.of();
    }
    return List.of("the resumed watch delivered " + got.size() + " events " + brief(got) + " but the original stream "
        + "continued with " + afterCut.size() + " events " + brief(afterCut));
  }

  /** Filters: a filtered watch delivers exactly the expected events that pass {@code keep}. */
  public static List<String> filtered(String filter, List<ObservedEvent> expected, Predicate<ObservedEvent> keep,
      List<ObservedResponse> stream) {
    List<ObservedEvent> want = expected.stream().filter(keep).toList();
    List<ObservedEvent> got = events(stream);
    List<String> problems = new ArrayList<>();
    for (ObservedEvent e : got) {
      if (!keep.test(e)) {
        problems.add(filter + " watch delivered " + e.type() + " " + e.key() + " @" + e.modRevision());
      }
    }
    if (problems.isEmpty() && !ids(want).equals(ids(got))) {
      problems.add(filter + " watch delivered " + brief(got) + "; expected " + brief(want));
    }
    return problems;
  }

  /** All events of a stream in arrival order. */
  public static List<ObservedEvent> events(List<ObservedResponse> stream) {
    List<ObservedEvent> out = new ArrayList<>();
    stream.forEach(r -> out.addAll(r.events()));
    return out;
  }

  private static boolean sameContent(List<ObservedEvent> a, List<ObservedEvent> b, boolean withPrev) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      ObservedEvent x = a.get(i);
      ObservedEvent y = b.get(i);
      if (!id(x).equals(id(y)) || !java.util.Objects.equals(x.value(), y.value())
          || (withPrev && !java.util.Objects.equals(x.prevValue(), y.prevValue()))) {
        return false;
      }
    }
    return true;
  }

  private static Set<String> ids(List<ObservedEvent> events) {
    Set<String> out = new HashSet<>();
    events.forEach(e -> out.add(id(e)));
    return out;
  }

  private static String id(ObservedEvent e) {
    return e.type() + " " + e.key() + " @" + e.modRevision();
  }

  private static String show(String v) {
    return v == null ? "none" : v;
  }

  private static String brief(List<ObservedEvent> events) {
    List<String> ids = events.stream().map(WatchVerifier::id).toList();
    return ids.size() <= 6 ? ids.toString() : ids.subList(0, 3) + "…" + ids.subList(ids.size() - 3, ids.size());
  }
}
