package io.plumbline.apiserver.api;

/** The patch formats kubectl sends, by Content-Type. */
public enum PatchType {
  MERGE("application/merge-patch+json"),
  STRATEGIC("application/strategic-merge-patch+json");

  private final String contentType;

  PatchType(String contentType) {
    this.contentType = contentType;
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
  public com.fasterxml.jackson.databind.JsonNode apply(
      com.fasterxml.jackson.databind.JsonNode target, com.fasterxml.jackson.databind.JsonNode patch) {
    if (!patch.isObject()) {
      throw ApiError.badRequest("a " + contentType + " patch must be a JSON object");
    }
    return this == MERGE ? MergePatch.apply(target, patch) : StrategicMergePatch.apply(target, patch);
  }
}
