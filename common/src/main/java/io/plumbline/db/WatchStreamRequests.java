package io.plumbline.db;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import io.etcd.jetcd.api.WatchCancelRequest;
import io.etcd.jetcd.api.WatchCreateRequest;
import io.etcd.jetcd.api.WatchRequest;

/**
 * The one builder of raw watch-stream requests as etcd 3.4's {@code rpc.proto} has them, shared by the reference
 * store (which reads {@link #WATCH_ID_FIELD}), its tests and the conformance suite. jetcd 0.8.6's
 * {@code WatchCreateRequest} lacks {@code watch_id} (field 7): it is sent as an unknown field, which etcd reads.
 */
public final class WatchStreamRequests {
  /** {@code watch_id} of etcd 3.4's WatchCreateRequest. */
  public static final int WATCH_ID_FIELD = 7;

  private WatchStreamRequests() {}

  /** A create of a watch on {@code key} from the current revision, the server picking the id. */
  public static WatchCreateRequest.Builder create(ByteString key) {
    return WatchCreateRequest.newBuilder().setKey(key);
  }

  /** A create of a watch on [key, end) from {@code start}; {@code watchId} null lets the server pick it. */
  public static WatchCreateRequest.Builder create(ByteString key, ByteString end, long start, Long watchId) {
    WatchCreateRequest.Builder c = create(key).setRangeEnd(end).setStartRevision(start);
    if (watchId != null) {
      c.setUnknownFields(UnknownFieldSet.newBuilder()
          .addField(WATCH_ID_FIELD, UnknownFieldSet.Field.newBuilder().addVarint(watchId).build()).build());
    }
    return c;
  }

  /** The stream request carrying {@code create}. */
  public static WatchRequest of(WatchCreateRequest.Builder create) {
    return WatchRequest.newBuilder().setCreateRequest(create).build();
  }

  /** A cancel of watch {@code watchId}. */
  public static WatchRequest cancel(long watchId) {
    return WatchRequest.newBuilder().setCancelRequest(WatchCancelRequest.newBuilder().setWatchId(watchId)).build();
  }
}
