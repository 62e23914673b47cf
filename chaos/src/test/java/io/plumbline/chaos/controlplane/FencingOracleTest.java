package io.plumbline.chaos.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbline.apiserver.ApiServer;
import io.plumbline.apiserver.api.ApiError;
import io.plumbline.apiserver.api.Json;
import io.plumbline.apiserver.http.Fencing;
import io.plumbline.chaos.controlplane.FencingOracle.StampedWrite;
import io.plumbline.chaos.workload.Workload.Verdict;
import io.plumbline.checker.Failure;
import io.plumbline.checker.Validity;
import io.plumbline.history.History;
import io.plumbline.history.HistoryRecorder;
import io.plumbline.history.OpType;
import io.plumbline.common.net.Ports;
import io.plumbline.controller.ApiClient;
import io.plumbline.store.node.StoreConfig;
import io.plumbline.store.server.StoreServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/**
 * The fencing check judges from what a client read back (stamped pod creations and their
 * resourceVersions), and it bites: through an API server with fencing off, a deposed leader's
 * create lands after the new leader's and the check says invalid; with fencing on it is refused and
 * the same steps are valid. The writes go through the controller manager's own client
 * ({@link ApiClient} with its writer stamp and fencing header), the read-back through the chaos
 * run's pod watch ({@link RvWatcher}).
 *
 * <p>Each step must have a definite answer before the next is taken (the scenario's order is the
 * point), but a loaded machine makes the store time out behind the API server (a 5xx) or the
 * client give up: an indefinite answer, the write may or may not land. Such a step is sent again,
 * the same write under the same name, until its answer is definite ({@link #definite}); an
 * earlier attempt that landed late then shows as AlreadyExists, never as a second object. A step
 * left indefinite after {@link #ATTEMPTS} sends aborts the test (skipped: unknown), never passes
 * or fails it on a timeout.
 */
class FencingOracleTest {
  private static final String LEASES = "/apis/coordination.k8s.io/v1/namespaces/kube-system/leases";
  private static final String PODS = "/api/v1/namespaces/default/pods";
  private static final int ATTEMPTS = 5;
  /** Liveness bound of the watch's list and deliveries: not a performance threshold. */
  private static final Duration WATCH_WAIT = Duration.ofSeconds(120);

  @Test
  void aWriteOfAnOlderGenerationAfterANewerOneIsStale() {
    List<StampedWrite> writes = List.of(new StampedWrite("pod a", 10, "cm-1", 1),
        new StampedWrite("pod b", 12, "cm-2", 2), new StampedWrite("pod c", 15, "cm-1", 1));
    assertThat(FencingOracle.staleWrites(writes)).containsExactly(
        "pod c at rv 15 by cm-1@1 accepted after pod b at rv 12 by cm-2@2: a deposed leader's write");
    assertThat(FencingOracle.verdict(writes, 1, "n/a").validity()).isEqualTo(Validity.FALSE);
  }

  @Test
  void theStaleWriteIsNamedAsThePodWatchRecordedIt() {
    HistoryRecorder recorder = new HistoryRecorder(System.nanoTime());
    recorder.record("0", OpType.INVOKE, "create", "rc-1", 1);
    List<StampedWrite> writes = List.of(new StampedWrite("pod a", 10, "cm-1", 1),
        new StampedWrite("pod b", 12, "cm-2", 2), new StampedWrite("pod c", 15, "cm-1", 1));
    writes.forEach(w -> FencingOracle.record(recorder, w, "haproxy"));
    recorder.record("0", OpType.OK, "create", "rc-1", 1);
    History h = recorder.history("read-back");
    StampedWrite stale = FencingOracle.firstStale(writes);
    assertThat(stale).isEqualTo(writes.get(2));
    Failure f = FencingOracle.blamed(h, stale, "stale");
    assertThat(f.operation().process()).isEqualTo(FencingOracle.PROCESS);
    assertThat(f.operation().key()).isEqualTo("pod c");
    assertThat(f.concurrent()).extracting(o -> o.process()).containsExactly("0"); // the client op around it
    assertThat(h.operations()).extracting(o -> o.process()).containsExactly("0"); // checkers see clients only
  }

