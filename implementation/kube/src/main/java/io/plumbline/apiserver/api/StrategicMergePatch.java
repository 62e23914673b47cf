package io.plumbline.apiserver.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Strategic merge patch as {@code kubectl apply} sends it. Like a merge patch, except that lists
 * of objects with a known merge key (containers by {@code name}, ports by {@code containerPort} or
 * {@code port}, ...) merge element by element, and the directives {@code $patch},
 * {@code $retainKeys}, {@code $setElementOrder/<list>} and {@code $deleteFromPrimitiveList/<list>}
 * are honoured. Merge keys come from a table keyed by field name instead of Go struct tags, which
 * covers the resources this server serves.
 */
public final class StrategicMergePatch {
  private StrategicMergePatch() {}

  private static final String ORDER = "$setElementOrder/";
  private static final String DELETE_PRIMITIVE = "$deleteFromPrimitiveList/";

  /** Returns {@code target} patched by {@code patch}; neither argument is modified. */
  public static JsonNode apply(JsonNode target, JsonNode patch) {
    return mergeObject(target, (ObjectNode) patch);
  }

  private static JsonNode mergeObject(JsonNode target, ObjectNode patch) {
    String directive = patch.path("$patch").asText("");
    if (directive.equals("replace")) {
      return withoutDirectives(patch);
    }
    ObjectNode result = target != null && target.isObject()
        ? ((ObjectNode) target).deepCopy() : Json.object();
    Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      mergeField(result, f.getKey(), f.getValue());
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      if (f.getKey().startsWith(ORDER) && result.get(f.getKey().substring(ORDER.length()))
          instanceof ArrayNode list) {
        String name = f.getKey().substring(ORDER.length());
        result.set(name, ordered(list, f.getValue(), mergeKey(name, list, f.getValue())));
      }
    }
    if (patch.get("$retainKeys") instanceof ArrayNode retain) {
      Set<String> keep = new HashSet<>();
      retain.forEach(k -> keep.add(k.asText()));
      result.retain(keep);
    }
    return result;
  }

  private static void mergeField(ObjectNode result, String name, JsonNode value) {
    if (name.equals("$patch") || name.equals("$retainKeys") || name.startsWith(ORDER)) {
      return;
    }
    if (name.startsWith(DELETE_PRIMITIVE)) {
      String list = name.substring(DELETE_PRIMITIVE.length());
      if (result.get(list) instanceof ArrayNode existing) {
        Set<JsonNode> doomed = new HashSet<>();
        value.forEach(doomed::add);
        ArrayNode kept = existing.arrayNode();
        existing.forEach(e -> {
          if (!doomed.contains(e)) {
            kept.add(e);
          }
        });
        result.set(list, kept);
      }
    } else if (value.isNull() || value.path("$patch").asText("").equals("delete")) {
      result.remove(name);
    } else if (value.isObject()) {
      result.set(name, mergeObject(result.get(name), (ObjectNode) value));
    } else if (value.isArray()) {
      result.set(name, mergeList(name, result.get(name), (ArrayNode) value));
    } else {
      result.set(name, value.deepCopy());
    }
  }

  private static JsonNode mergeList(String name, JsonNode target, ArrayNode patch) {
    String key = mergeKey(name, target, patch);
    boolean replaceAll = false;
    for (JsonNode e : patch) {
      replaceAll |= e.path("$patch").asText("").equals("replace");
    }
    if (key == null || !(target instanceof ArrayNode existing) || replaceAll) {
      ArrayNode copy = patch.arrayNode();
      patch.forEach(e -> {
        if (!e.path("$patch").asText("").equals("replace")) {
          copy.add(e.isObject() ? withoutDirectives((ObjectNode) e) : e.deepCopy());
        }
      });
      return copy;
    }
    List<JsonNode> result = new ArrayList<>();
    existing.forEach(e -> result.add(e.deepCopy()));
    for (JsonNode element : patch) {
      int at = indexOf(result, key, element.get(key));
      boolean delete = element.path("$patch").asText("").equals("delete");
      if (delete && at >= 0) {
        result.remove(at);
      } else if (!delete && at >= 0) {
        result.set(at, mergeObject(result.get(at), (ObjectNode) element));
      } else if (!delete) {
        result.add(withoutDirectives((ObjectNode) element));
      }
    }
    return patch.arrayNode().addAll(result);
  }

  /** The merge key of a list field, or null when the list is replaced as a whole. */
  static String mergeKey(String field, JsonNode target, JsonNode patch) {
    switch (field) {
      case "containers", "initContainers", "ephemeralContainers", "volumes", "env",
          "imagePullSecrets", "hostAliases":
        return field.equals("hostAliases") ? "ip" : "name";
      case "volumeMounts":
        return "mountPath";
      case "conditions":
        return "type";
      case "ownerReferences":
        return "uid";
      case "ports":
        return anyHas(target, "containerPort") || anyHas(patch, "containerPort")
            ? "containerPort" : "port";
      case "addresses":
        return anyHas(target, "type") || anyHas(patch, "type") ? "type" : null;
      default:
        return null;
    }
  }

  private static boolean anyHas(JsonNode list, String field) {
    if (list == null || !list.isArray()) {
      return false;
    }
    for (JsonNode e : list) {
      if (e.has(field)) {
        return true;
      }
    }
    return false;
  }

  private static int indexOf(List<JsonNode> list, String key, JsonNode value) {
    for (int i = 0; i < list.size(); i++) {
      if (value != null && value.equals(list.get(i).get(key))) {
        return i;
      }
    }
    return -1;
  }

  /** Reorders {@code list} as {@code order} says; elements it does not name keep their place last. */
  private static ArrayNode ordered(ArrayNode list, JsonNode order, String key) {
    List<JsonNode> remaining = new ArrayList<>();
    list.forEach(remaining::add);
    ArrayNode result = list.arrayNode();
    for (JsonNode wanted : order) {
      JsonNode id = key == null ? wanted : wanted.get(key);
      for (Iterator<JsonNode> it = remaining.iterator(); it.hasNext(); ) {
        JsonNode e = it.next();
        if (key == null ? e.equals(id) : id != null && id.equals(e.get(key))) {
          result.add(e);
          it.remove();
          break;
        }
      }
    }
    remaining.forEach(result::add);
    return result;
  }

  private static ObjectNode withoutDirectives(ObjectNode node) {
    ObjectNode copy = node.deepCopy();
    copy.remove("$patch");
    copy.remove("$retainKeys");
    List<String> names = new ArrayList<>();
    copy.fieldNames().forEachRemaining(names::add);
    for (String n : names) {
      if (n.startsWith(ORDER) || n.startsWith(DELETE_PRIMITIVE)) {
        copy.remove(n);
      } else if (copy.get(n) instanceof ObjectNode child) {
        copy.set(n, withoutDirectives(child));
      }
    }
    return copy;
  }
}
