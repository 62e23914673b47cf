package io.plumbline.apiserver.api;

import static io.plumbline.testing.JsonLiteral.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Field selectors take Kubernetes' three operators ({@code fields.ParseSelector}): {@code =} and
 * {@code ==} both mean equals, {@code !=} not equals; each requirement is read with the longest
 * operator, so {@code a==b} compares {@code a} with {@code b}, never with {@code =b}.
 */
class FieldSelectorTest {
  private final JsonNode web = json("{'metadata':{'name':'web','namespace':'shop'}}");

  @Test
  void doubleEqualsSingleEqualsAndNotEqualsCompareTheWholeValue() {
    assertThat(FieldSelector.parse("metadata.name==web").matches(web)).isTrue();
    assertThat(FieldSelector.parse("metadata.name=web").matches(web)).isTrue();
    assertThat(FieldSelector.parse("metadata.name!=web").matches(web)).isFalse();
    assertThat(FieldSelector.parse("metadata.name==db").matches(web)).isFalse();
    assertThat(FieldSelector.parse("metadata.name==web,metadata.namespace!=prod").matches(web))
        .isTrue();
  }
}
