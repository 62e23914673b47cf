package io.plumbline.apiserver.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** Label and field selector parsing and matching, Kubernetes' semantics for absent labels. */
class LabelSelectorTest {
  private static ObjectNode labelled(String... kv) {
    ObjectNode o = Json.object();
    ObjectNode labels = o.putObject("metadata").putObject("labels");
    for (int i = 0; i < kv.length; i += 2) {
      labels.put(kv[i], kv[i + 1]);
    }
    return o;
  }

  @Test
  void inequalityAndNotinMatchObjectsWithoutTheLabel() {
    assertThat(LabelSelector.parse("app!=web").matches(labelled())).isTrue();
    assertThat(LabelSelector.parse("app notin (web)").matches(labelled())).isTrue();
    assertThat(LabelSelector.parse("app=web").matches(labelled())).isFalse();
    assertThat(LabelSelector.parse("app in (web)").matches(labelled())).isFalse();
  }

  @Test
  void commasInsideSetsDoNotSplitRequirements() {
    LabelSelector s = LabelSelector.parse("env in (prod, staging),tier");
    assertThat(s.matches(labelled("env", "staging", "tier", "x"))).isTrue();
    assertThat(s.matches(labelled("env", "staging"))).isFalse();
    assertThat(s.matches(labelled("env", "dev", "tier", "x"))).isFalse();
  }

  @Test
  void existsAndDoesNotExist() {
    assertThat(LabelSelector.parse("!canary").matches(labelled("canary", "1"))).isFalse();
    assertThat(LabelSelector.parse("canary").matches(labelled("canary", ""))).isTrue();
  }

  @Test
  void malformedSelectorsAreBadRequests() {
    assertThatThrownBy(() -> LabelSelector.parse("app in web"))
        .isInstanceOf(ApiError.class).extracting(e -> ((ApiError) e).code()).isEqualTo(400);
    assertThatThrownBy(() -> FieldSelector.parse("=x"))
        .isInstanceOf(ApiError.class).extracting(e -> ((ApiError) e).code()).isEqualTo(400);
  }

  @Test
  void fieldSelectorComparesMissingFieldsAsEmpty() {
    ObjectNode pod = Json.object();
    pod.putObject("spec");
    assertThat(FieldSelector.parse("spec.nodeName=").matches(pod)).isTrue();
    assertThat(FieldSelector.parse("spec.nodeName!=").matches(pod)).isFalse();
    ((ObjectNode) pod.get("spec")).put("nodeName", "n1");
    assertThat(FieldSelector.parse("spec.nodeName==n1").matches(pod)).isTrue();
  }
}
