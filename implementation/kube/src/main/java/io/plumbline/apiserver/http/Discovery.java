package io.plumbline.apiserver.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbline.apiserver.api.Json;
import io.plumbline.apiserver.api.ResourceType;
import io.plumbline.apiserver.api.Resources;
import java.util.List;

/**
 * The discovery documents kubectl reads before anything else. Each resource lists name,
 * namespaced, kind, verbs and shortNames (without shortNames {@code kubectl get rc} fails), and
 * its subresources, {@code replicationcontrollers/scale} being an {@code autoscaling/v1 Scale}.
 */
final class Discovery {
  private Discovery() {}

  /** What {@code kubectl get all} lists, as in Kubernetes. */
  private static final List<ResourceType> IN_CATEGORY_ALL = List.of(Resources.PODS,
      Resources.SERVICES, Resources.REPLICATION_CONTROLLERS);

  /** The Kubernetes version this server reports, matching the kubectl it was tested with. */
  static ObjectNode version() {
    return Json.object().put("major", "1").put("minor", "32").put("gitVersion", "v1.32.0-plumbline")
        .put("gitCommit", "plumbline").put("gitTreeState", "clean")
        .put("buildDate", "2026-01-01T00:00:00Z").put("goVersion", "java17")
        .put("compiler", "javac").put("platform", "linux/amd64");
  }

  /** {@code GET /api}: the core group's versions. */
  static ObjectNode coreVersions(String serverAddress) {
    ObjectNode doc = Json.object().put("kind", "APIVersions");
    doc.putArray("versions").add("v1");
    doc.putArray("serverAddressByClientCIDRs").addObject().put("clientCIDR", "0.0.0.0/0")
        .put("serverAddress", serverAddress);
    return doc;
  }

  /** {@code GET /apis}: every named group. */
  static ObjectNode groups() {
    ObjectNode doc = Json.object().put("kind", "APIGroupList").put("apiVersion", "v1");
    ArrayNode groups = doc.putArray("groups");
    for (String group : servedGroups()) {
      ObjectNode g = groups.addObject().put("name", group);
      ObjectNode v = Json.object().put("groupVersion", group + "/v1").put("version", "v1");
      g.putArray("versions").add(v);
      g.set("preferredVersion", v.deepCopy());
    }
    return doc;
  }

  /** The named groups: the stored resources' and {@code authorization.k8s.io} (access reviews). */
  static List<String> servedGroups() {
    List<String> groups = new java.util.ArrayList<>(Resources.groups());
    groups.add(AccessReviews.GROUP);
    return groups;
  }

  /** {@code GET /apis/<group>}: one group. */
  static ObjectNode group(String group) {
    ObjectNode doc = Json.object().put("kind", "APIGroup").put("apiVersion", "v1")
        .put("name", group);
    ObjectNode v = Json.object().put("groupVersion", group + "/v1").put("version", "v1");
    doc.putArray("versions").add(v);
    doc.set("preferredVersion", v.deepCopy());
    return doc;
  }

  /** {@code GET /api/v1} or {@code /apis/<group>/<version>}: the resources served there. */
  static ObjectNode resources(String group, String version) {
    String gv = group.isEmpty() ? version : group + "/" + version;
    ObjectNode doc = Json.object().put("kind", "APIResourceList").put("apiVersion", "v1")
        .put("groupVersion", gv);
    ArrayNode list = doc.putArray("resources");
    for (ResourceType t : Resources.ALL) {
      if (t.group().equals(group) && t.version().equals(version)) {
        ObjectNode r = list.addObject().put("name", t.plural()).put("singularName", t.singular())
            .put("namespaced", t.namespaced()).put("kind", t.kind());
        strings(r.putArray("verbs"), ResourceType.VERBS);
        strings(r.putArray("shortNames"), t.shortNames());
        if (IN_CATEGORY_ALL.contains(t)) {
          r.putArray("categories").add("all");
        }
        subresources(list, t);
      }
    }
    if (group.equals(AccessReviews.GROUP)) {
      AccessReviews.discovery(doc);
    }
    return doc;
  }

  private static void subresources(ArrayNode list, ResourceType t) {
    if (t.hasStatus()) {
      ObjectNode s = list.addObject().put("name", t.plural() + "/status").put("singularName", "")
          .put("namespaced", t.namespaced()).put("kind", t.kind());
      strings(s.putArray("verbs"), List.of("get", "patch", "update"));
    }
    if (t.hasScale()) {
      ObjectNode s = list.addObject().put("name", t.plural() + "/scale").put("singularName", "")
          .put("namespaced", t.namespaced()).put("group", "autoscaling").put("version", "v1")
          .put("kind", "Scale");
      strings(s.putArray("verbs"), List.of("get", "patch", "update"));
    }
    if (t == io.plumbline.apiserver.api.Resources.PODS) {
      // Listed as kube-apiserver lists it, so kubectl reads "pods/binding" as a subresource
      // (`kubectl auth can-i create pods/binding`) rather than as a pod named "binding".
      ObjectNode s = list.addObject().put("name", "pods/binding").put("singularName", "")
          .put("namespaced", true).put("kind", "Binding");
      strings(s.putArray("verbs"), List.of("create"));
    }
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }
}
