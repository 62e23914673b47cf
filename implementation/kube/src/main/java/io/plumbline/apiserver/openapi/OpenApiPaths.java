package io.plumbline.apiserver.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbline.apiserver.api.Json;
import io.plumbline.apiserver.api.PatchType;
import io.plumbline.apiserver.api.ResourceType;
import java.util.List;

/**
 * The operations of the served resources, one path item per URL as kube-apiserver publishes them,
 * each with {@code x-kubernetes-action} and {@code x-kubernetes-group-version-kind}. kubectl reads
 * the PATCH operations' query parameters to learn that the server checks {@code fieldValidation}
 * itself (then {@code --validate=strict} is done by the server).
 */
final class OpenApiPaths {
  private final TypeSchemas schemas;
  private final TypeSchemas.Flavor flavor;

  OpenApiPaths(TypeSchemas schemas, TypeSchemas.Flavor flavor) {
    this.schemas = schemas;
    this.flavor = flavor;
  }

  /** Adds the path items of {@code type} to {@code paths}. */
  void add(ObjectNode paths, ResourceType type) {
    String base = type.group().isEmpty() ? "/api/" + type.version()
        : "/apis/" + type.group() + "/" + type.version();
    String collection = base + (type.namespaced() ? "/namespaces/{namespace}/" : "/")
        + type.plural();
    ObjectNode items = paths.putObject(collection);
    items.set("get", operation(type, "list", true, false, "labelSelector", "fieldSelector",
        "limit", "continue", "resourceVersion", "resourceVersionMatch", "watch"));
    items.set("post", operation(type, "post", false, true, "dryRun", "fieldManager",
        "fieldValidation"));
    pathParams(items, type.namespaced(), false);
    ObjectNode item = paths.putObject(collection + "/{name}");
    item.set("get", operation(type, "get", false, false));
    item.set("put", operation(type, "put", false, true, "dryRun", "fieldManager",
        "fieldValidation"));
    ObjectNode patch = operation(type, "patch", false, false, "dryRun", "fieldManager",
        "fieldValidation", "force");
    patchBody(patch, type);
    item.set("patch", patch);
    item.set("delete", operation(type, "delete", false, false, "dryRun", "propagationPolicy"));
    pathParams(item, type.namespaced(), true);
    if (type.namespaced()) {
      ObjectNode all = paths.putObject(base + "/" + type.plural());
      all.set("get", operation(type, "list", true, false, "labelSelector", "fieldSelector",
          "limit", "continue", "resourceVersion", "resourceVersionMatch", "watch"));
    }
  }

  private ObjectNode operation(ResourceType type, String action, boolean list, boolean body,
      String... queryParams) {
    ObjectNode op = Json.object().put("operationId", action + type.kind() + (list ? "List" : ""))
        .put("x-kubernetes-action", action);
    op.putObject("x-kubernetes-group-version-kind").put("group", type.group())
        .put("version", type.version()).put("kind", type.kind());
    ArrayNode params = op.putArray("parameters");
    for (String q : queryParams) {
      params.add(parameter(q, "query", false, q.equals("limit") ? "integer"
          : q.equals("watch") || q.equals("force") ? "boolean" : "string"));
    }
    String definition = TypeSchemas.name(type, list);
    if (body) {
      requestBody(op, List.of("application/json", "application/vnd.kubernetes.protobuf"),
          definition);
    }
    ObjectNode ok = op.putObject("responses").putObject("200").put("description", "OK");
    if (flavor == TypeSchemas.Flavor.V2) {
      ok.set("schema", schemas.ref(definition));
    } else {
      ok.putObject("content").putObject("application/json").set("schema", schemas.ref(definition));
    }
    return op;
  }

  private void patchBody(ObjectNode op, ResourceType type) {
    List<String> types = java.util.Arrays.stream(PatchType.values()).map(PatchType::contentType)
        .toList();
    if (flavor == TypeSchemas.Flavor.V2) {
      op.putArray("consumes").addAll(types.stream()
          .map(t -> Json.MAPPER.getNodeFactory().textNode(t)).toList());
      ((ArrayNode) op.get("parameters")).addObject().put("name", "body").put("in", "body")
          .put("required", true).putObject("schema").put("type", "object");
    } else {
      ObjectNode content = op.putObject("requestBody").putObject("content");
      types.forEach(t -> content.putObject(t).putObject("schema").put("type", "object"));
    }
  }

  private void requestBody(ObjectNode op, List<String> types, String definition) {
    if (flavor == TypeSchemas.Flavor.V2) {
      ((ArrayNode) op.get("parameters")).addObject().put("name", "body").put("in", "body")
          .put("required", true).set("schema", schemas.ref(definition));
    } else {
      ObjectNode content = op.putObject("requestBody").putObject("content");
      types.forEach(t -> content.putObject(t).set("schema", schemas.ref(definition)));
    }
  }

  private void pathParams(ObjectNode item, boolean namespaced, boolean named) {
    ArrayNode params = item.putArray("parameters");
    if (named) {
      params.add(parameter("name", "path", true, "string"));
    }
    if (namespaced) {
      params.add(parameter("namespace", "path", true, "string"));
    }
  }

  private ObjectNode parameter(String name, String in, boolean required, String type) {
    ObjectNode p = Json.object().put("name", name).put("in", in);
    if (required) {
      p.put("required", true);
    }
    if (flavor == TypeSchemas.Flavor.V2) {
      p.put("type", type);
    } else {
      p.putObject("schema").put("type", type);
    }
    return p;
  }
}
