package io.plumbline.apiserver.api;

/**
 * The paging and consistency options of a list, validated as kube-apiserver validates
 * {@code ListOptions}: {@code resourceVersion} is a non-negative integer (else 400);
 * {@code resourceVersionMatch} is {@code Exact} or {@code NotOlderThan}, needs a resourceVersion,
 * and {@code Exact} may not ask for "0"; {@code continue} excludes a resourceVersion
 * (these three answered 422 Invalid ListOptions); {@code limit} is a non-negative integer.
 *
 * @param resourceVersion 0 when unset or "0" (the latest)
 * @param exact {@code resourceVersionMatch=Exact}: the list at exactly that revision
 * @param limit 0 for no limit
 * @param continueToken null when not continuing a paged list
 */
public record ListOptions(long resourceVersion, boolean exact, int limit,
    ContinueToken continueToken) {
  /** The latest state, all at once. */
  public static final ListOptions LATEST = new ListOptions(0, false, 0, null);

  public static ListOptions parse(String resourceVersion, String match, String limit,
      String continueToken) {
    String rv = resourceVersion == null ? "" : resourceVersion;
    String how = match == null ? "" : match;
    if (!how.isEmpty() && !how.equals("Exact") && !how.equals("NotOlderThan")) {
      throw invalid("resourceVersionMatch", "Unsupported value: \"" + how
          + "\": supported values: \"Exact\", \"NotOlderThan\"");
    }
    if (!how.isEmpty() && rv.isEmpty()) {
      throw invalid("resourceVersionMatch",
          "Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided");
    }
    if (how.equals("Exact") && rv.equals("0")) {
      throw invalid("resourceVersionMatch",
          "Forbidden: resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\"");
    }
    boolean continuing = continueToken != null && !continueToken.isEmpty();
    if (continuing && !rv.isEmpty() && !rv.equals("0")) {
      throw invalid("resourceVersion",
          "Forbidden: specifying resource version is not allowed when using continue");
    }
    return new ListOptions(rv.isEmpty() ? 0 : Versions.parse(rv), how.equals("Exact"),
        parseLimit(limit), continuing ? ContinueToken.decode(continueToken) : null);
  }

  private static int parseLimit(String limit) {
    if (limit == null || limit.isEmpty()) {
      return 0;
    }
    try {
      long n = Long.parseLong(limit);
      return n <= 0 ? 0 : (int) Math.min(n, Integer.MAX_VALUE);
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("invalid limit: " + limit);
    }
  }

  private static ApiError invalid(String field, String message) {
    int colon = message.indexOf(':');
    String reason = message.startsWith("Forbidden") ? "FieldValueForbidden"
        : "FieldValueNotSupported";
    return ApiError.invalidOptions("ListOptions", new ApiError.Cause(field, reason,
        colon > 0 && reason.equals("FieldValueForbidden") ? message.substring(colon + 2)
            : message));
  }
}
