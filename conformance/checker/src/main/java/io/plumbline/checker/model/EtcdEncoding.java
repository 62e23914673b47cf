package io.plumbline.checker.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the workload's operations are written into a history so the checker's {@code etcd} model
 * reads them (conformance/README.md, "etcd model"): values of get results, txn requests and
 * results. Revisions are left out on purpose (see {@link Workload}).
 */
public final class EtcdEncoding {
  private EtcdEncoding() {}

  /** A get's result: {@code {"value": v, "version": n}}, or {@code {"count": 0}} for an absent key. */
  public static Map<String, Object> getResult(String value, long version) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (value == null) {
      out.put("count", 0L);
    } else {
      out.put("value", value);
      out.put("version", version);
    }
    return out;
  }

  /** A delete's result: {@code {"deleted": n}}. */
  public static Map<String, Object> deleteResult(long deleted) {
    return Map.of("deleted", deleted);
  }

  /**
   * A compare-and-set txn: if the key holds {@code expected} (or, when null, does not exist:
   * version 0) then put {@code value}.
   */
  public static Map<String, Object> casRequest(String key, String expected, String value) {
    Map<String, Object> cmp = new LinkedHashMap<>();
    cmp.put("key", key);
    cmp.put("target", expected == null ? "version" : "value");
    cmp.put("result", "=");
    cmp.put("value", expected == null ? (Object) 0L : expected);
    Map<String, Object> req = new LinkedHashMap<>();
    req.put("compare", List.of(cmp));
    req.put("success", List.of(Map.of("f", "put", "key", key, "value", value)));
    req.put("failure", List.of());
    return req;
  }

  /** A txn's result: {@code {"succeeded": b}}. */
  public static Map<String, Object> txnResult(boolean succeeded) {
    return Map.of("succeeded", succeeded);
  }
}
