package io.plumbline.apiserver.auth;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * What a request asks to do, read from its method and URL alone, as kube-apiserver's
 * RequestInfoResolver reads it before any handler runs: a resource request
 * ({@code /api/v1/namespaces/ns/pods/name/status}: verb, group, resource, subresource,
 * namespace, name) or a non-resource request ({@code /healthz}, {@code /api}, discovery).
 * It does not know which resources exist: authorization happens before a 404.
 */
public record RequestInfo(boolean resourceRequest, String path, String verb, String apiGroup,
    String apiVersion, String namespace, String resource, String subresource, String name) {

  /** Path segments after which a resource URL starts. */
  private static final Set<String> API_PREFIXES = Set.of("api", "apis");

  /** {@code watch} is the request's watch query parameter ("true"/"1" make a list a watch). */
  public static RequestInfo of(String method, String path, String watch) {
    String httpVerb = method.toLowerCase(java.util.Locale.ROOT);
    List<String> parts = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    RequestInfo nonResource = new RequestInfo(false, path, httpVerb, "", "", "", "", "", "");
    if (parts.isEmpty() || !API_PREFIXES.contains(parts.get(0))) {
      return nonResource;
    }
    boolean core = parts.get(0).equals("api");
    int minimum = core ? 3 : 4; // api/v1/<resource> or apis/<group>/<version>/<resource>
    if (parts.size() < minimum) {
      return nonResource; // discovery documents
    }
    String group = core ? "" : parts.get(1);
    String version = core ? parts.get(1) : parts.get(2);
    List<String> rest = parts.subList(core ? 2 : 3, parts.size());
    String namespace = "";
    if (rest.get(0).equals("namespaces") && rest.size() >= 3) {
      namespace = rest.get(1);
      rest = rest.subList(2, rest.size());
    }
    String resource = rest.get(0);
    String name = rest.size() > 1 ? rest.get(1) : "";
    String sub = rest.size() > 2 ? rest.get(2) : "";
    if (resource.equals("namespaces") && rest.size() == 2 && namespace.isEmpty()) {
      namespace = name; // GET /api/v1/namespaces/x is in namespace x, as in Kubernetes
    }
    return new RequestInfo(true, path, verb(httpVerb, name, watch), group, version, namespace,
        resource, sub, name);
  }

  private static String verb(String httpVerb, String name, String watch) {
    boolean watching = "true".equals(watch) || "1".equals(watch);
    return switch (httpVerb) {
      case "post" -> "create";
      case "put" -> "update";
      case "patch" -> "patch";
      case "delete" -> name.isEmpty() ? "deletecollection" : "delete";
      case "get", "head" -> watching ? "watch" : name.isEmpty() ? "list" : "get";
      default -> httpVerb;
    };
  }

  /** {@code pods} or {@code pods/status}, as RBAC rules name it. */
  public String resourceWithSubresource() {
    return subresource.isEmpty() ? resource : resource + "/" + subresource;
  }
}
