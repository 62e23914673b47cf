package io.plumbline.store.mvcc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.DeleteRangeRequest;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.RequestOp;
import io.etcd.jetcd.api.TxnRequest;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link TxnChecks} against etcd's rules, on random txns over four keys nested up to three levels. The oracle
 * is the rule's meaning, computed the slow way: enumerate every path (each nested txn takes either branch) and
 * look for a key written twice on one path. etcd refuses only txns that have such a path; for a txn without
 * nesting it refuses exactly those. A malformed op anywhere gets etcd's error for it.
 */
class TxnChecksProperties {
  private static final List<String> KEYS = List.of("a", "b", "c", "d");

  @Property(tries = 2000)
  void aRefusedTxnHasAPathThatWritesAKeyTwice(@ForAll("txns") TxnRequest t) {
    boolean conflict = Paths.anyConflict(t.getSuccessList()) || Paths.anyConflict(t.getFailureList());
    try {
      TxnChecks.check(t, 128);
    } catch (StoreException e) {
      assertThat(e.error()).isEqualTo(StoreError.DUPLICATE_KEY);
      assertThat(conflict).as("refused, yet no path writes a key twice: %s", t).isTrue();
    }
  }

  /** The oracle bites: the old check ({@code --fault nested-txn-hang}) refuses a txn with no conflicting path. */
  @net.jqwik.api.Example
  void theOracleCatchesTheOldCheck() {
    RequestOp put = RequestOp.newBuilder().setRequestPut(PutRequest.newBuilder().setKey(b("a"))).build();
    TxnRequest t = TxnRequest.newBuilder().addSuccess(RequestOp.newBuilder()
        .setRequestTxn(TxnRequest.newBuilder().addSuccess(put).addFailure(put))).build();
    assertThat(Paths.anyConflict(t.getSuccessList())).isFalse();
    assertThatThrownBy(() -> io.plumbline.store.fault.QuadraticTxnChecks.check(t, 128))
        .hasMessage(StoreError.DUPLICATE_KEY.message());
  }

  @Property(tries = 2000)
  void withoutNestingATxnIsRefusedExactlyWhenItWritesAKeyTwice(@ForAll("flatTxns") TxnRequest t) {
    boolean conflict = Paths.anyConflict(t.getSuccessList()) || Paths.anyConflict(t.getFailureList());
    boolean refused;
    try {
      TxnChecks.check(t, 128);
      refused = false;
    } catch (StoreException e) {
      refused = true;
    }
    assertThat(refused).as("%s", t).isEqualTo(conflict);
  }

  @Property(tries = 500)
  void anEmptyOpAnywhereIsKeyNotFound(@ForAll("txns") TxnRequest t, @ForAll("depths") int depth) {
    TxnRequest bad = withEmptyOp(t, depth);
    assertThatThrownBy(() -> TxnChecks.check(bad, 128)).hasMessage(StoreError.KEY_NOT_FOUND.message());
  }

  /** {@code t} with an empty RequestOp appended to the failure branch {@code depth} nested txns down. */
  private static TxnRequest withEmptyOp(TxnRequest t, int depth) {
    if (depth == 0) {
      return t.toBuilder().addFailure(RequestOp.getDefaultInstance()).build();
    }
    return TxnRequest.newBuilder().addSuccess(RequestOp.newBuilder().setRequestTxn(withEmptyOp(t, depth - 1))).build();
  }

  @Provide
  Arbitrary<Integer> depths() {
    return Arbitraries.integers().between(0, 3);
  }

  @Provide
  Arbitrary<TxnRequest> txns() {
    return txn(3);
  }

  @Provide
  Arbitrary<TxnRequest> flatTxns() {
    return txn(0);
  }

  private static Arbitrary<TxnRequest> txn(int depth) {
    Arbitrary<List<RequestOp>> branch = op(depth).list().ofMaxSize(3);
    return net.jqwik.api.Combinators.combine(branch, branch)
        .as((s, f) -> TxnRequest.newBuilder().addAllSuccess(s).addAllFailure(f).build());
  }

  private static Arbitrary<RequestOp> op(int depth) {
    Arbitrary<String> key = Arbitraries.of(KEYS);
    Arbitrary<RequestOp> put = key.map(k -> RequestOp.newBuilder()
        .setRequestPut(PutRequest.newBuilder().setKey(b(k)).setValue(b("v"))).build());
    Arbitrary<RequestOp> get = key.map(k -> RequestOp.newBuilder().setRequestRange(RangeRequest.newBuilder().setKey(b(k))).build());
    Arbitrary<RequestOp> delete = net.jqwik.api.Combinators.combine(key, Arbitraries.of("", "\0", "a", "b", "c", "d", "e"))
        .as((k, end) -> RequestOp.newBuilder()
            .setRequestDeleteRange(DeleteRangeRequest.newBuilder().setKey(b(k)).setRangeEnd(b(end))).build());
    if (depth == 0) {
      return Arbitraries.oneOf(put, get, delete);
    }
    Arbitrary<RequestOp> nested = Arbitraries.lazy(() -> txn(depth - 1)).map(t -> RequestOp.newBuilder().setRequestTxn(t).build());
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, put), net.jqwik.api.Tuple.of(1, get),
        net.jqwik.api.Tuple.of(2, delete), net.jqwik.api.Tuple.of(2, nested));
  }

  private static ByteString b(String s) {
    return ByteString.copyFromUtf8(s);
  }

  /** The oracle: every path's writes, enumerated. */
  static final class Paths {
    private Paths() {}

    /** A path's writes: keys put and ranges deleted, in any order. */
    record Writes(List<ByteString> puts, List<KeyRange> deletes) {
      Writes plus(Writes o) {
        List<ByteString> p = new ArrayList<>(puts);
        p.addAll(o.puts);
        List<KeyRange> d = new ArrayList<>(deletes);
        d.addAll(o.deletes);
        return new Writes(p, d);
      }

      boolean conflict() {
        for (int i = 0; i < puts.size(); i++) {
          ByteString k = puts.get(i);
          if (puts.subList(i + 1, puts.size()).contains(k) || deletes.stream().anyMatch(d -> d.contains(k))) {
            return true;
          }
        }
        return false;
      }
    }

    static boolean anyConflict(List<RequestOp> branch) {
      return paths(branch).stream().anyMatch(Writes::conflict);
    }

    static List<Writes> paths(List<RequestOp> branch) {
      List<Writes> out = List.of(new Writes(List.of(), List.of()));
      for (RequestOp op : branch) {
        List<Writes> choices = switch (op.getRequestCase()) {
          case REQUEST_PUT -> List.of(new Writes(List.of(op.getRequestPut().getKey()), List.of()));
          case REQUEST_DELETE_RANGE -> List.of(new Writes(List.of(), List.of(
              new KeyRange(op.getRequestDeleteRange().getKey(), op.getRequestDeleteRange().getRangeEnd()))));
          case REQUEST_TXN -> {
            List<Writes> both = new ArrayList<>(paths(op.getRequestTxn().getSuccessList()));
            both.addAll(paths(op.getRequestTxn().getFailureList()));
            yield both;
          }
          default -> List.of(new Writes(List.of(), List.of()));
        };
        List<Writes> next = new ArrayList<>();
        for (Writes w : out) {
          for (Writes c : choices) {
            next.add(w.plus(c));
          }
        }
        out = next;
      }
      return out;
    }
  }
}
