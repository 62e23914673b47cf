package io.plumbline.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbline.apiserver.api.Json;
import java.nio.charset.StandardCharsets;

/**
 * JSON written with ' for " inside Java strings, parsed: the kube tests' one way to write a test
 * object, e.g. {@code json("{'metadata':{'name':'web'},'spec':{'replicas':2}}")}. The text must not
 * hold a ' of its own.
 */
public final class JsonLiteral {
  private JsonLiteral() {}

  /** A JSON object; any other value fails the test as the API server's 400 would. */
  public static ObjectNode json(String singleQuoted) {
    return Json.parseObject(doubleQuoted(singleQuoted));
  }

  /** Any JSON value, for the few tests that need an array (RBAC subjects). */
  public static JsonNode jsonValue(String singleQuoted) {
    return Json.parse(doubleQuoted(singleQuoted));
  }

  private static byte[] doubleQuoted(String singleQuoted) {
    return singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
  }
}
