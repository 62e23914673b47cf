package io.plumbline.apiserver.api;

import static io.plumbline.testing.JsonLiteral.json;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * The edges of the validation rules, both sides of each: a service port is 1..65535, and a
 * service or namespace name is an RFC 1123 label (no dots) while a pod name may be a subdomain;
 * a container name is a label too (at most 63 characters), unique among its pod's containers;
 * any other name is a subdomain of at most 253 characters; annotations may total 256 KiB, not
 * one byte more; a Lease's duration is at least one second.
 */
class ValidationBoundsTest {

  private static ObjectNode service(String name, int port) {
    return json("{'metadata':{'name':'" + name + "'},'spec':{'ports':[{'port':" + port + "}]}}");
  }

  private static void refused(ResourceType type, ObjectNode object, String field) {
    assertThatThrownBy(() -> Validation.check(type, object))
        .isInstanceOfSatisfying(ApiError.class, e -> org.assertj.core.api.Assertions
            .assertThat(e.code()).isEqualTo(422))
        .hasMessageContaining(field);
  }

  @Test
  void aServicePortIsOneTo65535() {
    assertThatCode(() -> Validation.check(Resources.SERVICES, service("s", 1)))
        .doesNotThrowAnyException();
    assertThatCode(() -> Validation.check(Resources.SERVICES, service("s", 65535)))
        .doesNotThrowAnyException();
    refused(Resources.SERVICES, service("s", 0), "spec.ports[0].port");
    refused(Resources.SERVICES, service("s", 65536), "spec.ports[0].port");
  }

  @Test
  void aServiceNameIsALabelButAPodNameMayHaveDots() {
    refused(Resources.SERVICES, service("web.v1", 80), "metadata.name");
    refused(Resources.SERVICES, service("Web", 80), "metadata.name");
    assertThatCode(() -> Validation.check(Resources.PODS, json("{'metadata':{'name':'web.v1'},"
        + "'spec':{'containers':[{'name':'c','image':'nginx'}]}}")))
        .doesNotThrowAnyException();
  }

  /**
   * kube-apiserver validates a namespace's name with {@code ValidateNamespaceName}, an RFC 1123
   * label (a namespace name is a DNS label in service names such as {@code web.shop.svc}).
   */
  @Test
  void aNamespaceNameIsALabel() {
    refused(Resources.NAMESPACES, json("{'metadata':{'name':'team.a'}}"), "metadata.name");
    refused(Resources.NAMESPACES, json("{'metadata':{'name':'" + "n".repeat(64) + "'}}"),
        "metadata.name");
    assertThatCode(() -> Validation.check(Resources.NAMESPACES,
        json("{'metadata':{'name':'" + "n".repeat(63) + "'}}"))).doesNotThrowAnyException();
  }

  @Test
  void aContainerNameIsALabel() {
    refused(Resources.PODS, json("{'metadata':{'name':'p'},'spec':{'containers':"
        + "[{'name':'web.v1','image':'nginx'}]}}"), "spec.containers[0].name");
    refused(Resources.PODS, json("{'metadata':{'name':'p'},'spec':{'containers':"
        + "[{'name':'" + "c".repeat(64) + "','image':'nginx'}]}}"), "spec.containers[0].name");
    assertThatCode(() -> Validation.check(Resources.PODS, json("{'metadata':{'name':'p'},"
        + "'spec':{'containers':[{'name':'" + "c".repeat(63) + "','image':'nginx'}]}}")))
        .doesNotThrowAnyException();
  }

  @Test
  void containerNamesAreUniqueInAPodAndInAnRcTemplate() {
    refused(Resources.PODS, json("{'metadata':{'name':'p'},'spec':{'containers':"
        + "[{'name':'web','image':'a'},{'name':'web','image':'b'}]}}"), "spec.containers[1].name");
    refused(Resources.REPLICATION_CONTROLLERS, json("{'metadata':{'name':'rc'},'spec':{"
        + "'selector':{'app':'w'},'template':{'metadata':{'labels':{'app':'w'}},'spec':{"
        + "'containers':[{'name':'web','image':'a'},{'name':'web','image':'b'}]}}}}"),
        "spec.template.spec.containers[1].name");
  }

  private static ObjectNode annotated(int valueBytes) {
    ObjectNode pod = json("{'metadata':{'name':'p','annotations':{}},'spec':{'containers':"
        + "[{'name':'c','image':'nginx'}]}}");
    Json.child(Json.child(pod, "metadata"), "annotations").put("k", "v".repeat(valueBytes));
    return pod;
  }

  @Test
  void aSubdomainNameIsAtMost253Characters() {
    String longest = ("a".repeat(63) + ".").repeat(3) + "a".repeat(61);
    assertThatCode(() -> Validation.check(Resources.PODS, json("{'metadata':{'name':'" + longest
        + "'},'spec':{'containers':[{'name':'c','image':'nginx'}]}}")))
        .doesNotThrowAnyException();
    refused(Resources.PODS, json("{'metadata':{'name':'" + longest + "a'},'spec':{'containers':"
        + "[{'name':'c','image':'nginx'}]}}"), "metadata.name");
  }

  @Test
  void annotationsMayTotal256KiBAndNotOneByteMore() {
    int limit = Validation.TOTAL_ANNOTATION_SIZE_LIMIT_BYTES;
    assertThatCode(() -> Validation.check(Resources.PODS, annotated(limit - 1)))
        .doesNotThrowAnyException(); // key "k" plus the value: exactly the limit
    refused(Resources.PODS, annotated(limit), "metadata.annotations");
  }

  @Test
  void aLeaseLastsAtLeastOneSecond() {
    assertThatCode(() -> Validation.check(Resources.LEASES, json("{'metadata':{'name':'l'},"
        + "'spec':{'leaseDurationSeconds':1}}"))).doesNotThrowAnyException();
    refused(Resources.LEASES, json("{'metadata':{'name':'l'},'spec':{'leaseDurationSeconds':0}}"),
        "spec.leaseDurationSeconds");
  }
}
