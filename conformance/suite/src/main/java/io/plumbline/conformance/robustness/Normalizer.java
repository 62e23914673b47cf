package io.plumbline.conformance.robustness;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.Set;

/**
 * Makes two implementations' responses comparable: clears what legitimately differs between two
 * clusters that saw the same requests (headers, revisions, ids, remaining TTLs, hashes, member
 * status) and keeps what must agree (keys, values, versions, counts, flags, granted TTLs).
 */
final class Normalizer {
  /** Fields cleared wherever they occur. */
  private static final Set<String> VOLATILE = Set.of("header", "create_revision", "mod_revision", "compact_revision",
      "lease", "ID", "member_id", "cluster_id", "raft_term", "revision", "hash", "cancel_reason");
  /** Responses whose whole content is per-cluster (maintenance), kept only as "it parsed". */
  private static final Set<String> OPAQUE = Set.of(Methods.STATUS, Methods.HASH, Methods.HASH_KV);

  private Normalizer() {}

  /** One response as a one-line string. */
  static String normalize(String method, byte[] bytes) {
    Message m = Methods.parseResponse(method, bytes);
    if (m == null) {
      return "unparseable[" + bytes.length + " bytes]";
    }
    if (OPAQUE.contains(method)) {
      return m.getDescriptorForType().getName();
    }
    Message.Builder b = m.toBuilder();
    clear(b, method);
    return Methods.shortText(b.build());
  }

  private static void clear(Message.Builder b, String method) {
    for (FieldDescriptor f : b.getDescriptorForType().getFields()) {
      boolean grantedTtl = f.getName().equals("TTL") && method.equals(Methods.LEASE_GRANT);
      if (VOLATILE.contains(f.getName()) || (f.getName().equals("TTL") && !grantedTtl)) {
        b.clearField(f);
      } else if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
        if (f.isRepeated()) {
          for (int i = 0; i < b.getRepeatedFieldCount(f); i++) {
            Message.Builder sub = ((Message) b.getRepeatedField(f, i)).toBuilder();
            clear(sub, method);
            b.setRepeatedField(f, i, sub.build());
          }
        } else if (b.hasField(f)) {
          Message.Builder sub = ((Message) b.getField(f)).toBuilder();
          clear(sub, method);
          b.setField(f, sub.build());
        }
      }
    }
  }
}
