package io.plumbline.apiserver.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** The one JSON mapper, and the few tree helpers every part of the API server uses. */
public final class Json {
  private Json() {}

  public static final ObjectMapper MAPPER = new ObjectMapper();

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Parses a request body that must be a JSON object; anything else is a 400. */
  public static ObjectNode parseObject(byte[] body) {
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node instanceof ObjectNode object) {
        return object;
      }
      throw ApiError.badRequest("the request body must be a JSON object");
    } catch (IOException e) {
      throw ApiError.badRequest("the request body is not valid JSON: " + firstLine(e));
    }
  }

  /** Parses any JSON value (patches may be arrays in other patch types, which we reject later). */
  public static JsonNode parse(byte[] body) {
    try {
      return MAPPER.readTree(body);
    } catch (IOException e) {
      throw ApiError.badRequest("the request body is not valid JSON: " + firstLine(e));
    }
  }

  public static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  /** The text at a dotted path ({@code spec.nodeName}), or "" when absent or not a scalar. */
  public static String text(JsonNode node, String dottedPath) {
    JsonNode at = node;
    for (String part : dottedPath.split("\\.")) {
      at = at == null ? null : at.get(part);
    }
    return at == null || at.isContainerNode() || at.isNull() ? "" : at.asText();
  }

  /** The object at {@code field}, created when missing or not an object. */
  public static ObjectNode child(ObjectNode parent, String field) {
    JsonNode existing = parent.get(field);
    if (existing instanceof ObjectNode object) {
      return object;
    }
    return parent.putObject(field);
  }

  private static String firstLine(IOException e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
