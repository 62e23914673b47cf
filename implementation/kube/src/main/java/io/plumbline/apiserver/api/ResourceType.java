package io.plumbline.apiserver.api;

import java.util.List;

/**
 * One kind of object the API server serves: how it is named in URLs and discovery, whether it
 * lives in a namespace, and which subresources it has.
 */
public record ResourceType(
    String plural,
    String singular,
    String kind,
    String group,
    String version,
    boolean namespaced,
    List<String> shortNames,
    boolean hasStatus,
    boolean hasScale) {

  /** The verbs every resource supports (kubectl reads these from discovery). */
  public static final List<String> VERBS =
      List.of("create", "delete", "get", "list", "patch", "update", "watch");

  /** {@code v1} for the core group, {@code group/version} otherwise. */
  public String apiVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** The store prefix holding every object of this type. */
  public String prefix() {
    return "/registry/" + plural + "/";
  }

  /** The store prefix for one namespace, or for all objects when {@code namespace} is null. */
  public String prefix(String namespace) {
    return namespaced && namespace != null ? prefix() + namespace + "/" : prefix();
  }

  /** The store key of one object: {@code /registry/<plural>/<namespace>/<name>}. */
  public String key(String namespace, String name) {
    return namespaced ? prefix() + namespace + "/" + name : prefix() + name;
  }
}
