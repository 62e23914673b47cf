package io.plumbline.store.mvcc;

import io.etcd.jetcd.api.KeyValue;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.RangeResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** etcd's Range semantics over the keys live at one revision: filters, count, sort, limit, keys-only. */
final class RangeQuery {
  private RangeQuery() {}

  static RangeResponse.Builder run(RangeRequest r, List<KeyValue> live) {
    List<KeyValue> kvs = new ArrayList<>(live.size());
    for (KeyValue kv : live) {
      if (passes(r, kv)) {
        kvs.add(kv);
      }
    }
    // as etcd: count is the number of keys in the range, before the revision filters prune any
    RangeResponse.Builder out = RangeResponse.newBuilder().setCount(live.size());
    if (r.getCountOnly()) {
      return out;
    }
    if (fetchesLimitPlusOne(r) && kvs.size() > r.getLimit() + 1) {
      kvs = kvs.subList(0, (int) r.getLimit() + 1); // as etcd 3.4: only these are sorted, then limited
    }
    sort(r, kvs);
    if (r.getLimit() > 0 && kvs.size() > r.getLimit()) {
      kvs = kvs.subList(0, (int) r.getLimit());
      out.setMore(true);
    }
    for (KeyValue kv : kvs) {
      out.addKvs(r.getKeysOnly() ? kv.toBuilder().clearValue().build() : kv);
    }
    return out;
  }

  /**
   * etcd 3.4 ({@code applierV3backend.Range}) reads the whole range only when the request asks for a sort order or a
   * revision filter; otherwise it reads {@code limit + 1} keys in key order (one more, for {@code more}) and sorts
   * just those. So a sort target other than KEY with order NONE (which sorts ascending) and a limit orders the first
   * {@code limit + 1} keys, not the range: {@code get a z --sort-by=VALUE --limit 2} over a=5 b=3 c=4 d=1 answers b, c
   * (etcd 3.4.23), where {@code --order=ASCEND} answers d, b.
   */
  static boolean fetchesLimitPlusOne(RangeRequest r) {
    return r.getLimit() > 0 && r.getSortOrder() == RangeRequest.SortOrder.NONE && r.getMinModRevision() == 0
        && r.getMaxModRevision() == 0 && r.getMinCreateRevision() == 0 && r.getMaxCreateRevision() == 0;
  }

  private static boolean passes(RangeRequest r, KeyValue kv) {
    // as etcd: a filter is on when non-zero, so a negative maximum prunes every key
    return (r.getMinModRevision() == 0 || kv.getModRevision() >= r.getMinModRevision())
        && (r.getMaxModRevision() == 0 || kv.getModRevision() <= r.getMaxModRevision())
        && (r.getMinCreateRevision() == 0 || kv.getCreateRevision() >= r.getMinCreateRevision())
        && (r.getMaxCreateRevision() == 0 || kv.getCreateRevision() <= r.getMaxCreateRevision());
  }

  /** As etcd: a target other than KEY with order NONE means ascending; KEY ascending is already the order. */
  private static void sort(RangeRequest r, List<KeyValue> kvs) {
    RangeRequest.SortOrder order = r.getSortOrder();
    RangeRequest.SortTarget target = r.getSortTarget();
    if (order == RangeRequest.SortOrder.NONE && target != RangeRequest.SortTarget.KEY) {
      order = RangeRequest.SortOrder.ASCEND;
    }
    if (order == RangeRequest.SortOrder.NONE
        || (order == RangeRequest.SortOrder.ASCEND && target == RangeRequest.SortTarget.KEY)) {
      return;
    }
    Comparator<KeyValue> c = switch (target) {
      case VERSION -> Comparator.comparingLong(KeyValue::getVersion);
      case CREATE -> Comparator.comparingLong(KeyValue::getCreateRevision);
      case MOD -> Comparator.comparingLong(KeyValue::getModRevision);
      case VALUE -> Comparator.comparing(KeyValue::getValue, KeyRange.ORDER);
      default -> Comparator.comparing(KeyValue::getKey, KeyRange.ORDER);
    };
    kvs.sort(order == RangeRequest.SortOrder.DESCEND ? c.reversed() : c);
  }
}
