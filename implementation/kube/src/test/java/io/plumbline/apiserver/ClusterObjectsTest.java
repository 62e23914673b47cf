package io.plumbline.apiserver;

import static io.plumbline.testing.JsonLiteral.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbline.apiserver.Api.Answer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every Kubernetes cluster has beside the workloads: the bootstrap namespaces and the
 * {@code kubernetes} Service, EndpointSlices kept beside Endpoints (so {@code kubectl describe
 * svc} shows endpoints), ConfigMaps, and Secrets whose {@code data} is base64.
 */
@WithDuties
class ClusterObjectsTest extends ApiServerTestBase {
  @Test
  void bootstrapNamespacesAndTheKubernetesServiceExist() {
    for (String ns : new String[] {"default", "kube-system", "kube-public", "kube-node-lease"}) {
      assertThat(api.get("/api/v1/namespaces/" + ns).code()).as(ns).isEqualTo(200);
    }
    Answer kubernetes = api.get("/api/v1/namespaces/default/services/kubernetes");
    assertThat(kubernetes.code()).isEqualTo(200);
    assertThat(kubernetes.text("spec.clusterIP")).isEqualTo("10.96.0.1");
    assertThat(kubernetes.body().at("/spec/ports/0/port").asInt()).isEqualTo(443);
  }

  @Test
  void readyNodesRenewTheirLeasesAndKubectlDescribeNodeShowsTheHeartbeat(@TempDir Path dir)
      throws Exception {
    String lease = "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/node-1";
    await().atMost(Duration.ofSeconds(30)).until(() -> api.get(lease).code() == 200);
    String first = api.get(lease).text("spec.renewTime");
    assertThat(api.get(lease).text("spec.holderIdentity")).isEqualTo("node-1");
    await().atMost(Duration.ofSeconds(30)).until(() -> !api.get(lease).text("spec.renewTime")
        .equals(first));
    Kubectl kubectl = new Kubectl(dir, server.port());
    Kubectl.Result described = kubectl.run("describe", "node", "node-1");
    assertThat(described.out()).as(described.out()).containsPattern("HolderIdentity: +node-1")
        .containsPattern("RenewTime: +\\w{3}, \\d\\d \\w{3} 20\\d\\d");
  }

  @Test
  void anEndpointSliceFollowsTheServicesPodsAndKubectlDescribeShowsThem(@TempDir Path dir)
      throws Exception {
    String ns = namespace("slices");
    api.post(ns + "/services", json("{'metadata':{'name':'web'},'spec':{'selector':"
        + "{'app':'web'},'ports':[{'name':'http','port':80,'targetPort':8080}]}}"));
    api.post(ns + "/pods", pod("web-1", "{'app':'web'}"));
    String slice = "/apis/discovery.k8s.io/v1/namespaces/slices/endpointslices/web";
    await().atMost(Duration.ofSeconds(30)).until(() -> api.get(slice).body()
        .at("/endpoints/0/conditions/ready").asBoolean(false));
    JsonNode got = api.get(slice).body();
    String ip = api.get(ns + "/pods/web-1").text("status.podIP");
    assertThat(got.at("/addressType").asText()).isEqualTo("IPv4");
    assertThat(got.at("/metadata/labels").toString()).contains("\"kubernetes.io/service-name\":\"web\"");
    assertThat(got.at("/endpoints/0/addresses/0").asText()).isEqualTo(ip);
    assertThat(got.at("/endpoints/0/targetRef/name").asText()).isEqualTo("web-1");
    assertThat(got.at("/ports/0/port").asInt()).isEqualTo(8080);
    Kubectl kubectl = new Kubectl(dir, server.port());
    Kubectl.Result described = kubectl.run("-n", "slices", "describe", "svc", "web");
    assertThat(described.out()).as(described.out()).containsPattern("Endpoints: +" + ip + ":8080");
    // an unnamed port (kubectl create service, expose): the slice's port has name ""
    api.post(ns + "/services", json("{'metadata':{'name':'plain'},'spec':{'selector':"
        + "{'app':'web'},'ports':[{'port':80,'targetPort':8080}]}}"));
    String plain = "/apis/discovery.k8s.io/v1/namespaces/slices/endpointslices/plain";
    await().atMost(Duration.ofSeconds(30)).until(() -> api.get(plain).body()
        .at("/endpoints/0/conditions/ready").asBoolean(false));
    assertThat(api.get(plain).body().at("/ports/0/name").isTextual()).isTrue();
    Kubectl.Result plainDescribed = kubectl.run("-n", "slices", "describe", "svc", "plain");
    assertThat(plainDescribed.out()).as(plainDescribed.out())
        .containsPattern("Endpoints: +" + ip + ":8080");

    api.delete(ns + "/services/web", json("{}"));
    await().atMost(Duration.ofSeconds(30)).until(() -> api.get(slice).code() == 404);
  }

  @Test
  void configMapsAndSecretsWithBase64Data(@TempDir Path dir) throws Exception {
    String ns = namespace("config");
    Answer cm = api.post(ns + "/configmaps", json("{'metadata':{'name':'settings'},"
        + "'data':{'mode':'fast'}}"));
    assertThat(cm.code()).isEqualTo(201);
    Answer secret = api.post(ns + "/secrets", json("{'metadata':{'name':'creds'},"
        + "'stringData':{'password':'hunter2'}}"));
    assertThat(secret.code()).as(secret.body().toString()).isEqualTo(201);
    assertThat(secret.text("type")).isEqualTo("Opaque");
    assertThat(secret.body().has("stringData")).isFalse();
    assertThat(new String(Base64.getDecoder().decode(secret.text("data.password")),
        StandardCharsets.UTF_8)).isEqualTo("hunter2");
    Answer bad = api.post(ns + "/secrets", json("{'metadata':{'name':'bad'},"
        + "'data':{'k':'not base64!'}}"));
    assertThat(bad.code()).isEqualTo(422);
    Kubectl kubectl = new Kubectl(dir, server.port());
    Path manifest = Files.writeString(dir.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\n"
        + "metadata: {name: applied}\ndata: {a: '1', b: '2'}\n");
    assertThat(kubectl.run("-n", "config", "apply", "-f", manifest.toString()).out())
        .contains("configmap/applied created");
    assertThat(kubectl.run("-n", "config", "get", "cm").out()).containsPattern("applied +2 ");
    assertThat(kubectl.run("-n", "config", "get", "secret", "creds", "-o",
        "jsonpath={.data.password}").out()).isEqualTo(secret.text("data.password"));
  }
}
