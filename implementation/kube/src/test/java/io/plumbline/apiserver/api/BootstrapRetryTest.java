package io.plumbline.apiserver.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plumbline.apiserver.store.ForwardingObjectStore;
import io.plumbline.apiserver.store.InMemoryObjectStore;
import io.plumbline.apiserver.store.StoreFailure;
import io.plumbline.apiserver.store.StoredValue;
import io.plumbline.apiserver.store.WriteGuard;
import io.plumbline.apiserver.store.WriteResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The bootstrap objects are created even when the store times out on them (a loaded machine, a
 * fresh store): each create is sent again, and one that timed out but landed shows as a 409. A
 * store that never answers still fails the start, after {@link ObjectService#BOOTSTRAP_ATTEMPTS}.
 */
class BootstrapRetryTest {
  /**
   * Keys in memory ({@link InMemoryObjectStore}); the first {@code silentCreates} creates of each
   * key time out, and land anyway when {@code silentOnesLand}.
   */
  static final class SlowStore extends ForwardingObjectStore {
    private final InMemoryObjectStore keys;
    private final TreeMap<String, Integer> attempts = new TreeMap<>();
    private final int silentCreates;
    private final boolean silentOnesLand;

    SlowStore(int silentCreates, boolean silentOnesLand) {
      this(new InMemoryObjectStore(), silentCreates, silentOnesLand);
    }

    private SlowStore(InMemoryObjectStore keys, int silentCreates, boolean silentOnesLand) {
      super(keys);
      this.keys = keys;
      this.silentCreates = silentCreates;
      this.silentOnesLand = silentOnesLand;
    }

    List<String> keys() {
      return keys.list("").items().stream().map(StoredValue::key).toList();
    }

    @Override
    public WriteResult create(String key, byte[] value, List<WriteGuard> guards) {
      if (keys.get(key).isPresent()) {
        return keys.create(key, value, guards);
      }
      boolean silent = attempts.merge(key, 1, Integer::sum) <= silentCreates;
      if (!silent) {
        return keys.create(key, value, guards);
      }
      if (silentOnesLand) {
        keys.create(key, value, guards);
      }
      throw new StoreFailure("create " + key + ": no answer from the store", true, null);
    }
  }

  private static final Clock CLOCK = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);

  @Test
  void aBootstrapCreateThatTimedOutButLandedIsNotAFailure() {
    SlowStore store = new SlowStore(1, true);
    new ObjectService(store, CLOCK, new Random(1)).bootstrapNamespaces();
    assertThat(store.keys()).hasSize(5).anyMatch(k -> k.endsWith("namespaces/default"))
        .anyMatch(k -> k.endsWith("services/default/kubernetes"));
  }

  @Test
  void aBootstrapCreateThatTimedOutAndDidNotLandIsSentAgain() {
    SlowStore store = new SlowStore(ObjectService.BOOTSTRAP_ATTEMPTS - 1, false);
    new ObjectService(store, CLOCK, new Random(1)).bootstrapNamespaces();
    assertThat(store.keys()).hasSize(5);
  }

  @Test
  void aStoreThatNeverAnswersStillFailsTheStart() {
    SlowStore store = new SlowStore(ObjectService.BOOTSTRAP_ATTEMPTS, false);
    assertThatThrownBy(() -> new ObjectService(store, CLOCK, new Random(1)).bootstrapNamespaces())
        .isInstanceOf(StoreFailure.class);
  }
}
