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
