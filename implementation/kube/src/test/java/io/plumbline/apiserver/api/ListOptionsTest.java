package io.plumbline.apiserver.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * List options as kube-apiserver validates them ({@code ValidateListOptions}): a continue token
 * carries its own revision, so a {@code resourceVersion} beside it is refused (422 Invalid
 * ListOptions) unless it is unset or "0".
 */
class ListOptionsTest {
  private final String token = new ContinueToken(7, "default/a").encode();

  @Test
  void aContinueTokenWithAResourceVersionIsInvalidUnlessItIsZeroOrUnset() {
    assertThatThrownBy(() -> ListOptions.parse("5", null, "2", token))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo(422))
        .hasMessage("ListOptions.meta.k8s.io \"\" is invalid: resourceVersion: specifying "
            + "resource version is not allowed when using continue");
    for (String rv : new String[] {null, "", "0"}) {
      assertThat(ListOptions.parse(rv, null, "2", token).continueToken().revision())
          .as("resourceVersion %s", rv).isEqualTo(7);
    }
  }
}
