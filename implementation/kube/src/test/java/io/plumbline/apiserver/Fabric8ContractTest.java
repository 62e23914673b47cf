package io.plumbline.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.ReplicationControllerBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fabric8 Kubernetes client (a real client library, not ours) against the API server on both
 * stores: create, get, list (paged), update, merge patch, dry runs, delete, and the answers it
 * turns into exceptions (409, 422), the JSON patch its {@code edit} sends, server-side apply.
 */
class Fabric8ContractTest extends ApiServerTestBase {
  private static final String NS = "fabric8";
  private KubernetesClient client;

  @BeforeEach
  void connect() {
    Config config = new ConfigBuilder(Config.empty())
        .withMasterUrl("http://127.0.0.1:" + server.port()).withNamespace(NS)
        .withRequestTimeout(20_000).build();
    client = new KubernetesClientBuilder().withConfig(config).build();
    if (client.namespaces().withName(NS).get() == null) {
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS)
          .endMetadata().build()).create();
    }
  }

  @AfterEach
  void close() {
    client.close();
  }

  private static Pod pod(String name) {
    return new PodBuilder().withNewMetadata().withName(name).addToLabels("app", "f8")
        .endMetadata().withNewSpec().addNewContainer().withName("c").withImage("busybox")
        .endContainer().endSpec().build();
  }

  @Test
  void createGetListUpdatePatchAndDeletePods() {
    Pod created = client.pods().resource(pod("p1")).create();
    assertThat(created.getMetadata().getUid()).isNotEmpty();
    assertThat(created.getStatus().getPhase()).isEqualTo("Pending");
    assertThat(client.pods().withName("p1").get().getMetadata().getResourceVersion())
        .isEqualTo(created.getMetadata().getResourceVersion());
    assertThatThrownBy(() -> client.pods().resource(pod("p1")).create())
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode())
            .isEqualTo(409));
    created.getMetadata().getLabels().put("tier", "fe");
    Pod updated = client.pods().resource(created).update();
    assertThat(updated.getMetadata().getLabels()).containsEntry("tier", "fe");
    Pod patched = client.pods().withName("p1").patch(PatchContext.of(PatchType.JSON_MERGE),
        "{\"metadata\":{\"labels\":{\"patched\":\"yes\"}}}");
    assertThat(patched.getMetadata().getLabels()).containsEntry("patched", "yes");
    assertThat(client.pods().withLabel("patched", "yes").list().getItems()).hasSize(1);
    client.pods().withName("p1").delete();
    assertThat(client.pods().withName("p1").get()).isNull();
  }

  @Test
  void listsPageWithLimitAndContinue() {
    for (int i = 1; i <= 5; i++) {
      client.pods().resource(pod("page-" + i)).create();
    }
    List<String> names = new ArrayList<>();
    String token = null;
    String version = null;
    do {
      PodList page = client.pods().withLabel("app", "f8").list(new ListOptionsBuilder()
          .withLimit(2L).withContinue(token).build());
      version = version == null ? page.getMetadata().getResourceVersion() : version;
      assertThat(page.getMetadata().getResourceVersion()).isEqualTo(version);
      page.getItems().forEach(p -> names.add(p.getMetadata().getName()));
      token = page.getMetadata().getContinue();
    } while (token != null && !token.isEmpty());
    assertThat(names).containsExactly("page-1", "page-2", "page-3", "page-4", "page-5");
  }

  @Test
  void dryRunsChangeNothing() {
    ConfigMap cm = client.configMaps().resource(new ConfigMapBuilder().withNewMetadata()
        .withName("settings").endMetadata().withData(Map.of("mode", "slow")).build()).create();
    ConfigMap wouldBe = client.configMaps().resource(new ConfigMapBuilder().withNewMetadata()
        .withName("other").endMetadata().build()).dryRun().create();
    assertThat(wouldBe.getMetadata().getUid()).isNotEmpty();
    assertThat(client.configMaps().withName("other").get()).isNull();
    cm.getData().put("mode", "fast");
    assertThat(client.configMaps().resource(cm).dryRun().update().getData())
        .containsEntry("mode", "fast");
    client.configMaps().withName("settings").dryRun().delete();
    ConfigMap after = client.configMaps().withName("settings").get();
    assertThat(after.getData()).containsEntry("mode", "slow");
    assertThat(after.getMetadata().getResourceVersion())
        .isEqualTo(cm.getMetadata().getResourceVersion());
  }

  @Test
  void replicationControllersValidateAndEditSendsAJsonPatch() {
    ReplicationController rc = new ReplicationControllerBuilder().withNewMetadata()
        .withName("web").endMetadata().withNewSpec().withReplicas(2)
        .addToSelector("app", "web").withNewTemplate().withNewMetadata()
        .addToLabels("app", "web").endMetadata().withNewSpec().addNewContainer().withName("c")
        .withImage("nginx").endContainer().endSpec().endTemplate().endSpec().build();
    client.replicationControllers().resource(rc).create();
    assertThatThrownBy(() -> client.replicationControllers().withName("web")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"replicas\":-1}}"))
        .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode())
            .isEqualTo(422));
    assertThat(client.replicationControllers().withName("web").get().getSpec().getReplicas())
        .isEqualTo(2);
    client.replicationControllers().withName("web").edit(r -> new ReplicationControllerBuilder(r)
        .editSpec().withReplicas(4).endSpec().build());
    assertThat(client.replicationControllers().withName("web").get().getSpec().getReplicas())
        .isEqualTo(4);
  }

  @Test
  void serverSideApplyCreatesAndMerges() {
    ConfigMap first = new ConfigMapBuilder().withNewMetadata().withName("applied").endMetadata()
        .addToData("a", "1").build();
    client.configMaps().resource(first).fieldManager("plumbline-test").serverSideApply();
    ConfigMap second = new ConfigMapBuilder().withNewMetadata().withName("applied").endMetadata()
        .addToData("b", "2").build();
    ConfigMap merged = client.configMaps().resource(second).fieldManager("plumbline-test")
        .serverSideApply();
    assertThat(merged.getData()).containsEntry("a", "1").containsEntry("b", "2");
  }
}
