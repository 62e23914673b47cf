package io.plumbline.apiserver.duties;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbline.apiserver.api.Json;
import io.plumbline.apiserver.api.ObjectService;
import io.plumbline.apiserver.api.Resources;
import io.plumbline.apiserver.api.WriteFence;
import java.nio.charset.StandardCharsets;

/** Objects the duty tests write into an {@link ObjectService}, written as single-quoted JSON. */
final class TestObjects {
  private TestObjects() {}

  /** {@code singleQuoted} with ' for ", parsed: keeps test objects readable inside Java strings. */
  static ObjectNode json(String singleQuoted) {
    return (ObjectNode) Json.parse(singleQuoted.replace('\'', '"')
        .getBytes(StandardCharsets.UTF_8));
  }

  /** Creates node {@code name} with its Ready condition True or False. */
  static void node(ObjectService objects, String name, boolean ready) {
    objects.create(Resources.NODES, null, json("{'metadata':{'name':'" + name + "'},'status':"
        + "{'conditions':[{'type':'Ready','status':'" + (ready ? "True" : "False") + "'}]}}"),
        WriteFence.NONE);
  }
}
