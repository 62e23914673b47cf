package io.plumbline.apiserver.duties;

import static io.plumbline.testing.JsonLiteral.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.apiserver.api.Json;
import io.plumbline.apiserver.api.ObjectService;
import io.plumbline.apiserver.api.Resources;
import io.plumbline.apiserver.api.WriteFence;
import io.plumbline.apiserver.store.ForwardingObjectStore;
import io.plumbline.apiserver.store.InMemoryObjectStore;
import io.plumbline.apiserver.store.ObjectStore;
import io.plumbline.apiserver.store.StoreEvent;
import io.plumbline.apiserver.store.WriteGuard;
import io.plumbline.apiserver.store.WriteResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every API server runs the scheduler duty, so two of them race on each pending pod; their
 * writes are compare-and-swap on the pod they listed, so the loser's write is refused and a pod is
 * bound and started once. The race is made deterministic: the first write of one scheduler's pass
 * first runs the other's whole pass. Checked over the store's history: once a pod has a node and
 * an IP, no later version of it has another.
 */
class RacingSchedulersTest {
  private static final Clock CLOCK = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);
  private final InMemoryObjectStore memory = new InMemoryObjectStore();
  private Runnable beforeFirstUpdate = () -> { };

  /** The in-memory store, running {@link #beforeFirstUpdate} once before the first update. */
  private final ObjectStore hooked = new ForwardingObjectStore(memory) {
    @Override
    public WriteResult update(String key, byte[] value, long expected, List<WriteGuard> guards) {
      Runnable race = beforeFirstUpdate;
      beforeFirstUpdate = () -> { };
      race.run();
      return memory.update(key, value, expected, guards);
    }
  };

  @Test
  void twoSchedulersRacingBindAndStartEachPodOnce() {
    ObjectService plain = new ObjectService(memory, CLOCK, new Random(1));
    plain.bootstrapNamespaces();
    for (String n : List.of("n1", "n2")) {
      plain.create(Resources.NODES, null, json("{'metadata':{'name':'" + n + "'},'status':"
          + "{'conditions':[{'type':'Ready','status':'True'}],"
          + "'addresses':[{'type':'InternalIP','address':'10.0.0.1'}]}}"), WriteFence.NONE);
    }
    for (String p : List.of("a", "b", "c")) {
      plain.create(Resources.PODS, "default", json("{'metadata':{'name':'" + p + "'},'spec':"
          + "{'containers':[{'name':'c','image':'nginx'}]}}"), WriteFence.NONE);
    }
    Scheduler other = new Scheduler(plain, CLOCK, new Random(2), true);
    Scheduler first = new Scheduler(new ObjectService(hooked, CLOCK, new Random(3)), CLOCK,
        new Random(3), true);
    beforeFirstUpdate = other::run;

    first.run();
    first.run();

    Map<String, String> firstSeen = new HashMap<>();
    for (StoreEvent e : memory.history()) {
      if (!e.key().startsWith(Resources.PODS.prefix()) || e.current() == null) {
        continue;
      }
      var pod = Json.parse(e.current());
      String placed = Json.text(pod, "spec.nodeName") + " " + Json.text(pod, "status.podIP");
      if (Json.text(pod, "status.podIP").isEmpty()) {
        continue;
      }
      String was = firstSeen.putIfAbsent(e.key(), placed);
      assertThat(placed).as("%s at revision %d", e.key(), e.revision())
          .isEqualTo(was == null ? placed : was);
    }
    assertThat(firstSeen).hasSize(3);
  }
}
