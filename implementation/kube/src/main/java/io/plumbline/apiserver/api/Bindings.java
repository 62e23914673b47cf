package io.plumbline.apiserver.api;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code POST pods/NAME/binding}: how a scheduler outside the API server assigns a pod to a node (a
 * {@code Binding} whose {@code target} names the Node), the one write the {@code system:kube-scheduler} role
 * allows on pods. Sets {@code spec.nodeName} once: a pod already assigned is a 409 Conflict, as in Kubernetes, and
 * a pod being deleted is never assigned (500, kube-apiserver's words).
 */
public final class Bindings {
  private Bindings() {}

  /** Binds the pod; the answer is kube-apiserver's {@code Status} of kind Success, code 201. */
  public static ObjectNode bind(ObjectService objects, String namespace, String pod, ObjectNode binding,
      WriteFence fence) {
    String node = Json.text(binding, "target.name");
    if (node.isEmpty()) {
      throw ApiError.badRequest("Binding.target.name: Required value");
    }
    String named = Json.text(binding, "metadata.name");
    if (!named.isEmpty() && !named.equals(pod)) {
      throw ApiError.badRequest("Binding.metadata.name " + named + " does not match the pod " + pod);
    }
    objects.mutate(Resources.PODS, namespace, pod, "", p -> {
      String current = Json.text(p, "spec.nodeName");
      if (!Json.text(p, "metadata.deletionTimestamp").isEmpty()) {
        // kube-apiserver's BindingREST: a plain error, hence a 500 with its message
        throw ApiError.internal("pod " + pod + " is being deleted, cannot be assigned to a host");
      }
      if (!current.isEmpty()) {
        throw ApiError.conflict(Resources.PODS, pod, "pod " + pod + " is already assigned to node \"" + current
            + "\"");
      }
      Json.child(p, "spec").put("nodeName", node);
      return p;
    }, fence);
    ObjectNode status = Json.object().put("kind", "Status").put("apiVersion", "v1");
    status.putObject("metadata");
    return status.put("status", "Success").put("code", 201);
  }
}
