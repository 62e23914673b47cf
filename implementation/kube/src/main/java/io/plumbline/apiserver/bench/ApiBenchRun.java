package io.plumbline.apiserver.bench;

import io.plumbline.common.UserError;
import io.plumbline.store.bench.BenchRow;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code ./plumbline bench --api URL}: rows per op and concurrency, printed as they finish. */
public final class ApiBenchRun {
  private ApiBenchRun() {}

  /**
   * Runs every (op, clients) row. {@code opNames} left at the store bench's default ("put") means
   * all four API ops.
   */
  public static int run(String api, List<String> opNames, List<Integer> clients, int ops, Path out)
      throws IOException, InterruptedException {
    return run(api, opNames, clients, ops, out, null);
  }

  /** As above; {@code tls} (may be null) for an https API server. */
  public static int run(String api, List<String> opNames, List<Integer> clients, int ops, Path out,
      javax.net.ssl.SSLContext tls) throws IOException, InterruptedException {
    URI uri;
    try {
      uri = URI.create(api);
    } catch (IllegalArgumentException e) {
      throw new UserError("--api: not a URL: " + api);
    }
    boolean https = "https".equals(uri.getScheme());
    if (uri.getHost() == null || !"http".equals(uri.getScheme()) && !https) {
      throw new UserError("--api: expected http(s)://HOST:PORT, got " + api);
    }
    if (https && tls == null) {
      throw new UserError("--api " + api + ": https needs credentials (--up-dir DIR of the 'up' "
          + "that started it)");
    }
    if (ops < 1 || clients.stream().anyMatch(c -> c < 1)) {
      throw new UserError("--ops and --clients must be positive");
    }
    List<ApiBenchOp> kinds = parse(opNames);
    ApiBench bench = new ApiBench(api, Long.toString(System.currentTimeMillis() % 1_000_000),
        tls);
    try {
      bench.prepare();
    } catch (IOException e) {
      throw new UserError("--api " + api + ": no answer (" + e.getMessage() + ")", 1);
    }
    List<BenchRow> rows = new ArrayList<>();
    System.out.println(BenchRow.header());
    for (ApiBenchOp op : kinds) {
      for (int c : clients) {
        BenchRow row = bench.run(op, c, ops);
        System.out.println(row);
        rows.add(row);
      }
    }
    if (out != null) {
      Files.writeString(out, "[\n" + String.join(",\n", rows.stream().map(BenchRow::toJson)
          .toList()) + "\n]\n");
    }
    return 0;
  }

  private static List<ApiBenchOp> parse(List<String> opNames) {
    if (opNames.equals(List.of("put"))) {
      return List.of(ApiBenchOp.values());
    }
    List<ApiBenchOp> kinds = new ArrayList<>();
    for (String name : opNames) {
      try {
        kinds.add(ApiBenchOp.parse(name));
      } catch (IllegalArgumentException e) {
        throw new UserError("--op: with --api expected create, get, list or watch, got '" + name
            + "'");
      }
    }
    return kinds;
  }
}
