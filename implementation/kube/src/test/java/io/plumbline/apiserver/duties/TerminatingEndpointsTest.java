package io.plumbline.apiserver.duties;

import static io.plumbline.testing.JsonLiteral.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbline.apiserver.api.Json;
import io.plumbline.apiserver.api.ObjectService;
import io.plumbline.apiserver.api.Resources;
import io.plumbline.apiserver.api.WriteFence;
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
 * Pods on their way out, as Kubernetes' endpoints and EndpointSlice controllers treat them: a pod
 * with a {@code deletionTimestamp} leaves the Endpoints (neither {@code addresses} nor
 * {@code notReadyAddresses}) but stays in the EndpointSlice as {@code terminating}, {@code ready}
 * false and {@code serving} as its readiness; a service with {@code publishNotReadyAddresses}
 * lists every pod, terminating or not, as a ready address; a finished pod (Succeeded) is in
 * neither. One pass of the real controller over an in-memory store.
 */
class TerminatingEndpointsTest {
  private static final Clock CLOCK = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);
  private final ObjectService objects =
      new ObjectService(new InMemoryObjectStore(), CLOCK, new Random(3));

  private void node(String name, boolean ready) {
    TestObjects.node(objects, name, ready);
  }

  private void pod(String name, String nodeName) {
    objects.create(Resources.PODS, "default", json("{'metadata':{'name':'" + name + "',"
        + "'labels':{'app':'web'}},'spec':{'nodeName':'" + nodeName + "','containers':"
        + "[{'name':'c','image':'nginx'}]}}"), WriteFence.NONE);
  }

  private void change(String pod, java.util.function.Consumer<ObjectNode> edit) {
    objects.mutate(Resources.PODS, "default", pod, "", p -> {
      edit.accept(p);
      return p;
    }, WriteFence.NONE);
  }

  private void service(String name, boolean publishNotReady) {
    objects.create(Resources.SERVICES, "default", json("{'metadata':{'name':'" + name + "'},"
        + "'spec':{'selector':{'app':'web'},'publishNotReadyAddresses':" + publishNotReady
        + ",'ports':[{'port':80,'targetPort':8080}]}}"), WriteFence.NONE);
  }

  /** web-a Ready, web-b Ready and terminating, web-c not Ready, web-d not Ready and terminating. */
  @BeforeEach
  void podsInEveryState() {
    objects.bootstrapNamespaces();
    node("up", true);
    node("down", false);
    pod("web-a", "up");
    pod("web-b", "up");
    pod("web-c", "down");
    pod("web-d", "down");
    pod("web-e", "up");
    new Scheduler(objects, CLOCK, new Random(3), false).run();
    for (String leaving : List.of("web-b", "web-d")) {
      change(leaving, p -> Json.child(p, "metadata").put("deletionTimestamp",
          "1970-01-01T00:00:30Z"));
    }
    change("web-e", p -> Json.child(p, "status").put("phase", "Succeeded"));
    service("web", false);
    service("web-all", true);
    new EndpointsController(objects).run();
  }

  private List<String> names(String service, String field) {
    List<String> names = new ArrayList<>();
    objects.get(Resources.ENDPOINTS, "default", service).path("subsets").path(0).path(field)
        .forEach(a -> names.add(a.at("/targetRef/name").asText()));
    return names;
  }

  /** Each slice endpoint as "pod ready/serving/terminating". */
  private List<String> slice(String service) {
    List<String> endpoints = new ArrayList<>();
    for (JsonNode e : objects.get(Resources.ENDPOINT_SLICES, "default", service)
        .path("endpoints")) {
      JsonNode c = e.path("conditions");
      endpoints.add(e.at("/targetRef/name").asText() + " " + c.path("ready").asBoolean() + "/"
          + c.path("serving").asBoolean() + "/" + c.path("terminating").asBoolean());
    }
    return endpoints;
  }

  @Test
  void terminatingPodsLeaveTheEndpointsAndStayInTheSliceAsTerminating() {
    assertThat(names("web", "addresses")).containsExactly("web-a");
    assertThat(names("web", "notReadyAddresses")).containsExactly("web-c");
    assertThat(slice("web")).containsExactlyInAnyOrder("web-a true/true/false",
        "web-b false/true/true", "web-c false/false/false", "web-d false/false/true");
  }

  @Test
  void publishNotReadyAddressesListsEveryPodTerminatingOrNotAsReady() {
    assertThat(names("web-all", "addresses"))
        .containsExactlyInAnyOrder("web-a", "web-b", "web-c", "web-d");
    assertThat(names("web-all", "notReadyAddresses")).isEmpty();
    assertThat(slice("web-all")).containsExactlyInAnyOrder("web-a true/true/false",
        "web-b true/true/true", "web-c true/false/false", "web-d true/false/true");
  }
}
