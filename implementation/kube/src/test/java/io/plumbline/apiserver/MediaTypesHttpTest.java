package io.plumbline.apiserver;

import static io.plumbline.testing.JsonLiteral.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbline.apiserver.api.Json;
import io.plumbline.apiserver.codec.KubeProtobuf;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Content negotiation over HTTP, as kube-apiserver answers it: protobuf in and out for core kinds,
 * JSON for kinds without a Kubernetes proto when the client also accepts JSON, 406 when it accepts
 * nothing the server can write; /openapi/v2 in JSON, 406 to a protobuf-only Accept.
 */
class MediaTypesHttpTest extends ApiServerTestBase {
  private static final String PROTOBUF = KubeProtobuf.MEDIA_TYPE;

  private static HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
    return api.client().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(api.base() + path));
  }

  @Test
  void aProtobufCreateAnswersProtobufAndReadsBackAsJson() throws Exception {
    ObjectNode cm = json("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'pb'},"
        + "'data':{'k':'v'}}");
    HttpResponse<byte[]> created = send(request("/api/v1/namespaces/default/configmaps")
        .header("Content-Type", PROTOBUF).header("Accept", PROTOBUF + ",application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(KubeProtobuf.encode(cm))));
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.headers().firstValue("Content-Type")).hasValue(PROTOBUF);
    ObjectNode answer = KubeProtobuf.decode(created.body());
    assertThat(answer.at("/data/k").asText()).isEqualTo("v");
    assertThat(answer.at("/metadata/uid").asText()).isNotEmpty();
    assertThat(api.get("/api/v1/namespaces/default/configmaps/pb").text("metadata.uid"))
        .isEqualTo(answer.at("/metadata/uid").asText());
  }

  @Test
  void aKindWithoutProtoFallsBackToJsonOr406() throws Exception {
    HttpResponse<byte[]> both = send(request("/apis/coordination.k8s.io/v1/leases")
        .header("Accept", PROTOBUF + ", application/json"));
    assertThat(both.statusCode()).isEqualTo(200);
    assertThat(both.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    HttpResponse<byte[]> only = send(request("/apis/coordination.k8s.io/v1/leases")
        .header("Accept", PROTOBUF));
    assertThat(only.statusCode()).isEqualTo(406);
    assertThat(Json.parse(only.body()).path("reason").asText()).isEqualTo("NotAcceptable");
    HttpResponse<byte[]> watch = send(request("/api/v1/namespaces?watch=true")
        .header("Accept", PROTOBUF));
    assertThat(watch.statusCode()).isEqualTo(406);
  }

  @Test
  void aBodyInAnotherFormatIs415() throws Exception {
    HttpResponse<byte[]> r = send(request("/api/v1/namespaces")
        .header("Content-Type", "application/cbor")
        .POST(HttpRequest.BodyPublishers.ofString("x")));
    assertThat(r.statusCode()).isEqualTo(415);
  }

  @Test
  void openApiV2IsJsonAndAProtobufOnlyAcceptIs406() throws Exception {
    HttpResponse<byte[]> json = send(request("/openapi/v2").header("Accept", "application/json"));
    assertThat(json.statusCode()).isEqualTo(200);
    assertThat(Json.parse(json.body()).path("swagger").asText()).isEqualTo("2.0");
    HttpResponse<byte[]> proto = send(request("/openapi/v2")
        .header("Accept", "application/com.github.proto-openapi.spec.v2@v1.0+protobuf"));
    assertThat(proto.statusCode()).isEqualTo(406);
    HttpResponse<byte[]> unknown = send(request("/openapi/v3/apis/apps/v1"));
    assertThat(unknown.statusCode()).isEqualTo(404);
  }
}
