package io.plumbline.apiserver;

import static io.plumbline.testing.JsonLiteral.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.apiserver.api.Resources;
import io.plumbline.apiserver.http.Fencing;
import io.plumbline.apiserver.http.LeaseFencing;
import io.plumbline.apiserver.store.EtcdObjectStore;
import io.plumbline.apiserver.store.WriteGuard;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/** Writes carrying a lease generation are accepted only while that generation is current. */
class FencingTest extends ApiServerTestBase {
  private static final String LEASE =
      "/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/cm";
  private static final String PODS = "/api/v1/namespaces/default/pods";

  @BeforeParameterizedClassInvocation(injectArguments = false)
  static void seed() {
    api.post("/apis/coordination.k8s.io/v1/namespaces/kube-system/leases", json(
        "{'metadata':{'name':'cm'},'spec':{'holderIdentity':'a','leaseDurationSeconds':15,"
            + "'leaseTransitions':1}}"));
  }

  @Test
  void theCurrentGenerationMayWriteEvenAfterTheLeaderRenewed() throws Exception {
    assertThat(fencedCreate(api, "gen-ok", 1).statusCode()).isEqualTo(201);
    api.patch(LEASE, "application/merge-patch+json",
        json("{'spec':{'renewTime':'2026-01-01T00:00:01.000000Z'}}"));
    assertThat(fencedCreate(api, "gen-ok-after-renew", 1).statusCode()).isEqualTo(201);
  }

  @Test
  void aDeposedGenerationIsRefusedAndWritesNothing() throws Exception {
    api.patch(LEASE, "application/merge-patch+json",
        json("{'spec':{'holderIdentity':'b','leaseTransitions':2}}"));
    try {
      HttpResponse<String> stale = fencedCreate(api, "from-deposed", 1);
      assertThat(stale.statusCode()).isEqualTo(409);
      assertThat(stale.body()).contains("write fenced off", "generation 1", "now 2");
      assertThat(api.get(PODS + "/from-deposed").code()).isEqualTo(404);
      assertThat(fencedCreate(api, "from-new-leader", 2).statusCode()).isEqualTo(201);
      assertThat(api.post(PODS, pod("unfenced-client", "{}")).code()).isEqualTo(201);
    } finally {
      api.patch(LEASE, "application/merge-patch+json",
          json("{'spec':{'holderIdentity':'a','leaseTransitions':1}}"));
    }
  }

  /** Admissible(w) needs the Lease to carry w's generation: a deleted Lease carries none. */
  @Test
  void aWriteFencedByADeletedLeaseIsRefused() throws Exception {
    assertThat(api.delete(LEASE, json("{}")).code()).isEqualTo(200);
    try {
      HttpResponse<String> orphan = fencedCreate(api, "fenced-by-deleted-lease", 1);
      assertThat(orphan.statusCode()).isEqualTo(409);
      assertThat(api.get(PODS + "/fenced-by-deleted-lease").code()).isEqualTo(404);
    } finally {
      seed();
    }
  }

  /**
   * Check and write are one transaction: an enforced fence guards the write on the Lease's mod
   * revision as it checked it, so a Lease update in between makes the write fail (a race no
   * HTTP-level test can time).
   */
  @Test
  void anEnforcedFenceGuardsTheWriteOnTheLeaseRevisionItChecked() {
    EtcdObjectStore objects = new EtcdObjectStore(store.clientUrls(), Duration.ofSeconds(5));
    try {
      String key = Resources.LEASES.key("kube-system", "cm");
      long checked = objects.get(key).orElseThrow().modRevision();
      assertThat(new LeaseFencing(objects, true).fenceFor("kube-system/cm=1").guards())
          .containsExactly(new WriteGuard(key, checked));
    } finally {
      objects.close();
    }
  }

  @Test
  void withFencingOffTheDeposedWriteGoesThrough() throws Exception {
    try (ApiServer unfenced = ApiServer.start(new ApiServer.Settings(store.clientUrls(),
        "127.0.0.1", 0, Duration.ofSeconds(5), false, 1_000, 0, 500, false))) {
      Api other = new Api(unfenced.port());
      assertThat(fencedCreate(other, "accepted-unfenced", 0).statusCode()).isEqualTo(201);
      assertThat(fencedCreate(other, "current-generation", 1).statusCode()).isEqualTo(201);
      assertThat(unfenced.staleWritesAccepted()).isEqualTo(1);
      assertThat(server.staleWritesAccepted()).isZero();
    }
  }

  @Test
  void aMalformedFencingHeaderIsA400() throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(api.base() + PODS))
        .header("Content-Type", "application/json").header(Fencing.HEADER, "nonsense")
        .POST(HttpRequest.BodyPublishers.ofString(pod("bad-header", "{}").toString())).build();
    assertThat(api.client().send(request, HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(400);
  }

  private static HttpResponse<String> fencedCreate(Api client, String name, long generation)
      throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(client.base() + PODS))
        .header("Content-Type", "application/json")
        .header(Fencing.HEADER, "kube-system/cm=" + generation)
        .POST(HttpRequest.BodyPublishers.ofString(pod(name, "{}").toString())).build();
    return client.client().send(request, HttpResponse.BodyHandlers.ofString());
  }
}
