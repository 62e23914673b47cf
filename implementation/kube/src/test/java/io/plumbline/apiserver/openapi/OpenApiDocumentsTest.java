package io.plumbline.apiserver.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plumbline.apiserver.api.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The documents kubectl reads: every group version in the v3 index resolves, every {@code $ref}
 * names a schema of its own document, each served kind's schema carries its group-version-kind,
 * and the PATCH operations declare fieldValidation (kubectl then leaves strict validation to the
 * server).
 */
class OpenApiDocumentsTest {
  private final OpenApiDocuments docs = new OpenApiDocuments();

  private JsonNode v3(String gv) {
    return Json.parse(docs.v3(gv).orElseThrow());
  }

  @Test
  void theIndexListsEveryServedGroupVersionWithAHash() {
    JsonNode paths = Json.parse(docs.v3Index()).get("paths");
    assertThat(paths.fieldNames()).toIterable().containsExactlyInAnyOrder("api/v1",
        "apis/coordination.k8s.io/v1", "apis/discovery.k8s.io/v1", "apis/rbac.authorization.k8s.io/v1");
    assertThat(paths.at("/api~1v1/serverRelativeURL").asText())
        .startsWith("/openapi/v3/api/v1?hash=");
    assertThat(docs.v3("apis/apps/v1")).isEmpty();
  }

  @Test
  void everyReferenceResolvesInItsOwnDocument() {
    for (String gv : List.of("api/v1", "apis/coordination.k8s.io/v1", "apis/discovery.k8s.io/v1",
        "apis/rbac.authorization.k8s.io/v1")) {
      JsonNode doc = v3(gv);
      List<String> refs = new ArrayList<>();
      collectRefs(doc, refs);
      assertThat(refs).isNotEmpty();
      for (String ref : refs) {
        assertThat(ref).startsWith("#/components/schemas/");
        assertThat(doc.at("/components/schemas").has(ref.substring(21))).as(gv + " " + ref)
            .isTrue();
      }
    }
    JsonNode v2 = Json.parse(docs.v2());
    List<String> refs = new ArrayList<>();
    collectRefs(v2, refs);
    refs.forEach(ref -> assertThat(v2.get("definitions").has(ref.substring(14))).as(ref).isTrue());
  }

  @Test
  void kindsCarryTheirGroupVersionKindAndKubernetesTypes() {
    JsonNode schemas = v3("api/v1").at("/components/schemas");
    JsonNode pod = schemas.get("io.k8s.api.core.v1.Pod");
    assertThat(pod.at("/x-kubernetes-group-version-kind/0/kind").asText()).isEqualTo("Pod");
    assertThat(pod.at("/properties/spec/$ref").asText())
        .isEqualTo("#/components/schemas/io.k8s.api.core.v1.PodSpec");
    assertThat(schemas.at("/io.k8s.apimachinery.pkg.util.intstr.IntOrString"
        + "/x-kubernetes-int-or-string").asBoolean()).isTrue();
    assertThat(schemas.at("/io.k8s.apimachinery.pkg.apis.meta.v1.Time/format").asText())
        .isEqualTo("date-time");
    JsonNode lease = v3("apis/coordination.k8s.io/v1").at("/components/schemas");
    assertThat(lease.at("/io.k8s.api.coordination.v1.Lease/x-kubernetes-preserve-unknown-fields")
        .asBoolean()).isTrue();
  }

  @Test
  void patchOperationsDeclareFieldValidation() {
    JsonNode patch = v3("api/v1").at("/paths/~1api~1v1~1namespaces~1{namespace}~1pods~1{name}"
        + "/patch");
    assertThat(patch.at("/x-kubernetes-group-version-kind/kind").asText()).isEqualTo("Pod");
    List<String> params = new ArrayList<>();
    patch.get("parameters").forEach(p -> params.add(p.get("name").asText()));
    assertThat(params).contains("fieldValidation", "dryRun", "fieldManager");
    assertThat(patch.at("/requestBody/content").has("application/apply-patch+yaml")).isTrue();
  }

  private static void collectRefs(JsonNode node, List<String> refs) {
    if (node.isObject() && node.has("$ref")) {
      refs.add(node.get("$ref").asText());
    }
    node.forEach(child -> collectRefs(child, refs));
  }
}
