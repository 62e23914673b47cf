package io.plumbline.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.plumbline.apiserver.api.ApiError;
import io.plumbline.apiserver.api.FieldLabels;
import io.plumbline.apiserver.api.FieldSelector;
import io.plumbline.apiserver.api.ListOptions;
import io.plumbline.apiserver.api.Json;
import io.plumbline.apiserver.api.LabelSelector;
import io.plumbline.apiserver.api.ObjectService;
import io.plumbline.apiserver.api.Part;
import io.plumbline.apiserver.api.PatchType;
import io.plumbline.apiserver.api.Scales;
import io.plumbline.apiserver.api.Tables;
import io.plumbline.apiserver.api.ServerSideApply;
import io.plumbline.apiserver.api.WriteFence;
import io.plumbline.apiserver.codec.FieldValidation;
import io.plumbline.apiserver.codec.MediaTypes;
import io.plumbline.apiserver.codec.Yaml;

/** Maps the REST verbs on one {@link RequestTarget} to {@link ObjectService} calls. */
final class ResourceHandler {
  private final ObjectService objects;
  private final Scales scales;
  private final WatchResponder watches;
  private final Fencing fencing;

  ResourceHandler(ObjectService objects, WatchResponder watches, Fencing fencing) {
    this.objects = objects;
    this.scales = new Scales(objects);
    this.watches = watches;
    this.fencing = fencing;
  }

  void get(Context ctx, RequestTarget t) throws Exception {
    if (t.name() == null) {
      LabelSelector labels = LabelSelector.parse(ctx.queryParam("labelSelector"));
      FieldSelector fields = FieldSelector.parse(ctx.queryParam("fieldSelector"));
      FieldLabels.check(t.type(), fields);
      if (isWatch(ctx)) {
        if (!MediaTypes.acceptsJson(ctx.header("Accept"))) {
          throw MediaTypes.notAcceptable(); // watch events are streamed as JSON only
        }
        watches.stream(ctx, t, labels, fields, wantsTable(ctx));
      } else {
        ObjectNode list = objects.list(t.type(), t.namespace(), labels, fields,
            ListOptions.parse(ctx.queryParam("resourceVersion"),
                ctx.queryParam("resourceVersionMatch"), ctx.queryParam("limit"),
                ctx.queryParam("continue")));
        ObjectNode answer = list;
        if (wantsTable(ctx)) {
          answer = asTable(t, list.get("items"), list.path("metadata").path("resourceVersion")
              .asText());
          if (list.path("metadata").has("continue")) {
            Json.child(answer, "metadata").set("continue", list.path("metadata").get("continue"));
          }
        }
        sendObject(ctx, 200, answer);
      }
      return;
    }
    requireNamespace(t);
    onlyPostOnBinding(t, "GET");
    ObjectNode result = "scale".equals(t.subresource())
        ? scales.get(t.type(), t.namespace(), t.name())
        : objects.get(t.type(), t.namespace(), t.name());
    if (wantsTable(ctx) && t.subresource() == null) {
      send(ctx, 200, asTable(t, Json.MAPPER.createArrayNode().add(result), ""));
      return;
    }
    sendObject(ctx, 200, result);
  }

  /** kubectl get asks for {@code application/json;as=Table;v=v1;g=meta.k8s.io}. */
  static boolean wantsTable(Context ctx) {
    String accept = ctx.header("Accept");
    return accept != null && accept.contains("as=Table");
  }

  private ObjectNode asTable(RequestTarget t, JsonNode items, String resourceVersion) {
    java.util.List<JsonNode> list = new java.util.ArrayList<>();
    items.forEach(list::add);
    return Tables.table(t.type(), list, resourceVersion, objects.now());
  }

  void post(Context ctx, RequestTarget t) {
    if (t.name() != null && "binding".equals(t.subresource())) {
      requireNamespace(t);
      ObjectNode binding = MediaTypes.readObject(ctx.contentType(), BoundedBody.read(ctx));
      ObjectService objects = writer(ctx, "CreateOptions", Json.object());
      sendObject(ctx, 201, io.plumbline.apiserver.api.Bindings.bind(objects, t.namespace(), t.name(), binding,
          guards(ctx)));
      return;
    }
    if (t.name() != null) {
      throw ApiError.methodNotAllowed("POST is not supported on a named " + t.type().singular());
    }
    requireNamespace(t);
    ObjectNode body = MediaTypes.readObject(ctx.contentType(), BoundedBody.read(ctx));
    validateFields(ctx, t, body);
    ObjectService objects = writer(ctx, "CreateOptions", Json.object());
    sendObject(ctx, 201, objects.create(t.type(), t.namespace(), body, guards(ctx)));
  }

  /** A binding is only created (POST), as in Kubernetes. */
  private static void onlyPostOnBinding(RequestTarget t, String method) {
    if ("binding".equals(t.subresource())) {
      throw ApiError.methodNotAllowed(method + " is not supported on pods/binding");
    }
  }

