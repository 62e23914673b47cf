package io.plumbline.apiserver.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import io.plumbline.apiserver.api.ApiError;
import io.plumbline.apiserver.api.Json;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;

/**
 * Converts between Kubernetes JSON trees and the Kubernetes protobuf messages, generically over
 * the message descriptors. Field names match because Kubernetes names its proto fields after the
 * JSON names. protobuf's own JsonFormat does not write Kubernetes JSON, so the types whose JSON
 * form is not their message shape are mapped here as the Go JSON marshalers write them:
 * <ul>
 *   <li>{@code meta.v1.Time}: an RFC 3339 string in seconds; the zero time is absent (Go: null);</li>
 *   <li>{@code meta.v1.MicroTime}: RFC 3339 with six fractional digits;</li>
 *   <li>{@code intstr.IntOrString}: a JSON number (type 0) or string (type 1);</li>
 *   <li>{@code resource.Quantity}: its string ({@code "100m"}), kept as written;</li>
 *   <li>{@code meta.v1.FieldsV1}, {@code runtime.RawExtension}: their raw bytes are inline JSON;</li>
 *   <li>{@code bytes} fields (Secret data, ConfigMap binaryData): base64 strings.</li>
 * </ul>
 * Go writes every non-pointer field into protobuf, empty or not; its JSON leaves empty strings
 * out ({@code omitempty}), so decoding drops empty strings. Zero numbers and false are kept: for
 * pointer fields ({@code replicas: 0}) they mean something, for the others they equal absence.
 * A JSON field with no proto field (not in the Kubernetes type) has no protobuf form: encoding
 * leaves it out, as a real kube-apiserver would never have stored it.
 */
public final class ProtoJson {
  private ProtoJson() {}

  private static final String META = "k8s.io.apimachinery.pkg.apis.meta.v1.";
  private static final String TIME = META + "Time";
  private static final String MICRO_TIME = META + "MicroTime";
  private static final String FIELDS_V1 = META + "FieldsV1";
  private static final String RAW_EXTENSION = "k8s.io.apimachinery.pkg.runtime.RawExtension";
  private static final String INT_OR_STRING = "k8s.io.apimachinery.pkg.util.intstr.IntOrString";
  private static final String QUANTITY = "k8s.io.apimachinery.pkg.api.resource.Quantity";
  private static final DateTimeFormatter MICRO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSX").withZone(java.time.ZoneOffset.UTC);

  /** The JSON object for {@code message}. */
  public static ObjectNode toJson(Message message) {
    ObjectNode out = Json.object();
    for (Map.Entry<FieldDescriptor, Object> e : message.getAllFields().entrySet()) {
      FieldDescriptor field = e.getKey();
      JsonNode value = field.isMapField() ? mapToJson(field, e.getValue())
          : field.isRepeated() ? listToJson(field, e.getValue())
          : valueToJson(field, e.getValue());
      if (value != null) {
        out.set(field.getName(), value);
      }
    }
    return out;
  }

  private static JsonNode mapToJson(FieldDescriptor field, Object entries) {
    ObjectNode map = Json.object();
    FieldDescriptor key = field.getMessageType().findFieldByName("key");
    FieldDescriptor value = field.getMessageType().findFieldByName("value");
    for (Object entry : (Iterable<?>) entries) {
      Message m = (Message) entry;
      JsonNode v = valueToJson(value, m.getField(value));
      map.set(String.valueOf(m.getField(key)), v == null ? Json.MAPPER.nullNode() : v);
    }
    return map;
  }

  private static JsonNode listToJson(FieldDescriptor field, Object values) {
    ArrayNode list = Json.MAPPER.createArrayNode();
    for (Object v : (Iterable<?>) values) {
      JsonNode item = valueToJson(field, v);
      list.add(item == null ? Json.MAPPER.nullNode() : item);
    }
    return list;
  }

