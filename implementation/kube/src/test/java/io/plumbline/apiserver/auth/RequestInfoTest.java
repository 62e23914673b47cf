package io.plumbline.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestInfoTest {
  @Test
  void aNamespacedSubresourceUrlNamesEveryAttribute() {
    RequestInfo r = RequestInfo.of("PUT", "/api/v1/namespaces/team/pods/web/status", null);
    assertThat(r).isEqualTo(new RequestInfo(true, "/api/v1/namespaces/team/pods/web/status",
        "update", "", "v1", "team", "pods", "status", "web"));
    assertThat(r.resourceWithSubresource()).isEqualTo("pods/status");
  }

  @Test
  void collectionsAreListOrWatchAndDeleteCollection() {
    assertThat(RequestInfo.of("GET", "/apis/coordination.k8s.io/v1/namespaces/kube-system/leases",
        null).verb()).isEqualTo("list");
    assertThat(RequestInfo.of("GET", "/api/v1/pods", "true").verb()).isEqualTo("watch");
    assertThat(RequestInfo.of("DELETE", "/api/v1/namespaces/a/pods", null).verb())
        .isEqualTo("deletecollection");
    assertThat(RequestInfo.of("POST", "/api/v1/namespaces/a/pods", null).verb())
        .isEqualTo("create");
  }

  @Test
  void aNamespaceIsInItself() {
    RequestInfo r = RequestInfo.of("GET", "/api/v1/namespaces/team", null);
    assertThat(r.resource()).isEqualTo("namespaces");
    assertThat(r.namespace()).isEqualTo("team");
    assertThat(r.name()).isEqualTo("team");
  }

  @Test
  void discoveryAndProbesAreNonResourceRequests() {
    assertThat(RequestInfo.of("GET", "/apis/rbac.authorization.k8s.io/v1", null)
        .resourceRequest()).isFalse();
    assertThat(RequestInfo.of("GET", "/api", null).resourceRequest()).isFalse();
    RequestInfo health = RequestInfo.of("GET", "/healthz", null);
    assertThat(health.resourceRequest()).isFalse();
    assertThat(health.verb()).isEqualTo("get");
  }
}
