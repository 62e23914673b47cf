package io.plumbline.apiserver.codec;

import static io.plumbline.testing.JsonLiteral.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbline.apiserver.api.ApiError;
import org.junit.jupiter.api.Test;

/** Unknown fields by the Kubernetes descriptors, under Strict, Warn and Ignore. */
class FieldValidationTest {

  private static final ObjectNode POD = json("{'apiVersion':'v1','kind':'Pod',"
      + "'metadata':{'name':'p','labels':{'any-key':'v'},'colour':'red'},"
      + "'spec':{'containers':[{'name':'a','image':'x','ports':[{'containerPort':80,'hostIp':'x'}],"
      + "'resources':{'limits':{'cpu':'1'}}}],'$setElementOrder/containers':[{'name':'a'}]}}");

  @Test
  void warnNamesEachUnknownFieldByItsPath() {
    assertThat(FieldValidation.check(null, "v1", "Pod", POD)).containsExactly(
        "unknown field \"metadata.colour\"",
        "unknown field \"spec.containers[0].ports[0].hostIp\"");
  }

  @Test
  void strictRefusesWithKubeApiserversWording() {
    assertThatThrownBy(() -> FieldValidation.check("Strict", "v1", "Pod", POD))
        .isInstanceOfSatisfying(ApiError.class, e -> {
          assertThat(e.code()).isEqualTo(400);
          assertThat(e.getMessage()).contains("strict decoding error: unknown field "
              + "\"metadata.colour\", unknown field \"spec.containers[0].ports[0].hostIp\"");
        });
  }

  @Test
  void knownFieldsMapsAndScalarLikeTypesPass() {
    ObjectNode svc = json("{'apiVersion':'v1','kind':'Service','metadata':{'name':'s',"
        + "'creationTimestamp':'2026-01-01T00:00:00Z'},'spec':{'selector':{'a':'b'},"
        + "'ports':[{'port':80,'targetPort':'http'}]}}");
    assertThat(FieldValidation.check("Strict", "v1", "Service", svc)).isEmpty();
  }

  @Test
  void ignoreChecksNothingAndAnUnknownDirectiveIsABadRequest() {
    assertThat(FieldValidation.check("Ignore", "v1", "Pod", POD)).isEmpty();
    assertThatThrownBy(() -> FieldValidation.check("Loose", "v1", "Pod", POD))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo(400));
  }
}
