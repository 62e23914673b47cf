package io.plumbline.apiserver.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.flipkart.zjsonpatch.JsonPatch;
import com.flipkart.zjsonpatch.JsonPatchApplicationException;
import com.flipkart.zjsonpatch.InvalidJsonPatchException;

/** The patch formats kube-apiserver accepts, by Content-Type. */
public enum PatchType {
  MERGE("application/merge-patch+json"),
  STRATEGIC("application/strategic-merge-patch+json"),
  /** RFC 6902, applied by zjsonpatch (a well-kept implementation on Jackson 2 trees). */
  JSON_PATCH("application/json-patch+json"),
  /** Server-side apply: see {@link ServerSideApply}; the body is YAML or JSON. */
  APPLY("application/apply-patch+yaml");

  private final String contentType;

  PatchType(String contentType) {
    this.contentType = contentType;
  }

  public String contentType() {
    return contentType;
  }

  /** The patch type named by a request's Content-Type; anything else is a 415. */
  public static PatchType of(String contentType) {
    String base = contentType == null ? "" : contentType.split(";")[0].strip();
    for (PatchType t : values()) {
      if (t.contentType.equals(base)) {
        return t;
      }
    }
    throw ApiError.unsupportedMediaType(base);
  }

  /** Applies a patch of this type to {@code target}. */
  public JsonNode apply(JsonNode target, JsonNode patch) {
    if (this == JSON_PATCH) {
      return jsonPatch(target, patch);
    }
    if (!patch.isObject()) {
      throw ApiError.badRequest("a " + contentType + " patch must be a JSON object");
    }
    return switch (this) {
      case MERGE -> MergePatch.apply(target, patch);
      case STRATEGIC -> StrategicMergePatch.apply(target, patch);
      case APPLY -> ServerSideApply.merge(target, patch);
      default -> throw new IllegalStateException(name());
    };
  }

  /**
   * A malformed patch is a 400; one that does not apply (a failed {@code test}, a missing path)
   * is a 422, as kube-apiserver answers.
   */
  private static JsonNode jsonPatch(JsonNode target, JsonNode patch) {
    if (!patch.isArray()) {
      throw ApiError.badRequest("a json-patch+json patch must be a JSON array of operations");
    }
    try {
      JsonPatch.validate(patch);
    } catch (InvalidJsonPatchException e) {
      throw ApiError.badRequest("invalid JSON patch: " + e.getMessage());
    }
    try {
      return JsonPatch.apply(patch, target);
    } catch (JsonPatchApplicationException e) {
      throw ApiError.ofStatus(422, "the JSON patch does not apply: " + e.getMessage());
    }
  }
}