  /** One value in JSON, or null when Go's JSON would leave it out. */
  private static JsonNode valueToJson(FieldDescriptor field, Object value) {
    return switch (field.getJavaType()) {
      case STRING -> ((String) value).isEmpty() && !field.isRepeated() && !isMapValue(field)
          ? null : Json.MAPPER.getNodeFactory().textNode((String) value);
      case INT -> Json.MAPPER.getNodeFactory().numberNode((Integer) value);
      case LONG -> longNode((Long) value);
      case BOOLEAN -> Json.MAPPER.getNodeFactory().booleanNode((Boolean) value);
      case BYTE_STRING -> Json.MAPPER.getNodeFactory().textNode(
          Base64.getEncoder().encodeToString(((ByteString) value).toByteArray()));
      case MESSAGE -> messageToJson((Message) value);
      default -> throw new IllegalStateException("no Kubernetes type has a "
          + field.getJavaType() + " field: " + field.getFullName());
    };
  }

  /** As the JSON parser reads the same number: an int node when it fits, so trees compare equal. */
  private static JsonNode longNode(long value) {
    return value == (int) value ? Json.MAPPER.getNodeFactory().numberNode((int) value)
        : Json.MAPPER.getNodeFactory().numberNode(value);
  }

  private static boolean isMapValue(FieldDescriptor field) {
    return field.getContainingType().getOptions().getMapEntry();
  }

  private static JsonNode messageToJson(Message m) {
    Descriptor d = m.getDescriptorForType();
    switch (d.getFullName()) {
      case TIME -> {
        // Go marshals the zero time as an empty message; Time's JSON has whole seconds only
        long seconds = (Long) m.getField(d.findFieldByName("seconds"));
        return seconds == 0 ? null
            : Json.MAPPER.getNodeFactory().textNode(Instant.ofEpochSecond(seconds).toString());
      }
      case MICRO_TIME -> {
        long seconds = (Long) m.getField(d.findFieldByName("seconds"));
        int nanos = (Integer) m.getField(d.findFieldByName("nanos"));
        return seconds == 0 && nanos == 0 ? null : Json.MAPPER.getNodeFactory().textNode(
            MICRO.format(Instant.ofEpochSecond(seconds, nanos).truncatedTo(ChronoUnit.MICROS)));
      }
      case INT_OR_STRING -> {
        long type = (Long) m.getField(d.findFieldByName("type"));
        return type == 1
            ? Json.MAPPER.getNodeFactory().textNode((String) m.getField(d.findFieldByName("strVal")))
            : Json.MAPPER.getNodeFactory().numberNode((Integer) m.getField(d.findFieldByName("intVal")));
      }
      case QUANTITY -> {
        return Json.MAPPER.getNodeFactory().textNode((String) m.getField(d.findFieldByName("string")));
      }
      case FIELDS_V1, RAW_EXTENSION -> {
        Object raw = m.getField(d.getFields().get(0));
        byte[] bytes = raw instanceof ByteString b ? b.toByteArray()
            : ((String) raw).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return bytes.length == 0 ? null : Json.parse(bytes);
      }
      default -> {
        return toJson(m);
      }
    }
  }

