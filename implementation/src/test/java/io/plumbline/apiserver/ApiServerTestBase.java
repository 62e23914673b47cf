package io.plumbline.apiserver;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;

/**
 * One real etcd member and one API server per test class, stopped afterwards. Each class calls
 * {@link #startWith} from its own {@code @BeforeAll}: with duties (scheduler, endpoints
 * controller, three simulated nodes, 1 s resync) or without, so that nothing but the test
 * writes.
 */
abstract class ApiServerTestBase {
  static EtcdTestCluster etcd;
  static ApiServer server;
  static Api api;

  static void startWith(boolean duties) throws Exception {
    etcd = EtcdTestCluster.start(1);
    server = ApiServer.start(new ApiServer.Settings(etcd.clientUrls(), "127.0.0.1", 0,
        Duration.ofSeconds(5), duties, 1_000, duties ? 3 : 0, 500, true));
    api = new Api(server.port());
  }

  @AfterAll
  static void stopApiServerAndEtcd() throws Exception {
    if (server != null) {
      server.close();
    }
    if (etcd != null) {
      etcd.close();
    }
  }

  /** Creates namespace {@code name}; returns its URL path. */
  static String namespace(String name) {
    api.post("/api/v1/namespaces", Api.json("{'metadata':{'name':'" + name + "'}}"));
    return "/api/v1/namespaces/" + name;
  }

  /** Creates namespace {@code name}; returns the URL path of its pods. */
  static String podsIn(String name) {
    return namespace(name) + "/pods";
  }

  /** A minimal valid pod. */
  static com.fasterxml.jackson.databind.node.ObjectNode pod(String name, String labelsJson) {
    return Api.json("{'metadata':{'name':'" + name + "','labels':" + labelsJson + "},"
        + "'spec':{'containers':[{'name':'main','image':'busybox'}]}}");
  }
}
