package io.plumbline.apiserver.duties;

import static io.plumbline.testing.JsonLiteral.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.plumbline.apiserver.api.ObjectService;
import io.plumbline.apiserver.api.Resources;
import io.plumbline.apiserver.api.WriteFence;

/** Objects the duty tests write into an {@link ObjectService}, written as single-quoted JSON. */
final class TestObjects {
  private TestObjects() {}

  /** Creates node {@code name} with its Ready condition True or False. */
  static void node(ObjectService objects, String name, boolean ready) {
    objects.create(Resources.NODES, null, json("{'metadata':{'name':'" + name + "'},'status':"
        + "{'conditions':[{'type':'Ready','status':'" + (ready ? "True" : "False") + "'}]}}"),
        WriteFence.NONE);
  }

  /** Replaces node {@code name}'s conditions by one Ready condition, True or False. */
  static void setReady(ObjectService objects, String name, boolean ready) {
    objects.mutate(Resources.NODES, null, name, "", n -> {
      ((ArrayNode) n.path("status").path("conditions")).removeAll().addObject()
          .put("type", "Ready").put("status", ready ? "True" : "False");
      return n;
    }, WriteFence.NONE);
  }
}
