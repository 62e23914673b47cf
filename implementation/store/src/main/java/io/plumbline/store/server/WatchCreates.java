package io.plumbline.store.server;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import io.etcd.jetcd.api.WatchCreateRequest;
import io.plumbline.db.WatchStreamRequests;
import io.plumbline.store.mvcc.KeyRange;

/**
 * The checks etcd 3.4's watch stream makes on a create ({@code mvcc/watcher.go}), with its reasons verbatim.
 * A refused create gets one response, created and canceled, with watch id -1 and the reason.
 */
final class WatchCreates {
  /** etcd's AutoWatchID: the server picks the id. */
  static final long AUTO_ID = 0;
  static final String EMPTY_RANGE = "mvcc: watcher range is empty";
  static final String DUPLICATE_ID = "mvcc: duplicate watch ID provided on the WatchStream";
  private static final ByteString ZERO = ByteString.copyFrom(new byte[] {0});

  private WatchCreates() {}

  /** The reason etcd refuses {@code c} for, or null: a range end not after the key (end "\0" means "from key on"). */
  static String refusal(WatchCreateRequest c) {
    ByteString end = c.getRangeEnd();
    if (!end.isEmpty() && !end.equals(ZERO) && KeyRange.ORDER.compare(c.getKey(), end) >= 0) {
      return EMPTY_RANGE;
    }
    return null;
  }

  /** The watch id the client asked for, {@link #AUTO_ID} when none. */
  static long requestedId(WatchCreateRequest c) {
    UnknownFieldSet.Field f = c.getUnknownFields().getField(WatchStreamRequests.WATCH_ID_FIELD);
    return f == null || f.getVarintList().isEmpty() ? AUTO_ID : f.getVarintList().get(0);
  }
}
