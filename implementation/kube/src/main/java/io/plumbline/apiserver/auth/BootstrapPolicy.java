package io.plumbline.apiserver.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbline.apiserver.api.ApiError;
import io.plumbline.apiserver.api.Json;
import io.plumbline.apiserver.api.ObjectService;
import io.plumbline.apiserver.api.ResourceType;
import io.plumbline.apiserver.api.Resources;
import io.plumbline.apiserver.api.WriteFence;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The default ClusterRoles and ClusterRoleBindings ({@code bootstrap-policy.json} beside this
 * class): cluster-admin, discovery and public info, and one role per control-plane component
 * ({@code system:kube-controller-manager}, {@code system:kube-scheduler}, {@code system:node})
 * granting only what that component does. Created when absent, as kube-apiserver creates them;
 * an administrator's edits are kept.
 */
public final class BootstrapPolicy {
  private BootstrapPolicy() {}

  public static JsonNode document() {
    try (InputStream in = BootstrapPolicy.class.getResourceAsStream("bootstrap-policy.json")) {
      return Json.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("bootstrap-policy.json is unreadable", e);
    }
  }

  public static void ensure(ObjectService objects) {
    JsonNode doc = document();
    doc.path("clusterRoles").forEach(r -> createIfAbsent(objects, Resources.CLUSTER_ROLES, r));
    doc.path("clusterRoleBindings").forEach(b ->
        createIfAbsent(objects, Resources.CLUSTER_ROLE_BINDINGS, b));
  }

  private static void createIfAbsent(ObjectService objects, ResourceType type, JsonNode body) {
    ObjectNode object = body.deepCopy();
    object.put("apiVersion", type.apiVersion()).put("kind", type.kind());
    Json.child(Json.child(object, "metadata"), "labels")
        .put("kubernetes.io/bootstrapping", "rbac-defaults");
    try {
      objects.create(type, null, object, WriteFence.NONE);
    } catch (ApiError e) {
      if (e.code() != 409) {
        throw e;
      }
    }
  }
}
