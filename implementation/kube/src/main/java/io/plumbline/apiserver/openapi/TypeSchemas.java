package io.plumbline.apiserver.openapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import io.plumbline.apiserver.api.Json;
import io.plumbline.apiserver.api.ResourceType;
import io.plumbline.apiserver.codec.ProtoTypes;
import io.kubernetes.client.proto.Meta;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * OpenAPI schemas of the served types, generated from the Kubernetes protobuf descriptors in
 * client-java-proto (the same {@link ProtoTypes} the protobuf codec and strict field validation
 * use), named as Kubernetes names its definitions ({@code io.k8s.api.core.v1.Pod}). The types whose
 * JSON is not their message shape get Kubernetes' own schemas: Time and MicroTime are date-time
 * strings, IntOrString is {@code int-or-string}, Quantity a string, FieldsV1 an object. The proto
 * files carry no comments, so the schemas have no descriptions. A served kind with no descriptor
 * (Lease, EndpointSlice) gets an object schema with ObjectMeta and
 * {@code x-kubernetes-preserve-unknown-fields}: its other fields are not described.
 */
final class TypeSchemas {
  /** v2 refers to {@code #/definitions/}, v3 to {@code #/components/schemas/}. */
  enum Flavor {
    V2("#/definitions/"), V3("#/components/schemas/");

    final String refPrefix;

    Flavor(String refPrefix) {
      this.refPrefix = refPrefix;
    }
  }

  private static final String META = "k8s.io.apimachinery.pkg.apis.meta.v1.";
  private static final String INT_OR_STRING = "k8s.io.apimachinery.pkg.util.intstr.IntOrString";
  private static final String QUANTITY = "k8s.io.apimachinery.pkg.api.resource.Quantity";

  private final Flavor flavor;
  private final Map<String, ObjectNode> schemas = new TreeMap<>();
  private final Deque<Descriptor> pending = new ArrayDeque<>();

  TypeSchemas(Flavor flavor) {
    this.flavor = flavor;
  }

  /** Kubernetes' definition name for a proto message: {@code io.k8s.api.core.v1.Pod}. */
  static String name(Descriptor d) {
    return d.getFullName().replaceFirst("^k8s\\.io\\.", "io.k8s.");
  }

  /** The definition name of a served kind, or of its list ({@code list} true). */
  static String name(ResourceType type, boolean list) {
    String kind = type.kind() + (list ? "List" : "");
    return ProtoTypes.find(type.apiVersion(), kind).map(TypeSchemas::name).orElse(
        "io.k8s.api." + (type.group().isEmpty() ? "core" : type.group().split("\\.")[0]) + "."
            + type.version() + "." + kind);
  }

  /** Adds the schemas of a served kind and its list, and of every type they reach. */
  void addResource(ResourceType type) {
    for (boolean list : new boolean[] {false, true}) {
      String kind = type.kind() + (list ? "List" : "");
      Optional<Descriptor> d = ProtoTypes.find(type.apiVersion(), kind);
      ObjectNode schema = d.isPresent() ? reach(d.get()) : opaque(type, list);
      ObjectNode props = Json.child(schema, "properties");
      props.putObject("apiVersion").put("type", "string");
      props.putObject("kind").put("type", "string");
      schema.putArray("x-kubernetes-group-version-kind").addObject().put("group", type.group())
          .put("kind", kind).put("version", type.version());
    }
    drain();
  }

  /** Adds a meta type ({@code Status}, {@code DeleteOptions}) by name. */
  void addMeta(String kind) {
    reach(Meta.getDescriptor().findMessageTypeByName(kind));
    drain();
  }

  Map<String, ObjectNode> schemas() {
    return schemas;
  }

  /** A {@code $ref} to a definition. */
  ObjectNode ref(String definition) {
    return Json.object().put("$ref", flavor.refPrefix + definition);
  }

  private ObjectNode reach(Descriptor d) {
    ObjectNode schema = schemas.get(name(d));
    if (schema == null) {
      schema = Json.object();
      schemas.put(name(d), schema);
      pending.add(d);
    }
    return schema;
  }

  private void drain() {
    while (!pending.isEmpty()) {
      Descriptor d = pending.poll();
      ObjectNode schema = schemas.get(name(d));
      if (!special(d, schema)) {
        schema.put("type", "object");
        ObjectNode props = Json.child(schema, "properties");
        for (FieldDescriptor f : d.getFields()) {
          props.set(f.getName(), field(f));
        }
      }
    }
  }

  private ObjectNode field(FieldDescriptor f) {
    if (f.isMapField()) {
      ObjectNode map = Json.object().put("type", "object");
      map.set("additionalProperties", single(f.getMessageType().findFieldByName("value")));
      return map;
    }
    if (f.isRepeated()) {
      ObjectNode array = Json.object().put("type", "array");
      array.set("items", single(f));
      return array;
    }
    return single(f);
  }

  private ObjectNode single(FieldDescriptor f) {
    return switch (f.getJavaType()) {
      case STRING -> Json.object().put("type", "string");
      case INT -> Json.object().put("type", "integer").put("format", "int32");
      case LONG -> Json.object().put("type", "integer").put("format", "int64");
      case BOOLEAN -> Json.object().put("type", "boolean");
      case BYTE_STRING -> Json.object().put("type", "string").put("format", "byte");
      case MESSAGE -> {
        reach(f.getMessageType());
        yield ref(name(f.getMessageType()));
      }
      default -> throw new IllegalStateException("no Kubernetes type has a " + f.getJavaType()
          + " field: " + f.getFullName());
    };
  }

  /** Kubernetes' own schemas for the types with custom JSON; false for ordinary messages. */
  private boolean special(Descriptor d, ObjectNode schema) {
    switch (d.getFullName()) {
      case META + "Time", META + "MicroTime" -> schema.put("type", "string")
          .put("format", "date-time");
      case QUANTITY -> schema.put("type", "string");
      case META + "FieldsV1", "k8s.io.apimachinery.pkg.runtime.RawExtension" ->
          schema.put("type", "object");
      case INT_OR_STRING -> {
        if (flavor == Flavor.V2) {
          schema.put("type", "string").put("format", "int-or-string");
        } else {
          schema.put("x-kubernetes-int-or-string", true);
        }
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  private ObjectNode opaque(ResourceType type, boolean list) {
    ObjectNode schema = Json.object().put("type", "object");
    schemas.put(name(type, list), schema);
    ObjectNode props = schema.putObject("properties");
    if (list) {
      props.set("metadata", refTo(Meta.getDescriptor().findMessageTypeByName("ListMeta")));
      props.putObject("items").put("type", "array").set("items", ref(name(type, false)));
    } else {
      props.set("metadata", refTo(Meta.getDescriptor().findMessageTypeByName("ObjectMeta")));
      schema.put("x-kubernetes-preserve-unknown-fields", true);
    }
    return schema;
  }

  private ObjectNode refTo(Descriptor d) {
    reach(d);
    return ref(name(d));
  }
}
