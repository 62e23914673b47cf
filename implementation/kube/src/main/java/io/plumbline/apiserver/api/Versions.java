package io.plumbline.apiserver.api;

/** Parsing client-supplied resourceVersions: non-negative decimal integers, as etcd revisions. */
public final class Versions {
  private Versions() {}

  /** The revision {@code resourceVersion} names; a 400 BadRequest when it names none. */
  public static long parse(String resourceVersion) {
    try {
      long v = Long.parseLong(resourceVersion);
      if (v >= 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiError.badRequest("invalid resource version: \"" + resourceVersion
        + "\": a resourceVersion is a non-negative integer");
  }
}
