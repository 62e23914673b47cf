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
 * and counts changes of the spec only; a PUT naming another {@code uid} is a 409 and a patch
 * changing it a 422, a changed {@code creationTimestamp} is ignored, and an update whose body
 * names another object is a 400; an update that changes nothing writes nothing (no new
 * resourceVersion, no watch event); an update without a resourceVersion that loses a race is
 * applied again to the fresh object; a delete whose uid precondition names another incarnation is
 * a 409; a background delete keeps a dependent another owner still holds; an orphaning delete marks the owner as being deleted before it frees any dependent; a new
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

  /**
   * {@code metadata.generation} is the server's count, not the client's: Kubernetes' update
   * strategies copy the old generation over whatever the body says and add one only when the spec
   * changed ({@code rcStrategy.PrepareForUpdate}), so a controller comparing
   * {@code status.observedGeneration} with it can never be told a spec change was seen when it
   * was not.
   */
  @Test
  void generationIsTheServersCountWhateverTheBodySays() {
    objects.create(Resources.REPLICATION_CONTROLLERS, "default", rc("web", 1), WriteFence.NONE);
    assertThat(mergePatch(Resources.REPLICATION_CONTROLLERS, "web",
        "{'metadata':{'generation':7}}", Part.MAIN).at("/metadata/generation").asLong())
        .as("generation alone").isEqualTo(1);
    ObjectNode put = objects.get(Resources.REPLICATION_CONTROLLERS, "default", "web");
    Json.child(put, "metadata").put("generation", 40);
    Json.child(put, "spec").put("replicas", 2);
    assertThat(objects.update(Resources.REPLICATION_CONTROLLERS, "default", "web", put,
        Part.MAIN, WriteFence.NONE).at("/metadata/generation").asLong())
        .as("a PUT that changes the spec").isEqualTo(2);
  }

  /**
   * kube-apiserver takes the uid of a PUT body as a precondition ({@code defaultUpdatedObjectInfo
   * .Preconditions}): another uid is a 409 Conflict "Precondition failed: UID in precondition: …"
   * and nothing is written; a patch has no precondition, and a uid it changes is an immutable
   * field (422). A changed {@code creationTimestamp} is ignored ({@code BeforeUpdate} keeps the
   * old one), and a body without a uid keeps the object's.
   */
  @Test
  void aPutNamingAnotherUidIsAConflictAndAPatchChangingItIsInvalid() {
    ObjectNode created = objects.create(Resources.PODS, "default", pod("p"), WriteFence.NONE);
    String uid = Json.text(created, "metadata.uid");
    String other = "00000000-0000-4000-8000-000000000000";
    long before = store.revision();
    ObjectNode body = created.deepCopy();
    Json.child(body, "metadata").put("uid", other).putObject("labels").put("app", "db");
    for (Part part : Part.values()) {
      assertThatThrownBy(() -> objects.update(Resources.PODS, "default", "p", body, part,
          WriteFence.NONE)).as(part.name()).isInstanceOfSatisfying(ApiError.class, e -> {
            assertThat(e.code()).isEqualTo(409);
            assertThat(e.getMessage()).isEqualTo("Operation cannot be fulfilled on pods \"p\": "
                + "Precondition failed: UID in precondition: " + other
                + ", UID in object meta: " + uid);
          });
    }
    assertThatThrownBy(() -> mergePatch(Resources.PODS, "p",
        "{'metadata':{'uid':'" + other + "'}}", Part.MAIN))
        .isInstanceOfSatisfying(ApiError.class, e -> {
          assertThat(e.code()).isEqualTo(422);
          assertThat(e.getMessage()).isEqualTo("Pod \"p\" is invalid: metadata.uid: "
              + "Invalid value: \"" + other + "\": field is immutable");
        });
    assertThat(store.revision()).as("nothing written").isEqualTo(before);

    ObjectNode withoutUid = created.deepCopy();
    Json.child(withoutUid, "metadata").remove("uid");
    Json.child(withoutUid, "metadata").put("creationTimestamp", "2001-01-01T00:00:00Z")
        .putObject("labels").put("app", "db");
    ObjectNode updated = objects.update(Resources.PODS, "default", "p", withoutUid, Part.MAIN,
        WriteFence.NONE);
    assertThat(Json.text(updated, "metadata.labels.app")).isEqualTo("db");
    for (ObjectNode seen : new ObjectNode[] {updated, objects.get(Resources.PODS, "default",
        "p")}) {
      assertThat(Json.text(seen, "metadata.uid")).isEqualTo(uid);
      assertThat(Json.text(seen, "metadata.creationTimestamp"))
          .isEqualTo(Json.text(created, "metadata.creationTimestamp"));
    }
  }

  /**
   * Background propagation ends as Kubernetes' garbage collector ends it: a dependent none of
   * whose other owners exists is deleted; one that another owner still holds stays and loses only
   * its dangling references; an owner of a kind the server does not serve is not taken as gone.
   */
  @Test
  void aBackgroundDeleteKeepsADependentThatAnotherOwnerStillHolds() {
    String rcUid = Json.text(objects.create(Resources.REPLICATION_CONTROLLERS, "default",
        rc("web", 0), WriteFence.NONE), "metadata.uid");
    String cmUid = Json.text(objects.create(Resources.CONFIG_MAPS, "default",
        json("{'metadata':{'name':'settings'}}"), WriteFence.NONE), "metadata.uid");
    String gone = "00000000-0000-4000-8000-00000000dead";
    ownedPod("only-rc", ref("v1", "ReplicationController", "web", rcUid));
    ownedPod("rc-and-cm", ref("v1", "ReplicationController", "web", rcUid),
        ref("v1", "ConfigMap", "settings", cmUid), ref("v1", "ConfigMap", "old", gone));
    ownedPod("rc-and-gone", ref("v1", "ReplicationController", "web", rcUid),
        ref("v1", "ConfigMap", "settings", gone));
    ownedPod("rc-and-unserved", ref("v1", "ReplicationController", "web", rcUid),
        ref("example.com/v1", "Widget", "w", gone));

    objects.delete(Resources.REPLICATION_CONTROLLERS, "default", "web", json("{}"),
        WriteFence.NONE);

    assertThat(objects.find(Resources.PODS, "default", "only-rc")).isEmpty();
    assertThat(objects.find(Resources.PODS, "default", "rc-and-gone"))
        .as("a ConfigMap of that name but another uid is not its owner").isEmpty();
    assertThat(objects.get(Resources.PODS, "default", "rc-and-cm")
        .at("/metadata/ownerReferences").findValuesAsText("uid")).containsExactly(cmUid);
    assertThat(objects.get(Resources.PODS, "default", "rc-and-unserved")
        .at("/metadata/ownerReferences").findValuesAsText("kind")).containsExactly("Widget");
  }

  private static ObjectNode ref(String apiVersion, String kind, String name, String uid) {
    return json("{'apiVersion':'" + apiVersion + "','kind':'" + kind + "','name':'" + name
        + "','uid':'" + uid + "'}");
  }

  private void ownedPod(String name, ObjectNode... owners) {
    ObjectNode pod = pod(name);
    com.fasterxml.jackson.databind.node.ArrayNode refs =
        Json.child(pod, "metadata").putArray("ownerReferences");
    for (ObjectNode o : owners) {
      refs.add(o);
    }
    objects.create(Resources.PODS, "default", pod, WriteFence.NONE);
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

  /**
   * Kubernetes' defaulting (pkg/apis/core/v1/defaults.go): a container port and a service port
   * without protocol are TCP, a pod's restartPolicy is Always, and an RC takes its template's
   * labels only when it has none of its own (SetDefaults_ReplicationController).
   */
  @Test
  void portsAreTcpPodsRestartAlwaysAndAnRcKeepsItsOwnLabels() {
    ObjectNode pod = pod("p");
    ((ObjectNode) pod.at("/spec/containers/0")).putArray("ports").addObject()
        .put("name", "http").put("containerPort", 8080);
    ObjectNode created = objects.create(Resources.PODS, "default", pod, WriteFence.NONE);
    assertThat(created.at("/spec/containers/0/ports/0/protocol").asText()).isEqualTo("TCP");
    assertThat(created.at("/spec/restartPolicy").asText()).isEqualTo("Always");
    assertThat(objects.create(Resources.SERVICES, "default", json("{'metadata':{'name':'web'},"
        + "'spec':{'ports':[{'port':80}]}}"), WriteFence.NONE)
        .at("/spec/ports/0/protocol").asText()).isEqualTo("TCP");

    ObjectNode labelled = rc("labelled", 0);
    Json.child(labelled, "metadata").putObject("labels").put("tier", "front");
    assertThat(objects.create(Resources.REPLICATION_CONTROLLERS, "default", labelled,
        WriteFence.NONE).at("/metadata/labels").toString()).isEqualTo("{\"tier\":\"front\"}");
    assertThat(objects.create(Resources.REPLICATION_CONTROLLERS, "default", rc("bare", 0),
        WriteFence.NONE).at("/metadata/labels").toString()).isEqualTo("{\"app\":\"web\"}");
  }

  /**
   * SetDefaults_ReplicationController tests {@code len(obj.Spec.Selector) == 0} and
   * {@code len(obj.Labels) == 0}: an empty selector or empty labels, as written
   * ({@code selector: {}}), are defaulted from the template exactly as absent ones are, so such
   * an RC is valid and selects its template's pods.
   */
  @Test
  void anEmptySelectorOrEmptyLabelsOfAnRcAreTheTemplatesLabels() {
    ObjectNode empty = rc("empty", 0);
    Json.child(empty, "spec").putObject("selector");
    Json.child(empty, "metadata").putObject("labels");
    ObjectNode created = objects.create(Resources.REPLICATION_CONTROLLERS, "default", empty,
        WriteFence.NONE);
    assertThat(created.at("/spec/selector").toString()).isEqualTo("{\"app\":\"web\"}");
    assertThat(created.at("/metadata/labels").toString()).isEqualTo("{\"app\":\"web\"}");
  }

  /**
   * A {@code /status} write changes no spec and, as kube-apiserver's pod status strategy resets
   * them, neither {@code ownerReferences} nor {@code deletionTimestamp} (old kubelets corrupted
   * owner references through it, which broke garbage collection).
   */
  @Test
  void aStatusWriteLeavesSpecOwnerReferencesAndDeletionTimestampAlone() {
    ObjectNode created = objects.create(Resources.PODS, "default", pod("p"), WriteFence.NONE);
    ObjectNode body = created.deepCopy();
    Json.child(body, "metadata").put("deletionTimestamp", "2001-01-01T00:00:00Z")
        .putArray("ownerReferences").add(json("{'apiVersion':'v1','kind':'ConfigMap',"
            + "'name':'x','uid':'00000000-0000-4000-8000-000000000001'}"));
    Json.child(body, "spec").put("nodeName", "n9");
    Json.child(body, "status").put("phase", "Running");
    ObjectNode updated = objects.update(Resources.PODS, "default", "p", body, Part.STATUS,
        WriteFence.NONE);
    assertThat(Json.text(updated, "status.phase")).isEqualTo("Running");
    assertThat(updated.get("spec")).isEqualTo(created.get("spec"));
    assertThat(updated.at("/metadata/ownerReferences").isMissingNode()).isTrue();
    assertThat(updated.at("/metadata/deletionTimestamp").isMissingNode()).isTrue();
  }

  /**
   * kube-apiserver's {@code patchAllocatedValues}: a PUT or patch of a Service that leaves out
   * {@code spec.clusterIP} (as {@code kubectl replace -f} of the original file does) keeps the
   * address it was given; it used to be dropped.
   */
  @Test
  void aServiceKeepsItsClusterIpWhenAnUpdateLeavesItOut() {
    ObjectNode created = objects.create(Resources.SERVICES, "default", json("{'metadata':"
        + "{'name':'web'},'spec':{'selector':{'app':'web'},'ports':[{'port':80}]}}"),
        WriteFence.NONE);
    String ip = Json.text(created, "spec.clusterIP");
    assertThat(ip).startsWith("10.96.");
    ObjectNode replaced = objects.update(Resources.SERVICES, "default", "web", json("{'metadata':"
        + "{'name':'web'},'spec':{'selector':{'app':'web2'},'ports':[{'port':80}]}}"), Part.MAIN,
        WriteFence.NONE);
    assertThat(Json.text(replaced, "spec.clusterIP")).isEqualTo(ip);
    assertThat(replaced.at("/spec/clusterIPs/0").asText()).isEqualTo(ip);
    ObjectNode patched = objects.patch(Resources.SERVICES, "default", "web", PatchType.MERGE,
        json("{'spec':{'clusterIP':null,'clusterIPs':null}}"), Part.MAIN, WriteFence.NONE);
    assertThat(Json.text(patched, "spec.clusterIP")).isEqualTo(ip);
    assertThat(Json.text(objects.get(Resources.SERVICES, "default", "web"), "spec.selector.app"))
        .isEqualTo("web2");
  }

  /**
   * {@code SetDefaults_ReplicationController}: an RC that does not say how many replicas wants
   * one ({@code kubectl create -f} of a manifest without {@code replicas} runs one pod), while an
   * explicit 0 stays 0.
   */
  @Test
  void anRcWithoutReplicasWantsOne() {
    String template = "'template':{'metadata':{'labels':{'app':'web'}},'spec':{'containers':"
        + "[{'name':'c','image':'nginx'}]}}";
    ObjectNode unsaid = objects.create(Resources.REPLICATION_CONTROLLERS, "default",
        json("{'metadata':{'name':'unsaid'},'spec':{" + template + "}}"), WriteFence.NONE);
    assertThat(unsaid.at("/spec/replicas").asInt(-1)).isEqualTo(1);
    ObjectNode zero = objects.create(Resources.REPLICATION_CONTROLLERS, "default",
        json("{'metadata':{'name':'zero'},'spec':{'replicas':0," + template + "}}"),
        WriteFence.NONE);
    assertThat(zero.at("/spec/replicas").asInt(-1)).isZero();
  }
}
