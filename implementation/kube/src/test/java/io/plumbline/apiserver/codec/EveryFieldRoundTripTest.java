package io.plumbline.apiserver.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.plumbline.apiserver.api.Json;
import io.plumbline.apiserver.api.Resources;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every field of every served kind with a Kubernetes proto, filled from its descriptor with a
 * value in Kubernetes JSON form, comes back unchanged through the protobuf envelope: no field is
 * lost, renamed or reshaped by the generic mapping.
 */
class EveryFieldRoundTripTest {
  private static final JsonNodeFactory NODES = Json.MAPPER.getNodeFactory();
  /** Deep enough for every core v1 type; a recursive type would stop here. */
  private static final int MAX_DEPTH = 12;

  static List<String> kinds() {
    return Resources.ALL.stream().filter(t -> ProtoTypes.find(t.apiVersion(), t.kind()).isPresent())
        .flatMap(t -> List.of(t.kind(), t.kind() + "List").stream()).toList();
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void everyFieldRoundTrips(String kind) {
    ObjectNode object = fill(ProtoTypes.require("v1", kind), 0);
    object.put("apiVersion", "v1").put("kind", kind);
    ObjectNode back = KubeProtobuf.decode(KubeProtobuf.encode(object));
    assertThat(back).isEqualTo(object);
    assertThat(object.toString().length()).as("the sample is not trivially small").isGreaterThan(200);
  }

  private static ObjectNode fill(Descriptor type, int depth) {
    ObjectNode out = Json.object();
    if (depth > MAX_DEPTH) {
      return out;
    }
    for (FieldDescriptor f : type.getFields()) {
      if (f.isMapField()) {
        out.putObject(f.getName()).set("k", value(f.getMessageType().findFieldByName("value"), depth));
      } else if (f.isRepeated()) {
        ArrayNode list = out.putArray(f.getName());
        list.add(value(f, depth));
      } else {
        out.set(f.getName(), value(f, depth));
      }
    }
    return out;
  }

  private static JsonNode value(FieldDescriptor f, int depth) {
    return switch (f.getJavaType()) {
      case STRING -> NODES.textNode("s-" + f.getName());
      case INT -> NODES.numberNode(7);
      case LONG -> NODES.numberNode(3_000_000_000L);
      case BOOLEAN -> NODES.booleanNode(true);
      case BYTE_STRING -> NODES.textNode("AQID");
      case MESSAGE -> message(f.getMessageType(), depth);
      default -> throw new AssertionError(f.getJavaType());
    };
  }

  private static JsonNode message(Descriptor d, int depth) {
    return switch (d.getFullName()) {
      case "k8s.io.apimachinery.pkg.apis.meta.v1.Time" -> NODES.textNode("2026-12-06T09:00:00Z");
      case "k8s.io.apimachinery.pkg.apis.meta.v1.MicroTime" ->
          NODES.textNode("2026-12-06T09:00:00.123456Z");
      case "k8s.io.apimachinery.pkg.util.intstr.IntOrString" -> depth % 2 == 0
          ? NODES.numberNode(8080) : NODES.textNode("http");
      case "k8s.io.apimachinery.pkg.api.resource.Quantity" -> NODES.textNode("100m");
      case "k8s.io.apimachinery.pkg.apis.meta.v1.FieldsV1",
          "k8s.io.apimachinery.pkg.runtime.RawExtension" -> Json.object().set("f:a", Json.object());
      default -> fill(d, depth + 1);
    };
  }

}
