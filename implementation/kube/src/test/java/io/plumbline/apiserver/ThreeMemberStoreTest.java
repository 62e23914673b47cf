package io.plumbline.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The API server on a 3-member etcd cluster keeps serving when one member crashes. */
class ThreeMemberStoreTest {
  static EtcdTestCluster etcd;
  static ApiServer server;
  static Api api;

  @BeforeAll
  static void start() throws Exception {
    etcd = EtcdTestCluster.start(3);
    server = ApiServer.start(new ApiServer.Settings(etcd.clientUrls(), "127.0.0.1", 0,
        Duration.ofSeconds(3), false, 1_000, 0, 500, true));
    api = new Api(server.port());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    etcd.close();
  }

  @Test
  void writesAndReadsContinueAfterOneMemberCrashes() throws Exception {
    assertThat(api.post("/api/v1/namespaces/default/pods",
        ApiServerTestBase.pod("before", "{}")).code()).isEqualTo(201);
    etcd.kill(0);
    // the first calls after the crash may land on the dead member and fail (indefinitely);
    // the client then moves to a live one
    await().atMost(Duration.ofSeconds(30)).until(() -> api.post(
        "/api/v1/namespaces/default/pods", ApiServerTestBase.pod("after", "{}")).code() != 503
        && api.get("/api/v1/namespaces/default/pods/after").code() == 200);
    assertThat(api.get("/api/v1/namespaces/default/pods").body().path("items")).hasSize(2);
    assertThat(api.get("/healthz").code()).isEqualTo(200);
  }
}
