package io.plumbline.apiserver.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.plumbline.apiserver.api.ApiError;
import java.io.IOException;

/** YAML request bodies (server-side apply configurations), read into the same JSON trees. */
public final class Yaml {
  private Yaml() {}

  private static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory());

  /** One YAML (or JSON, a subset of YAML) document holding an object; anything else is a 400. */
  public static ObjectNode parseObject(byte[] body) {
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node instanceof ObjectNode object) {
        return object;
      }
      throw ApiError.badRequest("the applied configuration must be a YAML or JSON object");
    } catch (IOException e) {
      throw ApiError.badRequest("the applied configuration is not valid YAML: "
          + e.getMessage().lines().findFirst().orElse(""));
    }
  }
}
