package io.plumbline.apiserver.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plumbline.apiserver.store.ListPage;
import io.plumbline.apiserver.store.ListResult;
import io.plumbline.apiserver.store.ObjectStore;
import io.plumbline.apiserver.store.StoreFailure;
import io.plumbline.apiserver.store.StoreWatch;
import io.plumbline.apiserver.store.StoreWatchListener;
import io.plumbline.apiserver.store.StoredValue;
import io.plumbline.apiserver.store.WriteGuard;
import io.plumbline.apiserver.store.WriteResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
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
   * Keys in memory; the first {@code silentCreates} creates of each key time out, and land
   * anyway when {@code silentOnesLand}.
   */
  static final class SlowStore implements ObjectStore {
    private final TreeMap<String, StoredValue> keys = new TreeMap<>();
    private final TreeMap<String, Integer> attempts = new TreeMap<>();
    private final int silentCreates;
    private final boolean silentOnesLand;
    private long revision;

    SlowStore(int silentCreates, boolean silentOnesLand) {
      this.silentCreates = silentCreates;
      this.silentOnesLand = silentOnesLand;
    }

    @Override
    public Optional<StoredValue> get(String key) {
      return Optional.ofNullable(keys.get(key));
    }

    @Override
    public ListResult list(String prefix) {
      return new ListResult(keys.tailMap(prefix).values().stream()
          .filter(v -> v.key().startsWith(prefix)).toList(), revision);
    }

    @Override
    public ListPage listPage(String prefix, String fromKey, long rev, int limit) {
      throw new UnsupportedOperationException();
    }

    @Override
    public WriteResult create(String key, byte[] value, List<WriteGuard> guards) {
      if (keys.containsKey(key)) {
        return new WriteResult.PreconditionFailed(keys.get(key));
      }
      boolean silent = attempts.merge(key, 1, Integer::sum) <= silentCreates;
      if (!silent || silentOnesLand) {
        keys.put(key, new StoredValue(key, value, ++revision));
      }
      if (silent) {
        throw new StoreFailure("create " + key + ": no answer from the store", true, null);
      }
      return new WriteResult.Committed(revision);
    }

    @Override
    public WriteResult update(String key, byte[] value, long expected, List<WriteGuard> guards) {
      throw new UnsupportedOperationException();
    }

    @Override
    public WriteResult delete(String key, long expected, List<WriteGuard> guards) {
      throw new UnsupportedOperationException();
    }

    @Override
    public StoreWatch watch(String prefix, long after, StoreWatchListener listener) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
    }
  }

  private static final Clock CLOCK = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);

  @Test
  void aBootstrapCreateThatTimedOutButLandedIsNotAFailure() {
    SlowStore store = new SlowStore(1, true);
    new ObjectService(store, CLOCK, new Random(1)).bootstrapNamespaces();
    assertThat(store.keys.keySet()).hasSize(5).anyMatch(k -> k.endsWith("namespaces/default"))
        .anyMatch(k -> k.endsWith("services/default/kubernetes"));
  }

  @Test
  void aBootstrapCreateThatTimedOutAndDidNotLandIsSentAgain() {
    SlowStore store = new SlowStore(ObjectService.BOOTSTRAP_ATTEMPTS - 1, false);
    new ObjectService(store, CLOCK, new Random(1)).bootstrapNamespaces();
    assertThat(store.keys.keySet()).hasSize(5);
  }

  @Test
  void aStoreThatNeverAnswersStillFailsTheStart() {
    SlowStore store = new SlowStore(ObjectService.BOOTSTRAP_ATTEMPTS, false);
    assertThatThrownBy(() -> new ObjectService(store, CLOCK, new Random(1)).bootstrapNamespaces())
        .isInstanceOf(StoreFailure.class);
  }
}
