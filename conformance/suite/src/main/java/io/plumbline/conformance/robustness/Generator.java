package io.plumbline.conformance.robustness;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import io.etcd.jetcd.api.AlarmRequest;
import io.etcd.jetcd.api.AlarmType;
import io.etcd.jetcd.api.Compare;
import io.etcd.jetcd.api.DeleteRangeRequest;
import io.etcd.jetcd.api.HashKVRequest;
import io.etcd.jetcd.api.HashRequest;
import io.etcd.jetcd.api.LeaseGrantRequest;
import io.etcd.jetcd.api.LeaseKeepAliveRequest;
import io.etcd.jetcd.api.LeaseRevokeRequest;
import io.etcd.jetcd.api.LeaseTimeToLiveRequest;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.RequestOp;
import io.etcd.jetcd.api.StatusRequest;
import io.etcd.jetcd.api.TxnRequest;
import io.etcd.jetcd.api.WatchCancelRequest;
import io.etcd.jetcd.api.WatchCreateRequest;
import io.etcd.jetcd.api.WatchProgressRequest;
import io.etcd.jetcd.api.WatchRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Structured, seeded generation of valid, boundary and malformed etcd requests. Pure: the same
 * seed and key space give the same requests. Every key lies under {@code space} (a per-batch prefix
 * inside the run's prefix) and every range end is bounded by it, so a run never reads or deletes
 * data of others on a shared store.
 */
public final class Generator {
  /** etcd's default --max-request-bytes (1.5 MiB). */
  static final int MAX_REQUEST_BYTES = 1536 * 1024;
  /** etcd's default --max-txn-ops. */
  static final int MAX_TXN_OPS = 128;
  /** Nesting past this is where an exponential txn check no longer finishes in seconds. */
  static final int DEEP_NESTING = 24;

  private final Random random;
  private final String space;

  /**
   * @param random the seeded source of every choice
   * @param space the key prefix this generator's keys stay under
   */
  public Generator(Random random, String space) {
    this.random = random;
    this.space = space;
  }

  /** The next request, of a family chosen with fixed weights (kv and txn most often). */
  public FuzzRequest next() {
    int r = random.nextInt(100);
    if (r < 30) {
      return kv();
    } else if (r < 55) {
      return FuzzRequest.unary(Methods.TXN, txn(0), "txn");
    } else if (r < 70) {
      return watch();
    } else if (r < 82) {
      return lease();
    } else if (r < 92) {
      return maintenance();
    }
    return junk();
  }

  FuzzRequest kv() {
    return switch (random.nextInt(3)) {
      case 0 -> FuzzRequest.unary(Methods.RANGE, range(), "kv");
      case 1 -> FuzzRequest.unary(Methods.PUT, put(), "kv");
      default -> FuzzRequest.unary(Methods.DELETE, delete(), "kv");
    };
  }

  RangeRequest range() {
    RangeRequest.Builder b = RangeRequest.newBuilder().setKey(key());
    maybe(() -> b.setRangeEnd(rangeEnd(b.getKey())));
    maybe(() -> b.setLimit(pick(-1L, 0L, 1L, 2L, 1000L, Long.MAX_VALUE)));
    maybe(() -> b.setRevision(revision()));
    maybe(() -> b.setSortOrderValue(random.nextInt(4))); // 3 is no SortOrder
    maybe(() -> b.setSortTargetValue(random.nextInt(6))); // 5 is no SortTarget
    maybe(() -> b.setSerializable(true));
    maybe(() -> b.setKeysOnly(true));
    maybe(() -> b.setCountOnly(true));
    maybe(() -> b.setMinModRevision(revision()));
    maybe(() -> b.setMaxModRevision(revision()));
    maybe(() -> b.setMinCreateRevision(revision()));
    maybe(() -> b.setMaxCreateRevision(revision()));
    return b.build();
  }

  PutRequest put() {
    PutRequest.Builder b = PutRequest.newBuilder().setKey(key()).setValue(value());
    maybe(() -> b.setLease(pick(0L, 1L, -1L, 0x7e57_0000_0000_0001L)));
    maybe(() -> b.setPrevKv(true));
    if (random.nextInt(8) == 0) {
      b.setIgnoreValue(true);
    }
    if (random.nextInt(8) == 0) {
      b.setIgnoreLease(true);
    }
    return b.build();
  }

  DeleteRangeRequest delete() {
    DeleteRangeRequest.Builder b = DeleteRangeRequest.newBuilder().setKey(key());
    maybe(() -> b.setRangeEnd(rangeEnd(b.getKey())));
    maybe(() -> b.setPrevKv(true));
    return b.build();
  }

  /** A txn: odd compares, branches of any op, sometimes many ops, sometimes a deep chain of nested txns. */
  TxnRequest txn(int depth) {
    if (depth == 0 && random.nextInt(6) == 0) {
      return chain(DEEP_NESTING / 2 + random.nextInt(DEEP_NESTING));
    }
    TxnRequest.Builder b = TxnRequest.newBuilder();
    int compares = random.nextInt(3);
    for (int i = 0; i < compares; i++) {
      b.addCompare(compare());
    }
    boolean many = depth == 0 && random.nextInt(15) == 0;
    int n = many ? MAX_TXN_OPS - 2 + random.nextInt(5) : random.nextInt(4);
    for (int i = 0; i < n; i++) {
      b.addSuccess(op(depth));
    }
    int m = random.nextInt(3);
    for (int i = 0; i < m; i++) {
      b.addFailure(op(depth));
    }
    return b.build();
  }

  /** {@code depth} txns each nested in the success branch of the one before, the innermost a put. */
  TxnRequest chain(int depth) {
    TxnRequest inner = TxnRequest.newBuilder().addSuccess(RequestOp.newBuilder().setRequestPut(
        PutRequest.newBuilder().setKey(key()).setValue(ByteString.copyFromUtf8("deep")))).build();
    for (int i = 1; i < depth; i++) {
      inner = TxnRequest.newBuilder().addSuccess(RequestOp.newBuilder().setRequestTxn(inner)).build();
    }
    return inner;
  }

  RequestOp op(int depth) {
    int r = random.nextInt(depth < 3 ? 9 : 8);
    return switch (r) {
      case 0, 1, 2 -> RequestOp.newBuilder().setRequestPut(put().toBuilder().clearValue()
          .setValue(ByteString.copyFromUtf8("v" + random.nextInt(10)))).build();
      case 3, 4 -> RequestOp.newBuilder().setRequestRange(range()).build();
      case 5, 6 -> RequestOp.newBuilder().setRequestDeleteRange(delete()).build();
      case 7 -> RequestOp.getDefaultInstance(); // no request at all
      default -> RequestOp.newBuilder().setRequestTxn(txn(depth + 1)).build();
    };
  }

  Compare compare() {
    Compare.Builder b = Compare.newBuilder().setKey(key())
        .setResultValue(random.nextInt(5)) // 4 is no CompareResult
        .setTargetValue(random.nextInt(6)); // 5 is no CompareTarget
    switch (random.nextInt(5)) {
      case 0 -> b.setVersion(pick(-1L, 0L, 1L, Long.MAX_VALUE));
      case 1 -> b.setCreateRevision(revision());
      case 2 -> b.setModRevision(revision());
      case 3 -> b.setValue(ByteString.copyFromUtf8("v" + random.nextInt(10)));
      default -> b.setUnknownFields(varint(8, pick(0L, 1L, -1L))); // lease (etcd 3.3+, not in jetcd's classes)
    }
    maybe(() -> b.setRangeEnd(rangeEnd(b.getKey())));
    return b.build();
  }

  /** One stream of 1–3 watch requests: creates with odd ranges and revisions, duplicate ids, cancels of unknown ids. */
  FuzzRequest watch() {
    List<ByteString> msgs = new ArrayList<>();
    int n = 1 + random.nextInt(3);
    long id = pick(0L, 1L, 7L, -1L);
    for (int i = 0; i < n; i++) {
      WatchRequest w = switch (random.nextInt(6)) {
        case 0 -> WatchRequest.newBuilder().setCancelRequest(WatchCancelRequest.newBuilder()
            .setWatchId(pick(0L, 1L, 99L, -1L))).build();
        case 1 -> WatchRequest.newBuilder().setProgressRequest(WatchProgressRequest.getDefaultInstance()).build();
        default -> WatchRequest.newBuilder().setCreateRequest(watchCreate(id)).build();
      };
      msgs.add(w.toByteString());
    }
    return new FuzzRequest(Methods.WATCH, msgs, "watch");
  }

  private WatchCreateRequest watchCreate(long id) {
    WatchCreateRequest.Builder b = WatchCreateRequest.newBuilder().setKey(key());
    maybe(() -> b.setRangeEnd(rangeEnd(b.getKey())));
    maybe(() -> b.setStartRevision(revision()));
    maybe(() -> b.setPrevKv(true));
    maybe(() -> b.setProgressNotify(true));
    // watch_id (7) and fragment (8) came after jetcd's protocol classes: sent as raw fields
    UnknownFieldSet.Builder extra = UnknownFieldSet.newBuilder();
    maybe(() -> extra.mergeField(7, UnknownFieldSet.Field.newBuilder().addVarint(id).build()));
    maybe(() -> extra.mergeField(8, UnknownFieldSet.Field.newBuilder().addVarint(1).build()));
    b.setUnknownFields(extra.build());
    maybe(() -> b.addFiltersValue(random.nextInt(3))); // 2 is no FilterType
    return b.build();
  }

  FuzzRequest lease() {
    long id = pick(0L, -1L, 1L, 0x7e57_0000_0000_0002L);
    return switch (random.nextInt(4)) {
      case 0 -> FuzzRequest.unary(Methods.LEASE_GRANT, LeaseGrantRequest.newBuilder()
          .setTTL(pick(0L, -1L, 1L, 60L, 9_000_000_000L, Long.MAX_VALUE)).setID(id == 1L ? 0L : id).build(), "lease");
      case 1 -> FuzzRequest.unary(Methods.LEASE_REVOKE, LeaseRevokeRequest.newBuilder().setID(id).build(), "lease");
      case 2 -> FuzzRequest.unary(Methods.LEASE_TTL, LeaseTimeToLiveRequest.newBuilder().setID(id)
          .setKeys(random.nextBoolean()).build(), "lease");
      default -> new FuzzRequest(Methods.LEASE_KEEPALIVE,
          List.of(LeaseKeepAliveRequest.newBuilder().setID(id).build().toByteString()), "lease");
    };
  }

  FuzzRequest maintenance() {
    return switch (random.nextInt(4)) {
      case 0 -> FuzzRequest.unary(Methods.STATUS, StatusRequest.getDefaultInstance(), "maintenance");
      case 1 -> FuzzRequest.unary(Methods.HASH, HashRequest.getDefaultInstance(), "maintenance");
      case 2 -> FuzzRequest.unary(Methods.HASH_KV, HashKVRequest.newBuilder().setRevision(revision()).build(),
          "maintenance");
      // only GET and a deactivation of nothing: activating NOSPACE would make the target read-only
      default -> FuzzRequest.unary(Methods.ALARM, AlarmRequest.newBuilder()
          .setActionValue(random.nextBoolean() ? 0 : 2).setAlarm(AlarmType.NONE).build(), "maintenance");
    };
  }

  /** Bytes that are no valid message of the method: random, or a valid request cut short. */
  FuzzRequest junk() {
    String method = pick(Methods.PUT, Methods.RANGE, Methods.TXN, Methods.LEASE_GRANT);
    byte[] b;
    if (random.nextBoolean()) {
      b = new byte[1 + random.nextInt(64)];
      random.nextBytes(b);
    } else {
      byte[] whole = TxnRequest.newBuilder().addSuccess(op(0)).addCompare(compare()).build().toByteArray();
      b = java.util.Arrays.copyOf(whole, Math.max(1, whole.length - 1 - random.nextInt(Math.max(1, whole.length / 2))));
    }
    return new FuzzRequest(method, List.of(ByteString.copyFrom(b)), "junk");
  }

  /** A key under the space: short names mostly; sometimes empty, with NUL bytes, long, or not UTF-8. */
  ByteString key() {
    return switch (random.nextInt(12)) {
      case 0 -> ByteString.EMPTY;
      case 1 -> bytes(space + "k\0" + random.nextInt(3));
      case 2 -> bytes(space + "x".repeat(1 + random.nextInt(4096)));
      case 3 -> bytes(space).concat(ByteString.copyFrom(new byte[] {(byte) 0xff, (byte) 0xfe}));
      default -> bytes(space + "k" + random.nextInt(4));
    };
  }

  /** A range end for {@code key}: before it, equal to it, just past it, or the end of the space. */
  ByteString rangeEnd(ByteString key) {
    return switch (random.nextInt(5)) {
      case 0 -> key; // empty range [k, k)
      case 1 -> bytes(space); // before every key of the space: end < key
      case 2 -> key.concat(ByteString.copyFrom(new byte[] {0})); // exactly one key
      case 3 -> bytes(space + "k" + random.nextInt(4));
      default -> bytes(space.substring(0, space.length() - 1) + (char) (space.charAt(space.length() - 1) + 1));
    };
  }

  /** A value: short mostly; sometimes empty or of a size at etcd's request limit. */
  ByteString value() {
    int r = random.nextInt(40);
    if (r == 0) {
      int size = pick(MAX_REQUEST_BYTES - 64, MAX_REQUEST_BYTES, MAX_REQUEST_BYTES + 1, 2 * 1024 * 1024 + 1);
      return ByteString.copyFrom(new byte[size]);
    }
    return r < 4 ? ByteString.EMPTY : bytes("v" + random.nextInt(100));
  }

  long revision() {
    return pick(-1L, 0L, 1L, 2L, 1L << 40, Long.MAX_VALUE, Long.MIN_VALUE);
  }

  private static UnknownFieldSet varint(int field, long v) {
    return UnknownFieldSet.newBuilder().addField(field, UnknownFieldSet.Field.newBuilder().addVarint(v).build()).build();
  }

  private void maybe(Runnable r) {
    if (random.nextInt(3) == 0) {
      r.run();
    }
  }

  @SafeVarargs
  private <T> T pick(T... options) {
    return options[random.nextInt(options.length)];
  }

  private static ByteString bytes(String s) {
    return ByteString.copyFrom(s, StandardCharsets.UTF_8);
  }
}