  @Test
  void twoGenerationsWithoutAStaleAttemptAreNoEvidence() {
    List<StampedWrite> writes = List.of(new StampedWrite("pod a", 5, "cm-1", 1), new StampedWrite("pod b", 9, "cm-2", 2));
    Verdict v = FencingOracle.verdict(writes, 0, "0 refused, 0 accepted");
    assertThat(v.validity()).as(v.summary()).isEqualTo(Validity.UNKNOWN);
    assertThat(v.summary()).contains("no deposed leader is known to have attempted a write");
    assertThat(FencingOracle.verdict(writes, -1, "not readable").validity()).isEqualTo(Validity.UNKNOWN);
    assertThat(FencingOracle.verdict(writes, 1, "1 refused").validity()).isEqualTo(Validity.TRUE);
  }

  @Test
  void oneGenerationAloneIsNoEvidence() {
    List<StampedWrite> writes = List.of(new StampedWrite("pod a", 10, "cm-1", 1), new StampedWrite("pod b", 11, "cm-1", 1));
    assertThat(FencingOracle.verdict(writes, 1, "n/a").validity()).isEqualTo(Validity.UNKNOWN);
    assertThat(StampedWrite.of("pod x", 3, "cm-1@7")).isEqualTo(new StampedWrite("pod x", 3, "cm-1", 7));
    assertThat(StampedWrite.of("pod x", 3, null)).isNull();
  }

  @Test
  void unfencedTheDeposedLeadersCreateLandsAndTheCheckFails() throws Exception {
    Verdict v = deposedLeaderWrites(false);
    assertThat(v.validity()).as(v.summary()).isEqualTo(Validity.FALSE);
    assertThat(v.details()).contains("by cm-1@1 accepted after").contains("by cm-2@2");
  }

  @Test
  void fencedTheDeposedLeadersCreateIsRefusedAndTheCheckPasses() throws Exception {
    Verdict v = deposedLeaderWrites(true);
    assertThat(v.validity()).as(v.summary()).isEqualTo(Validity.TRUE);
    assertThat(v.summary()).contains("generations [1, 2]");
  }

  /**
   * cm-1 leads at generation 1 and creates a pod; cm-2 takes the lease (generation 2) and creates
   * one; cm-1, not having noticed, creates another. Judged from the watch's read-back.
   */
  private static Verdict deposedLeaderWrites(boolean fencing) throws Exception {
    String lease = fencing ? "cm-fenced" : "cm-unfenced";
    ApiServer api = fencing ? fenced : unfenced;
    {
      String base = "http://127.0.0.1:" + api.port();
      ApiClient admin = new ApiClient(base, Duration.ofSeconds(10), Fencing.HEADER, () -> null);
      assertThat(definite("create the lease", () -> admin.create(LEASES, lease(lease, "cm-1", 1)))
          .code()).isIn(201, 409);
      ApiClient cm1 = controller(base, lease, "cm-1", 1, fencing);
      ApiClient cm2 = controller(base, lease, "cm-2", 2, fencing);
      try (RvWatcher watcher = new RvWatcher(base, new RcClient(base)).start()) {
        await().atMost(WATCH_WAIT).until(() -> watcher.lastResourceVersion() > 0); // listed, watching
        assertThat(created(cm1, lease + "-a")).isTrue();
        assertThat(definite("hand the lease to cm-2", () -> admin.mergePatch(LEASES + "/" + lease,
            Json.MAPPER.valueToTree(Map.of("spec", Map.of("holderIdentity", "cm-2",
                "leaseTransitions", 2))))).ok()).isTrue();
        assertThat(created(cm2, lease + "-b")).isTrue();
        assertThat(created(cm1, lease + "-c")).isEqualTo(!fencing);
        int expected = fencing ? 2 : 3;
        await().atMost(WATCH_WAIT).until(() -> watcher.creations().size() >= expected);
        JsonNode counted = fencingCounts(new RcClient(base));
        long attempts = counted.path("staleWritesRefused").asLong() + counted.path("staleWritesAccepted").asLong();
        return FencingOracle.verdict(watcher.creations(), attempts, counted.toString());
      }
    }
  }

