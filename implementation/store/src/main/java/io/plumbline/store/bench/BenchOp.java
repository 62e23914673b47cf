package io.plumbline.store.bench;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/** The operations the benchmark can issue; each is one etcd request. */
public enum BenchOp {
  PUT("put"), GET("get"), GET_SERIALIZABLE("get-serializable"), TXN("txn");

  /** Keys cycle through this many distinct names, so the key space stays small. */
  static final int KEYS = 1000;
  private final String flag;

  BenchOp(String flag) {
    this.flag = flag;
  }

  public String flag() {
    return flag;
  }

  public static BenchOp parse(String s) {
    for (BenchOp o : values()) {
      if (o.flag.equals(s)) {
        return o;
      }
    }
    throw new IllegalArgumentException(s);
  }

  static ByteSequence key(long i) {
    return ByteSequence.from("bench/" + (i % KEYS), StandardCharsets.UTF_8);
  }

  /** Issues operation number {@code i}. */
  CompletableFuture<?> issue(KV kv, long i, ByteSequence value) {
    return switch (this) {
      case PUT -> kv.put(key(i), value);
      case GET -> kv.get(key(i));
      case GET_SERIALIZABLE -> kv.get(key(i), GetOption.builder().withSerializable(true).build());
      case TXN -> kv.txn().If(new Cmp(key(i), Cmp.Op.GREATER, CmpTarget.version(-1)))
          .Then(Op.put(key(i), value, PutOption.DEFAULT)).commit();
    };
  }
}