  void put(Context ctx, RequestTarget t) {
    onlyPostOnBinding(t, "PUT");
    requireName(t, "PUT");
    ObjectNode body = MediaTypes.readObject(ctx.contentType(), BoundedBody.read(ctx));
    validateFields(ctx, t, body);
    ObjectService objects = writer(ctx, "UpdateOptions", Json.object());
    ObjectNode result = "scale".equals(t.subresource())
        ? new Scales(objects).update(t.type(), t.namespace(), t.name(), body, guards(ctx))
        : objects.update(t.type(), t.namespace(), t.name(), body, part(t), guards(ctx));
    sendObject(ctx, 200, result);
  }

  void patch(Context ctx, RequestTarget t) {
    onlyPostOnBinding(t, "PATCH");
    requireName(t, "PATCH");
    PatchType type = PatchType.of(ctx.contentType());
    ObjectService objects = writer(ctx, "PatchOptions", Json.object());
    byte[] body = BoundedBody.read(ctx);
    JsonNode patch = type == PatchType.APPLY ? Yaml.parseObject(body) : Json.parse(body);
    if (type != PatchType.JSON_PATCH) {
      validateFields(ctx, t, patch);
    }
    ObjectNode result;
    if ("scale".equals(t.subresource())) {
      result = new Scales(objects).patch(t.type(), t.namespace(), t.name(), type, patch,
          guards(ctx));
    } else if (type == PatchType.APPLY) {
      result = ServerSideApply.apply(objects, t.type(), t.namespace(), t.name(),
          (ObjectNode) patch, part(t), ctx.queryParam("fieldManager"), guards(ctx));
    } else {
      result = objects.patch(t.type(), t.namespace(), t.name(), type, patch, part(t), guards(ctx));
    }
    sendObject(ctx, 200, result);
  }

  void delete(Context ctx, RequestTarget t) {
    requireName(t, "DELETE");
    if (t.subresource() != null) {
      throw ApiError.methodNotAllowed("DELETE is not supported on " + t.subresource());
    }
    byte[] body = BoundedBody.read(ctx);
    ObjectNode options = body.length == 0 ? Json.object()
        : MediaTypes.readObject(ctx.contentType(), body);
    if (ctx.queryParam("propagationPolicy") != null) {
      options.put("propagationPolicy", ctx.queryParam("propagationPolicy"));
    }
    ObjectService objects = writer(ctx, "DeleteOptions", options);
    sendObject(ctx, 200, objects.delete(t.type(), t.namespace(), t.name(), options,
        guards(ctx)));
  }

  /**
   * Unknown fields under the request's {@code fieldValidation}: Strict throws, Warn adds
   * {@code Warning} headers. The kind is the body's, else the target's (Scale on /scale).
   */
  private static void validateFields(Context ctx, RequestTarget t, JsonNode body) {
    boolean scale = "scale".equals(t.subresource());
    String apiVersion = scale ? "autoscaling/v1" : t.type().apiVersion();
    String kind = scale ? "Scale" : t.type().kind();
    for (String warning : FieldValidation.check(ctx.queryParam("fieldValidation"), apiVersion,
        kind, body)) {
      ctx.res().addHeader("Warning", "299 - \"" + warning.replace("\"", "\\\"") + "\"");
    }
  }

  /** The object service a write goes to: the real one, or its dry-run view for dryRun=All. */
  private ObjectService writer(Context ctx, String optionsKind, JsonNode deleteOptions) {
    return DryRun.requested(ctx, optionsKind, deleteOptions) ? objects.dryRun() : objects;
  }

  static void send(Context ctx, int status, JsonNode body) {
    ctx.status(status).contentType("application/json").result(Json.bytes(body));
  }

  /** An object or list, in JSON or Kubernetes protobuf as the client's Accept asks. */
  static void sendObject(Context ctx, int status, JsonNode body) {
    MediaTypes.Encoded encoded = MediaTypes.write(ctx.header("Accept"), body);
    ctx.status(status).contentType(encoded.contentType()).result(encoded.body());
  }

  private WriteFence guards(Context ctx) {
    return fencing.fenceFor(ctx.header(Fencing.HEADER));
  }

  private static boolean isWatch(Context ctx) {
    String w = ctx.queryParam("watch");
    return "true".equals(w) || "1".equals(w);
  }

  private static Part part(RequestTarget t) {
    return "status".equals(t.subresource()) ? Part.STATUS : Part.MAIN;
  }

  private static void requireName(RequestTarget t, String verb) {
    if (t.name() == null) {
      throw ApiError.methodNotAllowed(verb + " needs an object name in the URL");
    }
    requireNamespace(t);
  }

  private static void requireNamespace(RequestTarget t) {
    if (t.type().namespaced() && t.namespace() == null) {
      throw ApiError.notFoundPath("the server could not find the requested resource: "
          + t.type().plural() + " live in namespaces (/namespaces/<ns>/" + t.type().plural() + ")");
    }
  }

}
