package io.plumbline.conformance.watch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The known-deviation rule for etcd-io/etcd#15220 applies exactly to the affected releases. */
class ServerVersionTest {
  @Test
  void affectedReleasesAreThoseBeforeTheFix() {
    assertThat(ServerVersion.hasProgressBug("3.4.23")).isTrue();
    assertThat(ServerVersion.hasProgressBug("3.4.24")).isTrue();
    assertThat(ServerVersion.hasProgressBug("3.5.7")).isTrue();
    assertThat(ServerVersion.hasProgressBug("3.4.25")).isFalse();
    assertThat(ServerVersion.hasProgressBug("3.5.8")).isFalse();
    assertThat(ServerVersion.hasProgressBug("3.6.0")).isFalse();
    assertThat(ServerVersion.hasProgressBug("unknown")).isFalse();
    assertThat(ServerVersion.hasProgressBug("0.1.0-plumbline")).isFalse();
  }
}
