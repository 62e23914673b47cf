package io.plumbline.controlplane;

/**
 * The kubeconfig a user gets from {@code up}, namespace default: over HTTPS with the CA and the
 * admin client certificate (file paths, so the key stays in its 0600 file), or plain HTTP
 * without credentials for {@code --insecure}.
 */
public final class Kubeconfig {
  private Kubeconfig() {}

  public static String render(String serverUrl, UpPki pki) {
    String cluster = pki == null ? "{server: '" + serverUrl + "'}"
        : "{server: '" + serverUrl + "', certificate-authority: '" + pki.ca() + "'}";
    String user = pki == null ? "{}" : "{client-certificate: '" + pki.cert("admin")
        + "', client-key: '" + pki.key("admin") + "'}";
    return render(cluster, user);
  }

  private static String render(String cluster, String user) {
    return String.join("\n",
        "apiVersion: v1",
        "kind: Config",
        "clusters:",
        "- name: plumbline",
        "  cluster: " + cluster,
        "users:",
        "- name: plumbline",
        "  user: " + user,
        "contexts:",
        "- name: plumbline",
        "  context: {cluster: plumbline, user: plumbline, namespace: default}",
        "current-context: plumbline", "");
  }
}