  /** The message of type {@code type} holding {@code json}; a value of the wrong shape is a 400. */
  public static DynamicMessage fromJson(Descriptor type, JsonNode json) {
    DynamicMessage.Builder builder = DynamicMessage.newBuilder(type);
    for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      FieldDescriptor field = type.findFieldByName(e.getKey());
      if (field == null || e.getValue().isNull()) {
        continue;
      }
      if (field.isMapField()) {
        putMap(builder, field, e.getValue());
      } else if (field.isRepeated()) {
        for (JsonNode item : e.getValue()) {
          builder.addRepeatedField(field, valueFromJson(field, item));
        }
      } else {
        Object v = valueFromJson(field, e.getValue());
        if (v != null) {
          builder.setField(field, v);
        }
      }
    }
    return builder.build();
  }

  private static void putMap(DynamicMessage.Builder builder, FieldDescriptor field, JsonNode map) {
    Descriptor entry = field.getMessageType();
    FieldDescriptor value = entry.findFieldByName("value");
    for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      DynamicMessage.Builder b = DynamicMessage.newBuilder(entry)
          .setField(entry.findFieldByName("key"), e.getKey());
      Object v = e.getValue().isNull() ? null : valueFromJson(value, e.getValue());
      if (v != null) {
        b.setField(value, v);
      }
      builder.addRepeatedField(field, b.build());
    }
  }

  private static Object valueFromJson(FieldDescriptor field, JsonNode json) {
    switch (field.getJavaType()) {
      case STRING -> {
        return json.isValueNode() ? json.asText() : wrongShape(field, json);
      }
      case INT -> {
        return json.canConvertToInt() ? (Object) json.asInt() : wrongShape(field, json);
      }
      case LONG -> {
        return json.canConvertToLong() ? (Object) json.asLong() : wrongShape(field, json);
      }
      case BOOLEAN -> {
        return json.isBoolean() ? (Object) json.asBoolean() : wrongShape(field, json);
      }
      case BYTE_STRING -> {
        try {
          return ByteString.copyFrom(Base64.getDecoder().decode(json.asText()));
        } catch (IllegalArgumentException e) {
          return wrongShape(field, json);
        }
      }
      case MESSAGE -> {
        return messageFromJson(field, json);
      }
      default -> throw new IllegalStateException("no Kubernetes type has a "
          + field.getJavaType() + " field: " + field.getFullName());
    }
  }

  private static Object messageFromJson(FieldDescriptor field, JsonNode json) {
    Descriptor d = field.getMessageType();
    DynamicMessage.Builder b = DynamicMessage.newBuilder(d);
    switch (d.getFullName()) {
      case TIME, MICRO_TIME -> {
        Instant t = instant(field, json);
        return b.setField(d.findFieldByName("seconds"), t.getEpochSecond())
            .setField(d.findFieldByName("nanos"), d.getFullName().equals(TIME) ? 0 : t.getNano())
            .build();
      }
      case INT_OR_STRING -> {
        if (json.isIntegralNumber()) {
          return b.setField(d.findFieldByName("type"), 0L)
              .setField(d.findFieldByName("intVal"), json.asInt()).build();
        }
        return b.setField(d.findFieldByName("type"), 1L)
            .setField(d.findFieldByName("strVal"), json.asText()).build();
      }
      case QUANTITY -> {
        return json.isValueNode() ? b.setField(d.findFieldByName("string"), json.asText()).build()
            : wrongShape(field, json);
      }
      case FIELDS_V1, RAW_EXTENSION -> {
        FieldDescriptor raw = d.getFields().get(0);
        byte[] bytes = Json.bytes(json);
        return b.setField(raw, raw.getJavaType() == FieldDescriptor.JavaType.BYTE_STRING
            ? ByteString.copyFrom(bytes) : new String(bytes, java.nio.charset.StandardCharsets.UTF_8))
            .build();
      }
      default -> {
        return json.isObject() ? fromJson(d, json) : wrongShape(field, json);
      }
    }
  }

  private static Instant instant(FieldDescriptor field, JsonNode json) {
    try {
      return Instant.from(DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(json.asText()));
    } catch (DateTimeParseException e) {
      throw ApiError.badRequest("field " + field.getName() + ": " + json + " is not an RFC 3339 time");
    }
  }

  private static Object wrongShape(FieldDescriptor field, JsonNode json) {
    throw ApiError.badRequest("field " + field.getName() + " cannot hold " + json);
  }

  /** Parses {@code bytes} as a message of {@code type}; malformed input is a 400. */
  public static DynamicMessage parse(Descriptor type, byte[] bytes) {
    try {
      return DynamicMessage.parseFrom(type, bytes);
    } catch (IOException e) {
      throw ApiError.badRequest("the protobuf body is not a valid " + type.getName() + ": "
          + e.getMessage());
    }
  }
}
