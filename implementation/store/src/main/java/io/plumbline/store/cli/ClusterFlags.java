package io.plumbline.store.cli;

import io.plumbline.common.UserError;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/** Parsing of etcd-style URL flags into typed values, with one-line user errors. */
final class ClusterFlags {
  private ClusterFlags() {}

  /** {@code n1=http://127.0.0.1:2380,n2=...} → name → peer URL. */
  static Map<String, URI> initialCluster(String flag) {
    Map<String, URI> out = new LinkedHashMap<>();
    for (String part : flag.split(",")) {
      String[] kv = part.split("=", 2);
      if (kv.length != 2 || kv[0].isBlank()) {
        throw new UserError("--initial-cluster: expected name=url[,name=url...], got '" + part + "'");
      }
      out.put(kv[0].strip(), url("--initial-cluster", kv[1].strip()));
    }
    return out;
  }

  /** The first URL of an etcd URL-list flag (we listen on one address); http or https. */
  static URI url(String flag, String value) {
    String first = value.split(",")[0].strip();
    try {
      URI u = URI.create(first);
      if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null || u.getPort() <= 0) {
        throw new UserError(flag + ": expected http://host:port or https://host:port, got '" + first + "'");
      }
      return u;
    } catch (IllegalArgumentException e) {
      throw new UserError(flag + ": not a URL: '" + first + "'");
    }
  }
}
