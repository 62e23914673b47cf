package io.plumbline.conformance.robustness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A saved request, replayable with {@code ./plumbline conformance --replay FILE --endpoints …}:
 * JSON with the method, the exact bytes of each message (base64) and, for people, the text form
 * and what each side answered when it was found.
 */
public final class ReplayFile {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ReplayFile() {}

  static void write(Path file, Finding f) {
    ObjectNode root = JSON.createObjectNode();
    root.put("kind", f.kind());
    root.put("summary", f.summary());
    root.put("method", f.request().method());
    root.put("family", f.request().family());
    ArrayNode msgs = root.putArray("messages_base64");
    f.request().messages().forEach(m -> msgs.add(Base64.getEncoder().encodeToString(m.toByteArray())));
    root.put("text", f.request().text());
    root.put("target_answered", f.target());
    root.put("differential_answered", f.other());
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, JSON.writeValueAsString(root) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** The request saved in {@code file}. */
  public static FuzzRequest read(Path file) {
    try {
      JsonNode root = JSON.readTree(file.toFile());
      List<ByteString> msgs = new ArrayList<>();
      root.get("messages_base64").forEach(n -> msgs.add(ByteString.copyFrom(Base64.getDecoder().decode(n.asText()))));
      Methods.spec(root.get("method").asText());
      return new FuzzRequest(root.get("method").asText(), msgs, root.path("family").asText("replay"));
    } catch (IOException | RuntimeException e) {
      throw new io.plumbline.common.UserError("--replay: " + file + " is not a replay file: " + e.getMessage(), e);
    }
  }
}
