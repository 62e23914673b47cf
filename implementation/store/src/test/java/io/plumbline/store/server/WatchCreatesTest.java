package io.plumbline.store.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.WatchCreateRequest;
import org.junit.jupiter.api.Test;

/**
 * etcd 3.4 refuses a watch whose range is empty ({@code mvcc/watcher.go}: a range end not after the key),
 * the key itself as range end included; an empty end is the single key and "\0" every key from the key on.
 */
class WatchCreatesTest {
  private static WatchCreateRequest watch(String key, byte[] end) {
    return WatchCreateRequest.newBuilder().setKey(ByteString.copyFromUtf8(key)).setRangeEnd(ByteString.copyFrom(end)).build();
  }

  @Test
  void aRangeEndNotAfterTheKeyIsAnEmptyRange() {
    assertThat(WatchCreates.refusal(watch("b", "b".getBytes()))).as("[b, b)").isEqualTo(WatchCreates.EMPTY_RANGE);
    assertThat(WatchCreates.refusal(watch("b", "a".getBytes()))).as("[b, a)").isEqualTo(WatchCreates.EMPTY_RANGE);
    assertThat(WatchCreates.refusal(watch("b", "b\0".getBytes()))).as("[b, b\\0)").isNull();
    assertThat(WatchCreates.refusal(watch("b", new byte[0]))).as("the key b").isNull();
    assertThat(WatchCreates.refusal(watch("b", new byte[] {0}))).as("from b on").isNull();
  }
}
