package io.plumbline.apiserver.api;

import static io.plumbline.testing.JsonLiteral.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbline.apiserver.http.LeaseFencing;
import io.plumbline.apiserver.store.InMemoryObjectStore;
import io.plumbline.apiserver.store.StoreEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Write rules of the object service that no HTTP test states, on an in-memory store whose history
 * shows every write: a create never makes an object that is already being deleted, a pod is bound
 * once, a fenced delete is refused to a deposed generation like any other fenced write, and a
 * generation the Lease has not reached is refused too.
 */
class WriteRulesTest {
  private final InMemoryObjectStore store = new InMemoryObjectStore();
  private final ObjectService objects =
      new ObjectService(store, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), new Random(11));

  private static ObjectNode pod(String name, String metadataExtra) {
    return json("{'metadata':{'name':'" + name + "'" + metadataExtra + "},'spec':{'containers':"
        + "[{'name':'c','image':'nginx'}]}}");
  }

  @BeforeEach
  void namespaces() {
    objects.bootstrapNamespaces();
  }

  @Test
  void aCreatedObjectIsNeverBornTerminating() {
    objects.create(Resources.PODS, "default",
        pod("p", ",'deletionTimestamp':'1970-01-01T00:00:01Z'"), WriteFence.NONE);
    assertThat(store.history()).filteredOn(e -> e.key().endsWith("/pods/default/p"))
        .extracting(e -> Json.text(Json.parse(e.current()), "metadata.deletionTimestamp"))
        .containsOnly("");
  }

  /**
   * kube-apiserver: a client never sets, moves or clears {@code metadata.deletionTimestamp}
   * ({@code rest.BeforeUpdate} keeps a set one; {@code ValidateObjectMetaUpdate} makes setting one
   * on a live object 422 "field is immutable"). Over PUT, merge, strategic and JSON patches and
   * apply; nothing is written for the 422s, and the mark only a delete sets survives each try.
   */
  @Test
  void noUpdateOrPatchSetsMovesOrClearsTheDeletionTimestamp() {
    objects.create(Resources.PODS, "default", pod("p", ""), WriteFence.NONE);
    long before = store.revision();
    ObjectNode put = objects.get(Resources.PODS, "default", "p");
    Json.child(put, "metadata").put("deletionTimestamp", "2026-12-08T00:00:00Z");
    immutable(() -> objects.update(Resources.PODS, "default", "p", put, Part.MAIN,
        WriteFence.NONE));
    for (PatchType type : List.of(PatchType.MERGE, PatchType.STRATEGIC)) {
      immutable(() -> objects.patch(Resources.PODS, "default", "p", type,
          json("{'metadata':{'deletionTimestamp':'2026-12-08T00:00:00Z'}}"), Part.MAIN,
          WriteFence.NONE));
    }
    immutable(() -> objects.patch(Resources.PODS, "default", "p", PatchType.JSON_PATCH,
        jsonPatch("add", "'value':'x',"), Part.MAIN,
        WriteFence.NONE));
    assertThat(store.revision()).isEqualTo(before);

    String mark = "2026-12-08T01:02:03Z";
    objects.mutate(Resources.PODS, "default", "p", "", o -> {
      Json.child(o, "metadata").put("deletionTimestamp", mark); // as a delete marks it
      return o;
    }, WriteFence.NONE);
    ObjectNode clear = objects.get(Resources.PODS, "default", "p");
    Json.child(clear, "metadata").remove("deletionTimestamp");
    Json.child(clear, "metadata").putObject("labels").put("step", "put");
    objects.update(Resources.PODS, "default", "p", clear, Part.MAIN, WriteFence.NONE);
    objects.patch(Resources.PODS, "default", "p", PatchType.MERGE,
        json("{'metadata':{'deletionTimestamp':null,'labels':{'step':'merge'}}}"), Part.MAIN,
        WriteFence.NONE);
    objects.patch(Resources.PODS, "default", "p", PatchType.MERGE,
        json("{'metadata':{'deletionTimestamp':'1999-01-01T00:00:00Z'}}"), Part.MAIN,
        WriteFence.NONE);
    objects.patch(Resources.PODS, "default", "p", PatchType.JSON_PATCH,
        jsonPatch("remove", ""), Part.MAIN,
        WriteFence.NONE);
    ObjectNode now = objects.get(Resources.PODS, "default", "p");
    assertThat(Json.text(now, "metadata.labels.step")).isEqualTo("merge");
    assertThat(Json.text(now, "metadata.deletionTimestamp")).isEqualTo(mark);
  }

  private static com.fasterxml.jackson.databind.JsonNode jsonPatch(String op, String value) {
    return Json.MAPPER.createArrayNode().add(json("{'op':'" + op + "'," + value
        + "'path':'/metadata/deletionTimestamp'}"));
  }

  private static void immutable(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOfSatisfying(ApiError.class,
        e -> assertThat(e.code()).isEqualTo(422))
        .hasMessageContaining("metadata.deletionTimestamp: Invalid value: ")
        .hasMessageContaining("field is immutable");
  }

  @Test
  void aPodIsBoundOnceASecondBindingIsAConflictAndWritesNothing() {
    objects.create(Resources.PODS, "default", pod("p", ""), WriteFence.NONE);
    Bindings.bind(objects, "default", "p", json("{'target':{'name':'n1'}}"), WriteFence.NONE);
    long before = store.revision();
    assertThatThrownBy(() -> Bindings.bind(objects, "default", "p",
        json("{'target':{'name':'n2'}}"), WriteFence.NONE))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo(409));
    assertThat(store.revision()).isEqualTo(before);
    assertThat(Json.text(objects.get(Resources.PODS, "default", "p"), "spec.nodeName"))
        .isEqualTo("n1");
  }

  @Test
  void aDeposedGenerationsDeleteIsRefusedAndTheObjectStays() {
    objects.create(Resources.LEASES, "kube-system", json("{'metadata':{'name':'cm'},'spec':"
        + "{'holderIdentity':'b','leaseDurationSeconds':15,'leaseTransitions':2}}"),
        WriteFence.NONE);
    objects.create(Resources.PODS, "default", pod("p", ""), WriteFence.NONE);
    LeaseFencing fencing = new LeaseFencing(store, true);
    assertThatThrownBy(() -> objects.delete(Resources.PODS, "default", "p", json("{}"),
        fencing.fenceFor("kube-system/cm=1")))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo(409))
        .hasMessageContaining("fenced off");
    assertThat(objects.find(Resources.PODS, "default", "p")).isPresent();
    assertThat(store.history()).noneMatch(e -> e.type() == StoreEvent.Type.DELETE);
    objects.delete(Resources.PODS, "default", "p", json("{}"),
        fencing.fenceFor("kube-system/cm=2"));
    assertThat(objects.find(Resources.PODS, "default", "p")).isEmpty();
  }

  /**
   * The fence admits a write only at the Lease's generation exactly ({@code Admissible(w) ==
   * w.term = lease.transitions} in spec/election/LeaseElection.tla): a generation the Lease has
   * not reached is no leader's, and is refused as a stale one is.
   */
  @Test
  void aGenerationTheLeaseHasNotReachedIsRefusedLikeAStaleOne() {
    objects.create(Resources.LEASES, "kube-system", json("{'metadata':{'name':'cm'},'spec':"
        + "{'holderIdentity':'b','leaseDurationSeconds':15,'leaseTransitions':2}}"),
        WriteFence.NONE);
    long before = store.revision();
    LeaseFencing fencing = new LeaseFencing(store, true);
    assertThatThrownBy(() -> objects.create(Resources.PODS, "default", pod("p", ""),
        fencing.fenceFor("kube-system/cm=3")))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo(409))
        .hasMessageContaining("fenced off");
    assertThat(store.revision()).isEqualTo(before);
  }

  /**
   * A claim names its Lease by namespace and name: a Lease of the same name in another namespace
   * (another controller's election, or a tenant's) neither admits nor refuses it.
   */
  @Test
  void aClaimIsCheckedAgainstTheLeaseOfTheNamespaceItNames() {
    objects.create(Resources.NAMESPACES, null, json("{'metadata':{'name':'team'}}"),
        WriteFence.NONE);
    objects.create(Resources.LEASES, "kube-system", json("{'metadata':{'name':'cm'},'spec':"
        + "{'holderIdentity':'a','leaseDurationSeconds':15,'leaseTransitions':1}}"),
        WriteFence.NONE);
    objects.create(Resources.LEASES, "team", json("{'metadata':{'name':'cm'},'spec':"
        + "{'holderIdentity':'t','leaseDurationSeconds':15,'leaseTransitions':7}}"),
        WriteFence.NONE);
    LeaseFencing fencing = new LeaseFencing(store, true);
    objects.create(Resources.PODS, "default", pod("by-team", ""), fencing.fenceFor("team/cm=7"));
    long before = store.revision();
    assertThatThrownBy(() -> objects.create(Resources.PODS, "default", pod("stale", ""),
        fencing.fenceFor("team/cm=1")))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo(409))
        .hasMessageContaining("fenced off");
    assertThat(store.revision()).isEqualTo(before);
  }

  /**
   * kube-apiserver's {@code BindingREST}: "pod p is being deleted, cannot be assigned to a host"
   * (a plain error, so a 500), and nothing is written.
   */
  @Test
  void aPodBeingDeletedIsNeverBound() {
    objects.create(Resources.PODS, "default", pod("p", ""), WriteFence.NONE);
    objects.mutate(Resources.PODS, "default", "p", "", o -> {
      Json.child(o, "metadata").put("deletionTimestamp", "2026-12-08T00:00:00Z");
      return o;
    }, WriteFence.NONE);
    long before = store.revision();
    assertThatThrownBy(() -> Bindings.bind(objects, "default", "p",
        json("{'target':{'name':'n1'}}"), WriteFence.NONE))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo(500))
        .hasMessage("pod p is being deleted, cannot be assigned to a host");
    assertThat(store.revision()).isEqualTo(before);
  }
}
