package io.plumbline.apiserver.api;

import static io.plumbline.testing.JsonLiteral.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbline.apiserver.store.InMemoryObjectStore;
import io.plumbline.apiserver.store.StoreEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the API server does to every object it stores, as Kubernetes' generic registry does it,
 * on an in-memory store whose history shows every write: {@code metadata.generation} starts at 1
 * and counts changes of the spec only; an update never changes {@code uid} or
 * {@code creationTimestamp}, and one whose body names another object is a 400; an update that changes nothing writes nothing (no new
 * resourceVersion, no watch event); an update without a resourceVersion that loses a race is
 * applied again to the fresh object; a delete whose uid precondition names another incarnation is
 * a 409; an orphaning delete marks the owner as being deleted before it frees any dependent; a new
 * pod is Pending and a service port's targetPort defaults to its port.
 */
class ObjectRulesTest {
  private final InMemoryObjectStore store = new InMemoryObjectStore();
  private final ObjectService objects =
      new ObjectService(store, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), new Random(13));

  private static ObjectNode pod(String name) {
    return json("{'metadata':{'name':'" + name + "','labels':{'app':'web'}},'spec':"
        + "{'containers':[{'name':'c','image':'nginx'}]}}");
  }

  private static ObjectNode rc(String name, int replicas) {
    return json("{'metadata':{'name':'" + name + "'},'spec':{'replicas':" + replicas
        + ",'template':{'metadata':{'labels':{'app':'web'}},'spec':{'containers':"
        + "[{'name':'c','image':'nginx'}]}}}}");
  }

  private ObjectNode mergePatch(ResourceType type, String name, String patch, Part part) {
    return objects.patch(type, "default", name, PatchType.MERGE, json(patch), part,
        WriteFence.NONE);
  }

  @BeforeEach
  void namespaces() {
    objects.bootstrapNamespaces();
  }

  @Test
  void generationStartsAtOneAndCountsSpecChangesOnly() {
    ObjectNode created = objects.create(Resources.REPLICATION_CONTROLLERS, "default",
        rc("web", 1), WriteFence.NONE);
    assertThat(created.at("/metadata/generation").asLong()).isEqualTo(1);
    assertThat(mergePatch(Resources.REPLICATION_CONTROLLERS, "web",
        "{'metadata':{'labels':{'tier':'front'}}}", Part.MAIN)
        .at("/metadata/generation").asLong()).as("label change").isEqualTo(1);
    assertThat(mergePatch(Resources.REPLICATION_CONTROLLERS, "web",
        "{'status':{'replicas':1,'observedGeneration':1}}", Part.STATUS)
        .at("/metadata/generation").asLong()).as("status write").isEqualTo(1);
    assertThat(mergePatch(Resources.REPLICATION_CONTROLLERS, "web", "{'spec':{'replicas':3}}",
        Part.MAIN).at("/metadata/generation").asLong()).as("spec change").isEqualTo(2);
  }

  @Test
  void anUpdateNeverChangesUidOrCreationTimestamp() {
    ObjectNode created = objects.create(Resources.PODS, "default", pod("p"), WriteFence.NONE);
    ObjectNode body = created.deepCopy();
    Json.child(body, "metadata").put("uid", "00000000-0000-4000-8000-000000000000")
        .put("creationTimestamp", "2001-01-01T00:00:00Z").putObject("labels").put("app", "db");
    ObjectNode updated = objects.update(Resources.PODS, "default", "p", body, Part.MAIN,
        WriteFence.NONE);
    assertThat(Json.text(updated, "metadata.labels.app")).isEqualTo("db");
    for (ObjectNode seen : new ObjectNode[] {updated, objects.get(Resources.PODS, "default",
        "p")}) {
      assertThat(Json.text(seen, "metadata.uid")).isEqualTo(Json.text(created, "metadata.uid"));
      assertThat(Json.text(seen, "metadata.creationTimestamp"))
          .isEqualTo(Json.text(created, "metadata.creationTimestamp"));
    }
  }

  @Test
  void anUpdateWhoseBodyNamesAnotherObjectIsA400AndChangesNothing() {
    objects.create(Resources.PODS, "default", pod("p"), WriteFence.NONE);
    long before = store.revision();
    ObjectNode other = pod("q");
    Json.child(Json.child(other, "metadata"), "labels").put("app", "db");
    assertThatThrownBy(() -> objects.update(Resources.PODS, "default", "p", other, Part.MAIN,
        WriteFence.NONE))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo(400));
    assertThat(store.revision()).isEqualTo(before);
  }

  @Test
  void anUpdateThatChangesNothingWritesNothing() {
    ObjectNode created = objects.create(Resources.PODS, "default", pod("p"), WriteFence.NONE);
    long before = store.revision();
    ObjectNode same = objects.update(Resources.PODS, "default", "p", created.deepCopy(),
        Part.MAIN, WriteFence.NONE);
    ObjectNode patched = mergePatch(Resources.PODS, "p", "{'metadata':{'labels':{'app':'web'}}}",
        Part.MAIN);
    assertThat(store.revision()).isEqualTo(before);
    assertThat(Json.text(same, "metadata.resourceVersion"))
        .isEqualTo(Json.text(created, "metadata.resourceVersion"));
    assertThat(Json.text(patched, "metadata.resourceVersion"))
        .isEqualTo(Json.text(created, "metadata.resourceVersion"));
  }

  @Test
  void anUnconditionalUpdateThatLosesARaceIsAppliedToTheFreshObject() {
    objects.create(Resources.PODS, "default", pod("p"), WriteFence.NONE);
    AtomicBoolean raced = new AtomicBoolean();
    ObjectNode result = objects.mutate(Resources.PODS, "default", "p", "", p -> {
      if (raced.compareAndSet(false, true)) {
        // another writer lands between this update's read and its write
        mergePatch(Resources.PODS, "p", "{'metadata':{'labels':{'other':'writer'}}}", Part.MAIN);
      }
      Json.child(Json.child(p, "metadata"), "labels").put("mine", "too");
      return p;
    }, WriteFence.NONE);
    assertThat(result.at("/metadata/labels").toString())
        .isEqualTo("{\"app\":\"web\",\"other\":\"writer\",\"mine\":\"too\"}");
    assertThat(objects.get(Resources.PODS, "default", "p")).isEqualTo(result);
  }

  @Test
  void aDeleteWhoseUidPreconditionNamesAnotherIncarnationIsAConflict() {
    String first = Json.text(objects.create(Resources.PODS, "default", pod("p"),
        WriteFence.NONE), "metadata.uid");
    objects.delete(Resources.PODS, "default", "p", json("{}"), WriteFence.NONE);
    objects.create(Resources.PODS, "default", pod("p"), WriteFence.NONE);
    assertThatThrownBy(() -> objects.delete(Resources.PODS, "default", "p",
        json("{'preconditions':{'uid':'" + first + "'}}"), WriteFence.NONE))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo(409));
    assertThat(objects.find(Resources.PODS, "default", "p")).isPresent();
  }

  @Test
  void anOrphaningDeleteMarksTheOwnerBeforeItFreesAnyDependent() {
    ObjectNode owner = objects.create(Resources.REPLICATION_CONTROLLERS, "default",
        rc("web", 0), WriteFence.NONE);
    String uid = Json.text(owner, "metadata.uid");
    for (String name : new String[] {"a", "b"}) {
      ObjectNode dependent = pod(name);
      Json.child(dependent, "metadata").putArray("ownerReferences").addObject()
          .put("apiVersion", "v1").put("kind", "ReplicationController").put("name", "web")
          .put("uid", uid).put("controller", true);
      objects.create(Resources.PODS, "default", dependent, WriteFence.NONE);
    }
    objects.delete(Resources.REPLICATION_CONTROLLERS, "default", "web",
        json("{'propagationPolicy':'Orphan'}"), WriteFence.NONE);

    String ownerKey = Resources.REPLICATION_CONTROLLERS.key("default", "web");
    int freed = 0;
    for (StoreEvent e : store.history()) {
      boolean freesOne = e.type() == StoreEvent.Type.PUT && e.previous() != null
          && OwnerReferences.names(Json.parse(e.previous()), uid)
          && !OwnerReferences.names(Json.parse(e.current()), uid);
      if (freesOne) {
        freed++;
        // a controller that lists now must see its RC as being deleted, or it adopts the pod back
        assertThat(store.at(ownerKey, e.revision()).map(v -> Json.text(Json.parse(v),
            "metadata.deletionTimestamp"))).as("owner when %s was freed", e.key())
            .hasValueSatisfying(t -> assertThat(t).isNotEmpty());
      }
    }
    assertThat(freed).isEqualTo(2);
  }

  @Test
  void aNewPodIsPendingAndAServicePortTargetsItselfUnlessToldOtherwise() {
    assertThat(Json.text(objects.create(Resources.PODS, "default", pod("p"), WriteFence.NONE),
        "status.phase")).isEqualTo("Pending");
    ObjectNode service = objects.create(Resources.SERVICES, "default", json("{'metadata':"
        + "{'name':'web'},'spec':{'ports':[{'port':80},{'port':443,'targetPort':8443}]}}"),
        WriteFence.NONE);
    assertThat(service.at("/spec/ports/0/targetPort").asInt()).isEqualTo(80);
    assertThat(service.at("/spec/ports/1/targetPort").asInt()).isEqualTo(8443);
  }
}
