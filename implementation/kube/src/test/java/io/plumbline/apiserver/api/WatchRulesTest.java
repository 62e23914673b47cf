package io.plumbline.apiserver.api;

import static io.plumbline.testing.JsonLiteral.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbline.apiserver.store.InMemoryObjectStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Watch guarantees the HTTP tests show only on their happy path, on an in-memory store that hands
 * each change to the watch before the write returns: a watcher that falls behind is ended with a
 * 410 ERROR (it must re-list), never left with a silent gap; deleting an object outside the
 * selection sends nothing; a bookmark after the initial list is at the list's revision, so a
 * watch resumed from it replays nothing the list already showed; a watch from resourceVersion
 * "0" starts with the objects that exist.
 */
class WatchRulesTest {
  private final InMemoryObjectStore store = new InMemoryObjectStore();
  private final ObjectService objects =
      new ObjectService(store, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), new Random(17));

  private void pod(String name, String app) {
    objects.create(Resources.PODS, "default", json("{'metadata':{'name':'" + name + "','labels':"
        + "{'app':'" + app + "'}},'spec':{'containers':[{'name':'c','image':'nginx'}]}}"),
        WriteFence.NONE);
  }

  private ObjectWatch watch(String labelSelector, String resourceVersion, int capacity) {
    return ObjectWatch.start(objects, Resources.PODS, "default",
        LabelSelector.parse(labelSelector), FieldSelector.EVERYTHING, resourceVersion, capacity);
  }

  /** Every event the watch has now, as "TYPE name" (ERROR: "ERROR code"). */
  private static List<String> drain(ObjectWatch watch) throws InterruptedException {
    List<String> seen = new ArrayList<>();
    for (ObjectWatch.Event e = watch.next(0); e != null; e = watch.next(0)) {
      ObjectNode o = e.object();
      seen.add(e.type() + " " + (e.type().equals("ERROR") ? o.path("code").asText()
          : Json.text(o, "metadata.name")));
    }
    return seen;
  }

  @BeforeEach
  void namespaces() {
    objects.bootstrapNamespaces();
  }

  @Test
  void aWatcherThatFallsBehindIsEndedWithA410NeverLeftWithAGap() throws Exception {
    try (ObjectWatch watch = watch("", Long.toString(store.revision()), 2)) {
      pod("a", "web");
      pod("b", "web");
      pod("c", "web");
      assertThat(drain(watch)).containsExactly("ADDED a", "ADDED b", "ERROR 410");
      assertThat(watch.isFinished()).isTrue();
    }
  }

  @Test
  void deletingAnObjectOutsideTheSelectionSendsNothing() throws Exception {
    pod("db", "db");
    try (ObjectWatch watch = watch("app=web", Long.toString(store.revision()), 10)) {
      objects.delete(Resources.PODS, "default", "db", json("{}"), WriteFence.NONE);
      pod("web", "web");
      assertThat(drain(watch)).containsExactly("ADDED web");
    }
  }

  /**
   * kube-apiserver's watch (the etcd3 watcher's {@code transform} and the cacher's
   * {@code convertToWatchEvent}): an object changed so that it leaves the selection is sent as
   * DELETED with its previous content, the last state the watcher was entitled to see, at the
   * change's resourceVersion ("a delete event with the previous object content, but with the
   * event's resource version").
   */
  @Test
  void anObjectLeavingTheSelectionIsDeletedAsItWasAtTheChangesRevision() throws Exception {
    pod("p", "web");
    try (ObjectWatch watch = watch("app=web", Long.toString(store.revision()), 10)) {
      objects.patch(Resources.PODS, "default", "p", PatchType.MERGE,
          json("{'metadata':{'labels':{'app':'db'}}}"), Part.MAIN, WriteFence.NONE);
      ObjectWatch.Event deleted = watch.next(0);
      assertThat(deleted.type()).isEqualTo("DELETED");
      assertThat(Json.text(deleted.object(), "metadata.labels.app")).isEqualTo("web");
      assertThat(Json.text(deleted.object(), "metadata.resourceVersion"))
          .isEqualTo(Long.toString(store.revision()));
      assertThat(watch.next(0)).isNull();
    }
  }

  @Test
  void aBookmarkAfterTheInitialListIsAtTheListsRevision() throws Exception {
    pod("b", "web");
    pod("a", "web"); // listed first (by name) though written last
    long listed = store.revision();
    try (ObjectWatch watch = watch("", "", 10)) {
      assertThat(drain(watch)).containsExactly("ADDED a", "ADDED b");
      assertThat(Json.text(watch.bookmark().object(), "metadata.resourceVersion"))
          .isEqualTo(Long.toString(listed));
    }
  }

  /**
   * kube-apiserver's watch semantics: {@code resourceVersion} "0" starts "at any point", with
   * synthetic ADDED events for the objects that exist, as an unset one does; a watch from a
   * given revision N sends only the changes after N.
   */
  @Test
  void aWatchFromResourceVersionZeroStartsWithTheObjectsThatExist() throws Exception {
    pod("a", "web");
    pod("b", "web");
    pod("gone", "web");
    objects.delete(Resources.PODS, "default", "gone", json("{}"), WriteFence.NONE);
    objects.patch(Resources.PODS, "default", "a", PatchType.MERGE,
        json("{'metadata':{'labels':{'tier':'front'}}}"), Part.MAIN, WriteFence.NONE);
    String now = Long.toString(store.revision());
    // the objects as they are, once each: not the history (no MODIFIED a, nothing of "gone")
    for (String rv : new String[] {"0", ""}) {
      try (ObjectWatch watch = watch("", rv, 10)) {
        assertThat(drain(watch)).as("resourceVersion '%s'", rv)
            .containsExactly("ADDED a", "ADDED b");
      }
    }
    try (ObjectWatch watch = watch("", now, 10)) {
      pod("c", "web");
      assertThat(drain(watch)).containsExactly("ADDED c");
    }
  }

  /**
   * The synthetic ADDED events of a watch without a resourceVersion are the selected objects
   * only, as kube-apiserver's initial list is filtered by the watch's predicate: a watcher of
   * {@code app=web} is never told an {@code app=db} pod exists (an informer would cache it).
   */
  @Test
  void theInitialAddedEventsAreTheSelectedObjectsOnly() throws Exception {
    pod("w1", "web");
    pod("d1", "db");
    pod("w2", "web");
    try (ObjectWatch watch = watch("app=web", "", 10)) {
      assertThat(drain(watch)).containsExactly("ADDED w1", "ADDED w2");
      pod("d2", "db");
      pod("w3", "web");
      assertThat(drain(watch)).containsExactly("ADDED w3");
    }
  }
}
