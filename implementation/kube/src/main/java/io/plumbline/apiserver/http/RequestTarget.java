package io.plumbline.apiserver.http;

import io.plumbline.apiserver.api.ApiError;
import io.plumbline.apiserver.api.ResourceType;
import io.plumbline.apiserver.api.Resources;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a resource URL names: {@code /api/v1/namespaces/ns/pods/name/status} or
 * {@code /apis/coordination.k8s.io/v1/leases}. {@code namespace} is null for cluster-scoped
 * objects and for lists across all namespaces; {@code name} is null for collections.
 */
public record RequestTarget(ResourceType type, String namespace, String name, String subresource) {

  /** The group/version a discovery URL names when it names no resource. */
  public record GroupVersion(String group, String version) {}

  /** Splits a path after {@code /api} or {@code /apis} into group, version and the rest. */
  static Optional<RequestTarget> parse(String group, String version, List<String> rest) {
    if (rest.isEmpty()) {
      return Optional.empty();
    }
    if (rest.size() >= 3 && rest.get(0).equals("namespaces")) {
      Optional<ResourceType> type = Resources.find(group, version, rest.get(2));
      if (type.isPresent() && type.get().namespaced()) {
        return Optional.of(of(type.get(), rest.get(1), rest.subList(3, rest.size())));
      }
    }
    ResourceType type = Resources.find(group, version, rest.get(0))
        .orElseThrow(() -> notServed(group, version, rest.get(0)));
    return Optional.of(of(type, null, rest.subList(1, rest.size())));
  }

  private static RequestTarget of(ResourceType type, String namespace, List<String> rest) {
    if (rest.size() > 2) {
      throw notServed(type.group(), type.version(), String.join("/", rest));
    }
    String name = rest.isEmpty() ? null : rest.get(0);
    String sub = rest.size() < 2 ? null : rest.get(1);
    boolean subServed = sub == null || sub.equals("status") && type.hasStatus()
        || sub.equals("scale") && type.hasScale()
        || sub.equals("binding") && type == io.plumbline.apiserver.api.Resources.PODS;
    if (!subServed) {
      throw notServed(type.group(), type.version(), type.plural() + "/" + sub);
    }
    return new RequestTarget(type, namespace, name, sub);
  }

  /** Path segments of a URL path, without empty ones. */
  static List<String> segments(String path) {
    return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
  }

  private static ApiError notServed(String group, String version, String what) {
    String gv = group.isEmpty() ? version : group + "/" + version;
    return ApiError.notFoundPath("the server could not find the requested resource (" + gv + " "
        + what + ")");
  }
}