  /**
   * Creates pod {@code name} through {@code client} until the answer is definite: true when it
   * exists (201, or AlreadyExists: an earlier indefinite attempt landed), false when the fence
   * refused it.
   */
  private static boolean created(ApiClient client, String name) {
    ApiClient.Response r = definite("create pod " + name, () -> client.create(PODS, pod(name)));
    if (r.code() == 409 && r.body().path("message").asText().contains(ApiError.FENCED_OFF)) {
      return false;
    }
    assertThat(r.code()).as(r.body().toString()).isIn(201, 409);
    assertThat(r.code() == 201 || r.body().path("reason").asText().equals("AlreadyExists"))
        .as(r.body().toString()).isTrue();
    return true;
  }

  /** The API server's {@code /debug/fencing} counts, read again while unanswered; else aborts. */
  private static JsonNode fencingCounts(RcClient client) {
    for (int i = 0; i < ATTEMPTS; i++) {
      java.util.Optional<JsonNode> counted = client.get("/debug/fencing");
      if (counted.isPresent()) {
        return counted.get();
      }
    }
    throw new TestAbortedException("unknown: /debug/fencing unanswered in " + ATTEMPTS + " reads");
  }

  /**
   * Sends {@code write} until its answer is definite (no 5xx, an answer at all), at most
   * {@link #ATTEMPTS} times; then aborts the test: an unknown outcome, neither pass nor fail.
   */
  private static ApiClient.Response definite(String step, Supplier<ApiClient.Response> write) {
    List<String> indefinite = new ArrayList<>();
    for (int i = 0; i < ATTEMPTS; i++) {
      try {
        ApiClient.Response r = write.get();
        if (r.code() < 500) {
          return r;
        }
        indefinite.add(r.code() + " " + r.body().path("reason").asText());
      } catch (ApiClient.Unreachable e) {
        indefinite.add("no answer: " + e.getMessage());
      }
      System.out.println("FencingOracleTest: '" + step + "' indefinite (" + indefinite.get(i)
          + "), sending it again");
    }
    throw new TestAbortedException("unknown: no definite answer to '" + step + "' in " + ATTEMPTS
        + " attempts " + indefinite);
  }

  private static Path data;
  private static StoreServer store;
  private static ApiServer fenced;
  private static ApiServer unfenced;

  /**
   * One single-member reference store and two API servers on it, fencing on and off, both open for
   * the whole class (each variant has its own lease); a second API server started in a JVM after
   * the first was closed found its store client without answers.
   */
  @BeforeAll
  static void startStore() throws Exception {
    data = Files.createTempDirectory("plumbline-fencing-oracle");
    store = startStore(data);
    fenced = apiServer(true);
    unfenced = apiServer(false);
  }

  private static ApiServer apiServer(boolean fencing) {
    return ApiServer.start(new ApiServer.Settings(List.of(store.node().config().clientUrl().toString()),
        "127.0.0.1", 0, Duration.ofSeconds(10), false, 1_000, 0, 500, fencing));
  }

  @AfterAll
  static void stopStore() throws Exception {
    for (ApiServer a : new ApiServer[] {fenced, unfenced}) {
      if (a != null) {
        a.close();
      }
    }
    if (store != null) {
      store.close();
    }
    try (var files = Files.walk(data)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }

  private static ApiClient controller(String base, String lease, String identity, long generation,
      boolean fencing) {
    return new ApiClient(base, Duration.ofSeconds(10), Fencing.HEADER,
        () -> fencing ? "kube-system/" + lease + "=" + generation : null).withWriterStamp(() -> identity + "@" + generation);
  }

  private static StoreServer startStore(Path data) throws Exception {
    return Ports.withRetry(2, ports -> {
      URI client = URI.create("http://127.0.0.1:" + ports.get(0));
      URI peer = URI.create("http://127.0.0.1:" + ports.get(1));
      StoreServer s = new StoreServer(StoreConfig.defaults("n1", data.resolve("n1"), client, peer,
          Map.of("n1", peer))).start();
      await().atMost(Duration.ofSeconds(30)).until(() -> s.node().isLeader());
      return s;
    }, System.err::println);
  }

  private static ObjectNode lease(String name, String holder, long transitions) {
    return Json.MAPPER.valueToTree(Map.of("metadata", Map.of("name", name), "spec", Map.of("holderIdentity", holder,
        "leaseDurationSeconds", 15, "leaseTransitions", transitions)));
  }

  private static ObjectNode pod(String name) {
    return Json.MAPPER.valueToTree(Map.of("metadata", Map.of("name", name),
        "spec", Map.of("containers", List.of(Map.of("name", "c", "image", "busybox")))));
  }
}
