package io.plumbline.store.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.common.InitialCluster;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one {@code --initial-cluster} builder writes what the store's parser reads back, in member order. */
class InitialClusterTest {

  @Test
  void namesAndPeerUrlsInMemberOrderCommaSeparated() {
    assertThat(InitialCluster.of(List.of("n1", "n2", "n3"), i -> "http://127.0.0.1:" + (2380 + i)))
        .isEqualTo("n1=http://127.0.0.1:2380,n2=http://127.0.0.1:2381,n3=http://127.0.0.1:2382");
  }

  @Test
  void aSingleMemberHasNoComma() {
    assertThat(InitialCluster.of(List.of("m0"), i -> "http://m0:2380")).isEqualTo("m0=http://m0:2380");
  }

  @Test
  void theStoresParserReadsItBack() {
    String flag = InitialCluster.of(List.of("m0", "m1"), i -> "http://m" + i + ":2380");
    assertThat(ClusterFlags.initialCluster(flag)).containsExactly(
        Map.entry("m0", URI.create("http://m0:2380")), Map.entry("m1", URI.create("http://m1:2380")));
  }
}
