package io.plumbline.apiserver.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * Server-side printing: a {@code meta.k8s.io/v1 Table} per list, object or watch event, for
 * clients that ask for one ({@code Accept: application/json;as=Table;...}, as kubectl get does).
 * Columns follow kubectl's own for each kind; priority 1 columns appear with {@code -o wide}.
 */
public final class Tables {
  private Tables() {}

  /** One column: its header, its priority (0 always shown, 1 wide only) and how to fill it. */
  private record Column(String name, int priority, Function<JsonNode, Object> cell) {}

  /** A Table holding {@code objects}, with ages measured at {@code now}. */
  public static ObjectNode table(ResourceType type, List<JsonNode> objects, String resourceVersion,
      Instant now) {
    ObjectNode table = Json.object().put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
    table.putObject("metadata").put("resourceVersion", resourceVersion);
    List<Column> columns = columns(type, now);
    ArrayNode definitions = table.putArray("columnDefinitions");
    for (Column c : columns) {
      definitions.addObject().put("name", c.name()).put("type", "string")
          .put("format", c.name().equals("Name") ? "name" : "").put("description", c.name())
          .put("priority", c.priority());
    }
    ArrayNode rows = table.putArray("rows");
    for (JsonNode object : objects) {
      ArrayNode cells = Json.MAPPER.createArrayNode();
      columns.forEach(c -> addCell(cells, c.cell().apply(object)));
      ObjectNode row = rows.addObject();
      row.set("cells", cells);
      ObjectNode partial = row.putObject("object").put("kind", "PartialObjectMetadata")
          .put("apiVersion", "meta.k8s.io/v1");
      partial.set("metadata", object.path("metadata").deepCopy());
    }
    return table;
  }

  private static void addCell(ArrayNode cells, Object value) {
    if (value instanceof Integer i) {
      cells.add(i);
    } else {
      cells.add(String.valueOf(value));
    }
  }

  private static List<Column> columns(ResourceType type, Instant now) {
    List<Column> c = new ArrayList<>();
    c.add(new Column("Name", 0, o -> Json.text(o, "metadata.name")));
    switch (type.kind()) {
      case "Pod" -> pod(c);
      case "Node" -> node(c);
      case "ReplicationController" -> replicationController(c);
      case "Service" -> service(c);
      case "Endpoints" -> c.add(new Column("Endpoints", 0, Tables::endpoints));
      case "Namespace" -> c.add(new Column("Status", 0, o -> Json.text(o, "status.phase")));
      case "Lease" -> c.add(new Column("Holder", 0, o -> Json.text(o, "spec.holderIdentity")));
      case "ConfigMap" -> c.add(new Column("Data", 0,
          o -> Integer.toString(o.path("data").size() + o.path("binaryData").size())));
      case "Secret" -> {
        c.add(new Column("Type", 0, o -> Json.text(o, "type")));
        c.add(new Column("Data", 0, o -> Integer.toString(o.path("data").size())));
      }
      default -> { }
    }
    // kubectl shows a node's age before its version; everywhere else age comes last
    c.add(type.kind().equals("Node") ? 3 : c.size(), new Column("Age", 0, o -> age(o, now)));
    if (type.kind().equals("Pod")) {
      c.add(new Column("IP", 1, o -> orNone(Json.text(o, "status.podIP"))));
      c.add(new Column("Node", 1, o -> orNone(Json.text(o, "spec.nodeName"))));
    }
    // wide-only columns come after every default one, as kubectl prints them
    c.sort(java.util.Comparator.comparingInt(Column::priority));
    return c;
  }

  private static void pod(List<Column> c) {
    c.add(new Column("Ready", 0, o -> {
      int total = o.path("spec").path("containers").size();
      return (ready(o) ? total : 0) + "/" + total;
    }));
    c.add(new Column("Status", 0, o -> Json.text(o, "status.phase")));
    c.add(new Column("Restarts", 0, o -> 0));
  }

  private static void node(List<Column> c) {
    c.add(new Column("Status", 0, o -> (ready(o) ? "Ready" : "NotReady")
        + (o.path("spec").path("unschedulable").asBoolean(false) ? ",SchedulingDisabled" : "")));
    c.add(new Column("Roles", 0, o -> "<none>"));
    c.add(new Column("Version", 0, o -> "v1.32.0-plumbline"));
  }

  private static void replicationController(List<Column> c) {
    c.add(new Column("Desired", 0, o -> o.path("spec").path("replicas").asInt(0)));
    c.add(new Column("Current", 0, o -> o.path("status").path("replicas").asInt(0)));
    c.add(new Column("Ready", 0, o -> o.path("status").path("readyReplicas").asInt(0)));
    c.add(new Column("Selector", 1, o -> selector(o.path("spec").path("selector"))));
  }

  private static void service(List<Column> c) {
    c.add(new Column("Type", 0, o -> Json.text(o, "spec.type")));
    c.add(new Column("Cluster-IP", 0, o -> orNone(Json.text(o, "spec.clusterIP"))));
    c.add(new Column("External-IP", 0, o -> "<none>"));
    c.add(new Column("Port(s)", 0, o -> {
      StringJoiner ports = new StringJoiner(",");
      o.path("spec").path("ports").forEach(p -> ports.add(p.path("port").asText() + "/"
          + p.path("protocol").asText("TCP")));
      return ports.toString();
    }));
    c.add(new Column("Selector", 1, o -> selector(o.path("spec").path("selector"))));
  }

  private static String endpoints(JsonNode o) {
    StringJoiner list = new StringJoiner(",");
    for (JsonNode subset : o.path("subsets")) {
      for (JsonNode a : subset.path("addresses")) {
        for (JsonNode p : subset.path("ports")) {
          list.add(a.path("ip").asText() + ":" + p.path("port").asText());
        }
      }
    }
    return orNone(list.toString());
  }

  private static boolean ready(JsonNode o) {
    return Conditions.isTrue(o, "Ready");
  }

  private static String selector(JsonNode selector) {
    StringJoiner s = new StringJoiner(",");
    selector.fields().forEachRemaining(e -> s.add(e.getKey() + "=" + e.getValue().asText()));
    return orNone(s.toString());
  }

  private static String orNone(String s) {
    return s.isEmpty() ? "<none>" : s;
  }

  /** Kubernetes' short human durations: 42s, 3m10s, 25m, 5h3m, 30h, 3d4h, 12d. */
  static String age(JsonNode o, Instant now) {
    Instant created;
    try {
      created = Instant.parse(Json.text(o, "metadata.creationTimestamp"));
    } catch (DateTimeParseException e) {
      return "<unknown>";
    }
    long s = Math.max(0, Duration.between(created, now).getSeconds());
    long m = s / 60;
    long h = m / 60;
    long d = h / 24;
    if (s < 120) {
      return s + "s";
    } else if (m < 10) {
      return m + "m" + (s % 60 == 0 ? "" : s % 60 + "s");
    } else if (m < 180) {
      return m + "m";
    } else if (h < 8) {
      return h + "h" + (m % 60 == 0 ? "" : m % 60 + "m");
    } else if (h < 48) {
      return h + "h";
    } else if (d < 8) {
      return d + "d" + (h % 24 == 0 ? "" : h % 24 + "h");
    }
    return d + "d";
  }
}
