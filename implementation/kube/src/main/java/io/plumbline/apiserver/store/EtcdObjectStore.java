package io.plumbline.apiserver.store;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Txn;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.plumbline.store.security.EtcdClientAccess;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link ObjectStore} over the etcd v3 API (jetcd), so it runs on real etcd or on any store that
 * speaks the same API. Every call carries its own deadline: jetcd sets none, and a call to a
 * paused member would otherwise hang forever.
 */
public final class EtcdObjectStore implements ObjectStore {
  private final Client client;
  private final KV kv;
  private final long requestTimeoutMs;

  public EtcdObjectStore(List<String> endpoints, Duration requestTimeout) {
    this(endpoints, requestTimeout, null);
  }

  /** Over TLS when {@code tls} is given: trusts its CA and presents its client certificate. */
  public EtcdObjectStore(List<String> endpoints, Duration requestTimeout, EtcdClientTls tls) {
    ClientBuilder builder = Client.builder()
        .endpoints(endpoints.toArray(String[]::new))
        .connectTimeout(requestTimeout);
    if (tls != null) {
      try {
        EtcdClientAccess.tls(builder, tls.caFile(), tls.certFile(), tls.keyFile());
      } catch (javax.net.ssl.SSLException e) {
        throw new IllegalArgumentException("store client TLS: " + e.getMessage(), e);
      }
    }
    this.client = builder.build();
    this.kv = client.getKVClient();
    this.requestTimeoutMs = requestTimeout.toMillis();
  }

  @Override
  public Optional<StoredValue> get(String key) {
    GetResponse response = await(kv.get(bytes(key)), "get " + key);
    return response.getKvs().stream().findFirst().map(EtcdObjectStore::stored);
  }

  @Override
  public ListResult list(String prefix) {
    GetOption prefixed = GetOption.builder().isPrefix(true).build();
    GetResponse response = await(kv.get(bytes(prefix), prefixed), "list " + prefix);
    List<StoredValue> items = response.getKvs().stream().map(EtcdObjectStore::stored).toList();
    return new ListResult(items, response.getHeader().getRevision());
  }

  @Override
  public ListPage listPage(String prefix, String fromKey, long revision, int limit) {
    GetOption.Builder range = GetOption.builder().withRange(prefixEnd(prefix))
        .withRevision(revision).withLimit(limit);
    try {
      GetResponse response = await(kv.get(bytes(fromKey), range.build()), "list " + prefix);
      List<StoredValue> items = response.getKvs().stream().map(EtcdObjectStore::stored).toList();
      return new ListPage(items, response.getHeader().getRevision(), response.isMore());
    } catch (StoreFailure e) {
      String why = String.valueOf(e.getCause() == null ? "" : e.getCause().getMessage());
      if (why.contains("required revision has been compacted")) {
        throw new RevisionUnavailable("revision " + revision + " has been compacted", true);
      }
      if (why.contains("required revision is a future revision")) {
        throw new RevisionUnavailable("revision " + revision + " is in the future", false);
      }
      throw e;
    }
  }

  /** The first key after every key starting with {@code prefix} (etcd's range end). */
  private static ByteSequence prefixEnd(String prefix) {
    byte[] end = prefix.getBytes(StandardCharsets.UTF_8);
    end[end.length - 1]++;
    return ByteSequence.from(end);
  }

  @Override
  public WriteResult create(String key, byte[] value, List<WriteGuard> guards) {
    Cmp absent = new Cmp(bytes(key), Cmp.Op.EQUAL, CmpTarget.version(0));
    return conditional(key, absent, Op.put(bytes(key), ByteSequence.from(value), PutOption.DEFAULT),
        guards, "create " + key);
  }

  @Override
  public WriteResult update(String key, byte[] value, long expectedModRevision,
      List<WriteGuard> guards) {
    Cmp unchanged = new Cmp(bytes(key), Cmp.Op.EQUAL, CmpTarget.modRevision(expectedModRevision));
    return conditional(key, unchanged,
        Op.put(bytes(key), ByteSequence.from(value), PutOption.DEFAULT), guards, "update " + key);
  }

  @Override
  public WriteResult delete(String key, long expectedModRevision, List<WriteGuard> guards) {
    Cmp unchanged = new Cmp(bytes(key), Cmp.Op.EQUAL, CmpTarget.modRevision(expectedModRevision));
    return conditional(key, unchanged, Op.delete(bytes(key), DeleteOption.DEFAULT), guards,
        "delete " + key);
  }

  /** One transaction: if the key's condition and every guard hold, do {@code write}. */
  private WriteResult conditional(String key, Cmp keyCondition, Op write, List<WriteGuard> guards,
      String what) {
    List<Cmp> compares = new ArrayList<>();
    compares.add(keyCondition);
    List<Op> readBack = new ArrayList<>();
    readBack.add(Op.get(bytes(key), GetOption.DEFAULT));
    for (WriteGuard guard : guards) {
      compares.add(new Cmp(bytes(guard.key()), Cmp.Op.EQUAL,
          CmpTarget.modRevision(guard.modRevision())));
      readBack.add(Op.get(bytes(guard.key()), GetOption.DEFAULT));
    }
    Txn txn = kv.txn().If(compares.toArray(Cmp[]::new)).Then(write)
        .Else(readBack.toArray(Op[]::new));
    TxnResponse response = await(txn.commit(), what);
    if (response.isSucceeded()) {
      return new WriteResult.Committed(response.getHeader().getRevision());
    }
    return refusal(response, guards);
  }

  /** Works out which condition failed from the values the else-branch read back. */
  private static WriteResult refusal(TxnResponse response, List<WriteGuard> guards) {
    List<GetResponse> reads = response.getGetResponses();
    for (int i = 0; i < guards.size(); i++) {
      List<KeyValue> kvs = reads.get(i + 1).getKvs();
      long actual = kvs.isEmpty() ? 0 : kvs.get(0).getModRevision();
      if (actual != guards.get(i).modRevision()) {
        return new WriteResult.GuardFailed(guards.get(i));
      }
    }
    List<KeyValue> current = reads.get(0).getKvs();
    return new WriteResult.PreconditionFailed(current.isEmpty() ? null : stored(current.get(0)));
  }

  @Override
  public StoreWatch watch(String prefix, long afterRevision, StoreWatchListener listener) {
    return EtcdStoreWatch.start(client.getWatchClient(), prefix, afterRevision, listener);
  }

  @Override
  public void close() {
    client.close();
  }

  private <T> T await(CompletableFuture<T> call, String what) {
    try {
      return call.get(requestTimeoutMs, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      call.cancel(true);
      throw new StoreFailure(what + ": no answer from the store within " + requestTimeoutMs + " ms",
          true, e);
    } catch (ExecutionException e) {
      throw new StoreFailure(what + ": " + e.getCause().getMessage(), false, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreFailure(what + ": interrupted", false, e);
    }
  }

  static ByteSequence bytes(String s) {
    return ByteSequence.from(s, StandardCharsets.UTF_8);
  }

  private static StoredValue stored(KeyValue kv) {
    return new StoredValue(kv.getKey().toString(StandardCharsets.UTF_8), kv.getValue().getBytes(),
        kv.getModRevision());
  }
}
