package io.plumbline.controlplane;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * A control-plane check: the API server refuses who it must. Four probes, each a write sent with
 * {@code dryRun=All} so a faulty server changes nothing (kube-apiserver authorizes dry runs like
 * real writes): an anonymous pod create and node delete must get 401 or 403, a bogus bearer token
 * 401, and an authenticated identity without the right (e.g. the controller manager's, which may
 * not delete nodes) 403. VALID only when every probe was refused as required; INVALID names each
 * write that got through; UNKNOWN when some probe got no answer or a 5xx (nothing was learned).
 */
public final class AccessCheck {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final String POD = "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":"
      + "{\"name\":\"access-check\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}}";

  public enum Verdict { VALID, INVALID, UNKNOWN }

  /** The verdict and one line per probe (method, path, who, answer). */
  public record Result(Verdict verdict, List<String> probes) {}

  private AccessCheck() {}

  /**
   * {@code trustOnly}: TLS trusting the server, no client certificate; {@code unprivileged}: TLS
   * with the certificate of an identity that may not delete nodes.
   */
  public static Result run(String serverUrl, SSLContext trustOnly, SSLContext unprivileged) {
    HttpClient anonymous = client(trustOnly);
    HttpClient limited = client(unprivileged);
    List<String> lines = new ArrayList<>();
    List<Verdict> verdicts = new ArrayList<>();
    String pods = serverUrl + "/api/v1/namespaces/default/pods?dryRun=All";
    String node = serverUrl + "/api/v1/nodes/node-1?dryRun=All";
    probe(anonymous, post(pods, null), "anonymous", List.of(401, 403), lines, verdicts);
    probe(anonymous, delete(node, null), "anonymous", List.of(401, 403), lines, verdicts);
    probe(anonymous, post(pods, "Bearer plumbline-access-check-bogus"), "bogus token",
        List.of(401), lines, verdicts);
    probe(limited, delete(node, null), "unprivileged identity", List.of(403), lines, verdicts);
    Verdict verdict = verdicts.contains(Verdict.INVALID) ? Verdict.INVALID
        : verdicts.contains(Verdict.UNKNOWN) ? Verdict.UNKNOWN : Verdict.VALID;
    return new Result(verdict, lines);
  }

  private static void probe(HttpClient http, HttpRequest request, String who,
      List<Integer> refusals, List<String> lines, List<Verdict> verdicts) {
    String what = request.method() + " " + request.uri().getPath() + " as " + who + ": ";
    try {
      int code = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
      Verdict v = refusals.contains(code) ? Verdict.VALID
          : code >= 200 && code < 300 || code == 404 || code == 409 || code == 422
              ? Verdict.INVALID : Verdict.UNKNOWN;
      verdicts.add(v);
      lines.add(what + code + (v == Verdict.VALID ? " (refused)" : v == Verdict.INVALID
          ? " (NOT refused: want " + refusals + ")" : " (no verdict)"));
    } catch (IOException e) {
      verdicts.add(Verdict.UNKNOWN);
      lines.add(what + "no answer (" + e.getClass().getSimpleName() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      verdicts.add(Verdict.UNKNOWN);
      lines.add(what + "interrupted");
    }
  }

  private static HttpRequest post(String url, String authorization) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(POD));
    return (authorization == null ? b : b.header("Authorization", authorization)).build();
  }

  private static HttpRequest delete(String url, String authorization) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).DELETE();
    return (authorization == null ? b : b.header("Authorization", authorization)).build();
  }

  private static HttpClient client(SSLContext tls) {
    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(TIMEOUT);
    return (tls == null ? b : b.sslContext(tls)).build();
  }
}
