package io.plumbline.apiserver;

import static io.plumbline.testing.JsonLiteral.json;

import java.time.Duration;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The API suite runs twice, on a 3-member real etcd 3.4 cluster and on a 3-member reference-store
 * cluster: every subclass is a parameterized class, and each run gets a fresh store and a fresh
 * API server, stopped afterwards. The API server runs its duties (scheduler, endpoints
 * controller, three simulated nodes, 1 s resync) when the class is {@link WithDuties}; otherwise
 * nothing but the test writes.
 */
@ParameterizedClass(name = "on {0}")
@ValueSource(strings = {TestStore.ETCD, TestStore.REFERENCE})
abstract class ApiServerTestBase {
  static TestStore store;
  static ApiServer server;
  static Api api;

  /** Which store this run is on (the parameter; the static fields above hold what it started). */
  @Parameter String storeKind;

  @BeforeParameterizedClassInvocation
  static void startStoreAndApiServer(String kind, TestInfo info) throws Exception {
    boolean duties = info.getTestClass().orElseThrow().isAnnotationPresent(WithDuties.class);
    store = TestStore.start(kind, 3);
    server = ApiServer.start(new ApiServer.Settings(store.clientUrls(), "127.0.0.1", 0,
        Duration.ofSeconds(5), duties, 1_000, duties ? 3 : 0, 500, true));
    api = new Api(server.port());
  }

  @AfterParameterizedClassInvocation
  static void stopApiServerAndStore() throws Exception {
    if (server != null) {
      server.close();
      server = null;
    }
    if (store != null) {
      store.close();
      store = null;
    }
  }

  /** Creates namespace {@code name}; returns its URL path. */
  static String namespace(String name) {
    api.post("/api/v1/namespaces", json("{'metadata':{'name':'" + name + "'}}"));
    return "/api/v1/namespaces/" + name;
  }

  /** Creates namespace {@code name}; returns the URL path of its pods. */
  static String podsIn(String name) {
    return namespace(name) + "/pods";
  }

  /** A minimal valid pod. */
  static com.fasterxml.jackson.databind.node.ObjectNode pod(String name, String labelsJson) {
    return json("{'metadata':{'name':'" + name + "','labels':" + labelsJson + "},"
        + "'spec':{'containers':[{'name':'main','image':'busybox'}]}}");
  }
}
