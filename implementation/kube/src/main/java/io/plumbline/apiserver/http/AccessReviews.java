package io.plumbline.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.plumbline.apiserver.api.ApiError;
import io.plumbline.apiserver.api.Json;
import io.plumbline.apiserver.auth.Authorizer;
import io.plumbline.apiserver.auth.RequestInfo;
import io.plumbline.apiserver.auth.UserInfo;

/**
 * {@code authorization.k8s.io/v1 SelfSubjectAccessReview}, which {@code kubectl auth can-i}
 * creates: the server asks its authorizer about the requesting user and the attributes in
 * {@code spec} and answers with {@code status.allowed}. Nothing is stored.
 */
final class AccessReviews {
  static final String GROUP = "authorization.k8s.io";
  static final String RESOURCE = "selfsubjectaccessreviews";
  static final String KIND = "SelfSubjectAccessReview";

  private final Authorizer authorizer;

  AccessReviews(Authorizer authorizer) {
    this.authorizer = authorizer;
  }

  /** {@code rest} is the path after {@code /apis/authorization.k8s.io/v1/}. */
  void handle(Context ctx, String method, java.util.List<String> rest) {
    if (rest.size() != 1 || !rest.get(0).equals(RESOURCE)) {
      throw ApiError.notFoundPath("the server could not find the requested resource ("
          + GROUP + "/v1 " + String.join("/", rest) + ")");
    }
    if (!method.equals("POST")) {
      throw ApiError.methodNotAllowed(method + " is not supported on " + RESOURCE
          + " (create only)");
    }
    byte[] body = BoundedBody.read(ctx);
    String type = ctx.contentType() == null ? "" : ctx.contentType();
    ObjectNode review = type.startsWith(ProtobufAccessReview.CONTENT_TYPE)
        ? ProtobufAccessReview.toJson(body) : Json.parseObject(body);
    ObjectNode answer = review(AuthFilter.user(ctx), review);
    ResourceHandler.send(ctx, 201, answer);
  }

  ObjectNode review(UserInfo user, ObjectNode review) {
    JsonNode spec = review.path("spec");
    RequestInfo asked = asked(spec);
    Authorizer.Decision decision = authorizer.authorize(user, asked);
    ObjectNode answer = review.deepCopy();
    answer.put("apiVersion", GROUP + "/v1").put("kind", KIND);
    Json.child(answer, "metadata");
    ObjectNode status = answer.putObject("status").put("allowed", decision.allowed());
    if (!decision.reason().isEmpty()) {
      status.put("reason", decision.reason());
    }
    return answer;
  }

  private static RequestInfo asked(JsonNode spec) {
    JsonNode r = spec.path("resourceAttributes");
    JsonNode n = spec.path("nonResourceAttributes");
    if (!r.isMissingNode() && !r.isNull()) {
      return new RequestInfo(true, "", r.path("verb").asText(""), r.path("group").asText(""),
          r.path("version").asText(""), r.path("namespace").asText(""),
          r.path("resource").asText(""), r.path("subresource").asText(""),
          r.path("name").asText(""));
    }
    if (!n.isMissingNode() && !n.isNull()) {
      return new RequestInfo(false, n.path("path").asText(""), n.path("verb").asText(""), "", "",
          "", "", "", "");
    }
    throw ApiError.invalidOptions(KIND, new ApiError.Cause("spec", "FieldValueRequired",
        "Required value: exactly one of nonResourceAttributes or resourceAttributes must be "
            + "specified"));
  }

  /** The discovery entry of {@code /apis/authorization.k8s.io/v1}. */
  static void discovery(ObjectNode resourceList) {
    ObjectNode r = ((com.fasterxml.jackson.databind.node.ArrayNode) resourceList.get("resources")).addObject().put("name", RESOURCE)
        .put("singularName", "selfsubjectaccessreview").put("namespaced", false)
        .put("kind", KIND);
    r.putArray("verbs").add("create");
    r.putArray("shortNames");
  }
}
