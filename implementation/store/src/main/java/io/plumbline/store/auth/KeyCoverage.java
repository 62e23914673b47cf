package io.plumbline.store.auth;

import com.google.protobuf.ByteString;
import io.plumbline.store.auth.AuthState.Permission;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * Whether a set of permissions covers a requested key range, as etcd's interval tree {@code Contains}: the
 * union of the permitted intervals must cover the whole request. A range end of {@code "\0"} means "every key
 * from here on"; an empty one, the single key.
 */
final class KeyCoverage {
  private static final Comparator<byte[]> ORDER = (a, b) -> ByteString.unsignedLexicographicalComparator()
      .compare(ByteString.copyFrom(a), ByteString.copyFrom(b));

  private KeyCoverage() {}

  /** One half-open interval; {@code end == null} is unbounded. */
  private record Interval(byte[] start, byte[] end) {}

  static boolean covers(List<Permission> perms, boolean write, ByteString key, ByteString rangeEnd) {
    Interval want = interval(key.toByteArray(), rangeEnd.toByteArray());
    List<Interval> have = new ArrayList<>();
    for (Permission p : perms) {
      boolean fits = write ? p.type() != 0 : p.type() != 1; // READ=0, WRITE=1, READWRITE=2
      if (fits) {
        have.add(interval(Base64.getDecoder().decode(p.key()), Base64.getDecoder().decode(p.rangeEnd())));
      }
    }
    have.sort((a, b) -> ORDER.compare(a.start, b.start));
    byte[] reached = want.start;
    for (Interval i : have) {
      if (ORDER.compare(i.start, reached) > 0) {
        break; // a gap before this interval
      }
      if (i.end == null) {
        return true;
      }
      if (ORDER.compare(i.end, reached) > 0) {
        reached = i.end;
      }
      if (want.end != null && ORDER.compare(reached, want.end) >= 0) {
        return true;
      }
    }
    return want.end != null && ORDER.compare(reached, want.end) >= 0;
  }

  private static Interval interval(byte[] key, byte[] end) {
    if (end.length == 0) { // the single key: [key, key + "\0")
      byte[] next = java.util.Arrays.copyOf(key, key.length + 1);
      return new Interval(key, next);
    }
    if (end.length == 1 && end[0] == 0) {
      return new Interval(key, null);
    }
    return new Interval(key, end);
  }
}
