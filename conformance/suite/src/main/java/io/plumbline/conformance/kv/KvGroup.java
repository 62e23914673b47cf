package io.plumbline.conformance.kv;

import io.plumbline.conformance.CheckGroup;
import java.util.List;

/** The kv group: revisions, key metadata, range, put and delete prev_kv, and compaction (etcd API reference, KV service). */
public final class KvGroup {
  private KvGroup() {}

  public static CheckGroup create() {
    return new CheckGroup("kv", List.of(new RevisionsContiguous(), new KeyMetadata(), new RangeOptions(),
        new PutPrevKv(), new DeletePrevKv(), new Compaction()));
  }
}
