package io.plumbline.controlplane;

/** The kubeconfig a user gets from {@code up}: no authentication, plain HTTP, namespace default. */
public final class Kubeconfig {
  private Kubeconfig() {}

  public static String render(String serverUrl) {
    return String.join("\n",
        "apiVersion: v1",
        "kind: Config",
        "clusters:",
        "- name: plumbline",
        "  cluster: {server: '" + serverUrl + "'}",
        "users:",
        "- name: plumbline",
        "  user: {}",
        "contexts:",
        "- name: plumbline",
        "  context: {cluster: plumbline, user: plumbline, namespace: default}",
        "current-context: plumbline", "");
  }
}
