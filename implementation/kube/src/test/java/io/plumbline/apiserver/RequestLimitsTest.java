package io.plumbline.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * kube-apiserver's request limits: a body past 3 MiB is refused with a 413 {@code Status}
 * (reason RequestEntityTooLarge) whether its length is declared or it is chunked, and a chunked
 * one is cut off without being read to its end; annotations past 256 KiB in total are a 422; errors
 * the HTTP layer raises itself are {@code Status} objects too.
 */
class RequestLimitsTest {
  private static final String PODS = "/api/v1/namespaces/default/pods";
  private static final long CHUNKED_BYTES = 256L * 1024 * 1024;
  private static OneMemberApiServer server;

  @BeforeAll
  static void start() throws IOException {
    server = OneMemberApiServer.start();
  }

  @AfterAll
  static void stop() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aChunked256MiBBodyIsCutOffWith413RequestEntityTooLarge() throws IOException {
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      out.write(("POST " + PODS + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      byte[] chunk = new byte[16 * 1024];
      java.util.Arrays.fill(chunk, (byte) ' ');
      byte[] head = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
      long sent = 0;
      try {
        while (sent < CHUNKED_BYTES && in.available() == 0) {
          out.write(head);
          out.write(chunk);
          out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
          sent += chunk.length;
        }
      } catch (IOException closedByServer) {
        // the server answered and closed while we were still sending: what we want
      }
      String response = readResponse(in);
      assertThat(response).startsWith("HTTP/1.1 413");
      JsonNode status = new ObjectMapper().readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
      assertThat(status.path("kind").asText()).isEqualTo("Status");
      assertThat(status.path("reason").asText()).isEqualTo("RequestEntityTooLarge");
      assertThat(status.path("code").asInt()).isEqualTo(413);
      assertThat(sent).as("bytes sent before the server answered").isLessThan(CHUNKED_BYTES);
    }
  }

  @Test
  void aDeclaredLengthPast3MiBIsRefusedBeforeTheBodyIsRead() throws IOException {
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.getOutputStream().write(("POST " + PODS + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
          + "Content-Length: " + (3 * 1024 * 1024 + 1) + "\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
      String response = readResponse(s.getInputStream());
      assertThat(response).startsWith("HTTP/1.1 413").contains("\"reason\":\"RequestEntityTooLarge\"");
    }
  }

  @Test
  void annotationsPast256KiBAre422WithTheFieldNamed() throws Exception {
    String big = "x".repeat(256 * 1024);
    String pod = "{\"metadata\":{\"name\":\"annotated\",\"annotations\":{\"a\":\"" + big + "\"}},"
        + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"i\"}]}}";
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(server.url() + PODS))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(pod)).build());
    assertThat(r.statusCode()).isEqualTo(422);
    JsonNode status = new ObjectMapper().readTree(r.body());
    assertThat(status.path("reason").asText()).isEqualTo("Invalid");
    assertThat(status.path("details").path("causes").get(0).path("field").asText()).isEqualTo("metadata.annotations");
  }

  @Test
  void errorsOfTheHttpLayerAreStatusObjects() throws Exception {
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(server.url() + "/no/such/path")).GET().build());
    assertThat(r.statusCode()).isEqualTo(404);
    JsonNode status = new ObjectMapper().readTree(r.body());
    assertThat(status.path("kind").asText()).isEqualTo("Status");
    assertThat(status.path("reason").asText()).isEqualTo("NotFound");
  }

  private static HttpResponse<String> send(HttpRequest req) throws Exception {
    return HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
  }

  /** The status line, headers and body, read until the server closes or the declared body is in. */
  private static String readResponse(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    byte[] b = new byte[8192];
    int n;
    while ((n = in.read(b)) > 0) {
      buf.write(b, 0, n);
      String s = buf.toString(StandardCharsets.UTF_8);
      int end = s.indexOf("\r\n\r\n");
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)content-length: (\\d+)").matcher(s);
      if (end > 0 && m.find() && s.length() - end - 4 >= Integer.parseInt(m.group(1))) {
        break;
      }
    }
    return buf.toString(StandardCharsets.UTF_8);
  }
}
