package io.plumbline.apiserver.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A list's {@code continue} token, shaped as kube-apiserver's: base64 of
 * {@code {"v":"meta.k8s.io/v1","rv":N,"start":"<key after the prefix>"}}. Every page of one list
 * is read at revision {@code rv}, so the pages together are one consistent snapshot.
 */
public record ContinueToken(long revision, String start) {
  private static final String VERSION = "meta.k8s.io/v1";

  public String encode() {
    ObjectNode token = Json.object().put("v", VERSION).put("rv", revision).put("start", start);
    return Base64.getUrlEncoder().encodeToString(Json.bytes(token));
  }

  /** A malformed token is a 400, as in kube-apiserver. */
  public static ContinueToken decode(String text) {
    try {
      JsonNode token = Json.parse(Base64.getUrlDecoder().decode(
          text.getBytes(StandardCharsets.US_ASCII)));
      String start = token.path("start").asText("");
      if (!VERSION.equals(token.path("v").asText()) || !token.path("rv").canConvertToLong()
          || token.path("rv").asLong() <= 0 || start.isEmpty() || start.contains("..")
          || start.startsWith("/")) {
        throw new IllegalArgumentException("not a continue token of this server");
      }
      return new ContinueToken(token.path("rv").asLong(), start);
    } catch (RuntimeException e) {
      throw ApiError.badRequest("continue key is not valid: " + e.getMessage());
    }
  }
}
