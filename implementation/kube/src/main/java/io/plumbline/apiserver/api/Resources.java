package io.plumbline.apiserver.api;

import java.util.List;
import java.util.Optional;

/** The fixed set of resources this API server serves. */
public final class Resources {
  private Resources() {}

  public static final ResourceType PODS = new ResourceType("pods", "pod", "Pod", "", "v1", true,
      List.of("po"), true, false);
  public static final ResourceType SERVICES = new ResourceType("services", "service", "Service",
      "", "v1", true, List.of("svc"), true, false);
  public static final ResourceType ENDPOINTS = new ResourceType("endpoints", "endpoints",
      "Endpoints", "", "v1", true, List.of("ep"), false, false);
  public static final ResourceType NODES = new ResourceType("nodes", "node", "Node", "", "v1",
      false, List.of("no"), true, false);
  public static final ResourceType REPLICATION_CONTROLLERS = new ResourceType(
      "replicationcontrollers", "replicationcontroller", "ReplicationController", "", "v1", true,
      List.of("rc"), true, true);
  public static final ResourceType NAMESPACES = new ResourceType("namespaces", "namespace",
      "Namespace", "", "v1", false, List.of("ns"), true, false);
  /** Served so that {@code kubectl describe} can look up an object's events. */
  public static final ResourceType EVENTS = new ResourceType("events", "event", "Event", "", "v1",
      true, List.of("ev"), false, false);
  public static final ResourceType LEASES = new ResourceType("leases", "lease", "Lease",
      "coordination.k8s.io", "v1", true, List.of(), false, false);

  /** Maintained beside Endpoints by the endpoints controller; kubectl describe svc reads them. */
  public static final ResourceType ENDPOINT_SLICES = new ResourceType("endpointslices",
      "endpointslice", "EndpointSlice", "discovery.k8s.io", "v1", true, List.of(), false, false);

  public static final ResourceType CONFIG_MAPS = new ResourceType("configmaps", "configmap",
      "ConfigMap", "", "v1", true, List.of("cm"), false, false);
  /** {@code data} values are base64, as in Kubernetes; {@code stringData} is folded into it. */
  public static final ResourceType SECRETS = new ResourceType("secrets", "secret", "Secret", "",
      "v1", true, List.of(), false, false);

  /** RBAC (rbac.authorization.k8s.io/v1): stored like the others, read by the authorizer. */
  public static final String RBAC_GROUP = "rbac.authorization.k8s.io";
  public static final ResourceType ROLES = new ResourceType("roles", "role", "Role", RBAC_GROUP,
      "v1", true, List.of(), false, false);
  public static final ResourceType CLUSTER_ROLES = new ResourceType("clusterroles", "clusterrole",
      "ClusterRole", RBAC_GROUP, "v1", false, List.of(), false, false);
  public static final ResourceType ROLE_BINDINGS = new ResourceType("rolebindings", "rolebinding",
      "RoleBinding", RBAC_GROUP, "v1", true, List.of(), false, false);
  public static final ResourceType CLUSTER_ROLE_BINDINGS = new ResourceType("clusterrolebindings",
      "clusterrolebinding", "ClusterRoleBinding", RBAC_GROUP, "v1", false, List.of(), false, false);

  public static final List<ResourceType> ALL = List.of(PODS, SERVICES, ENDPOINTS, NODES,
      REPLICATION_CONTROLLERS, NAMESPACES, EVENTS, LEASES, ENDPOINT_SLICES, CONFIG_MAPS, SECRETS,
      ROLES, CLUSTER_ROLES, ROLE_BINDINGS, CLUSTER_ROLE_BINDINGS);

  /** The resource served at {@code group/version/plural}, if any. */
  public static Optional<ResourceType> find(String group, String version, String plural) {
    return ALL.stream()
        .filter(t -> t.group().equals(group) && t.version().equals(version)
            && t.plural().equals(plural))
        .findFirst();
  }

  /** The distinct non-core API groups, for {@code /apis}. */
  public static List<String> groups() {
    return ALL.stream().map(ResourceType::group).filter(g -> !g.isEmpty()).distinct().toList();
  }
}
