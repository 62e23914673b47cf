package io.plumbline.apiserver.codec;

import static io.plumbline.testing.JsonLiteral.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Runtime;
import io.kubernetes.client.proto.V1;
import io.plumbline.apiserver.api.ApiError;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Kubernetes JSON survives the trip through the Kubernetes protobuf messages unchanged, including
 * the types whose JSON is not their message shape; and Go's protobuf encoding of empty fields reads
 * back as Go's JSON would print them.
 */
class ProtoJsonTest {

  private static ObjectNode roundTrip(ObjectNode object) {
    return KubeProtobuf.decode(KubeProtobuf.encode(object));
  }

  @Test
  void aPodWithTimesQuantitiesOwnersAndManagedFieldsRoundTrips() {
    ObjectNode pod = json("{'apiVersion':'v1','kind':'Pod','metadata':{'name':'web-1',"
        + "'namespace':'default','uid':'u-1','resourceVersion':'42','generation':1,"
        + "'creationTimestamp':'2026-12-06T09:00:00Z','labels':{'app':'web'},"
        + "'ownerReferences':[{'apiVersion':'v1','kind':'ReplicationController','name':'web',"
        + "'uid':'u-0','controller':true}],'managedFields':[{'manager':'kubectl',"
        + "'operation':'Apply','fieldsV1':{'f:metadata':{'f:labels':{}}}}]},"
        + "'spec':{'containers':[{'name':'main','image':'nginx','ports':[{'containerPort':80,"
        + "'protocol':'TCP'}],'resources':{'limits':{'cpu':'100m','memory':'1Gi'}}}],"
        + "'terminationGracePeriodSeconds':0},"
        + "'status':{'phase':'Running','conditions':[{'type':'Ready','status':'True',"
        + "'lastTransitionTime':'2026-12-06T09:00:05Z'}]}}");
    assertThat(roundTrip(pod)).isEqualTo(pod);
  }

  @Test
  void intOrStringKeepsItsKindAndSecretBytesStayBase64() {
    ObjectNode service = json("{'apiVersion':'v1','kind':'Service','metadata':{'name':'s'},"
        + "'spec':{'ports':[{'port':80,'targetPort':8080},{'name':'web','port':81,"
        + "'targetPort':'http'}]}}");
    ObjectNode back = roundTrip(service);
    assertThat(back).isEqualTo(service);
    assertThat(back.at("/spec/ports/0/targetPort").isInt()).isTrue();
    assertThat(back.at("/spec/ports/1/targetPort").isTextual()).isTrue();
    ObjectNode secret = json("{'apiVersion':'v1','kind':'Secret','metadata':{'name':'x'},"
        + "'type':'Opaque','data':{'password':'czNjcmV0'}}");
    assertThat(roundTrip(secret)).isEqualTo(secret);
  }

  @Test
  void microTimeKeepsMicrosecondsAndTimeKeepsSeconds() {
    ObjectNode event = json("{'apiVersion':'v1','kind':'Event','metadata':{'name':'e'},"
        + "'involvedObject':{'kind':'Pod','name':'p'},'reason':'Scheduled',"
        + "'eventTime':'2026-12-06T09:00:00.123456Z','firstTimestamp':'2026-12-06T09:00:00Z',"
        + "'count':1}");
    assertThat(roundTrip(event)).isEqualTo(event);
  }

  @Test
  void aNumericQuantityComesBackAsItsStringAsKubernetesPrintsIt() {
    ObjectNode node = json("{'apiVersion':'v1','kind':'Node','metadata':{'name':'n'},"
        + "'status':{'capacity':{'cpu':4,'pods':'110'}}}");
    assertThat(roundTrip(node).at("/status/capacity/cpu").asText()).isEqualTo("4");
    assertThat(roundTrip(node).at("/status/capacity/cpu").isTextual()).isTrue();
  }

  @Test
  void goEncodedEmptyFieldsReadBackAsGoJsonPrintsThem() {
    // what kubectl create namespace sends: every non-pointer string, empty, and a zero Time
    V1.Namespace ns = V1.Namespace.newBuilder().setMetadata(Meta.ObjectMeta.newBuilder()
        .setName("demo").setGenerateName("").setNamespace("").setUid("").setGeneration(0)
        .setCreationTimestamp(Meta.Time.newBuilder().build()))
        .setSpec(V1.NamespaceSpec.newBuilder()).setStatus(V1.NamespaceStatus.newBuilder()
            .setPhase(""))
        .build();
    byte[] body = envelope("v1", "Namespace", ns.toByteArray());
    ObjectNode decoded = KubeProtobuf.decode(body);
    assertThat(decoded).isEqualTo(json("{'apiVersion':'v1','kind':'Namespace',"
        + "'metadata':{'name':'demo','generation':0},'spec':{},'status':{}}"));
  }

  @Test
  void theEnvelopeIsMagicThenRuntimeUnknown() throws Exception {
    byte[] body = KubeProtobuf.encode(json("{'apiVersion':'v1','kind':'ConfigMap',"
        + "'metadata':{'name':'c'},'data':{'k':'v'}}"));
    assertThat(Arrays.copyOf(body, 4)).isEqualTo(new byte[] {'k', '8', 's', 0});
    Runtime.Unknown unknown = Runtime.Unknown.parseFrom(Arrays.copyOfRange(body, 4, body.length));
    assertThat(unknown.getTypeMeta().getKind()).isEqualTo("ConfigMap");
    assertThat(unknown.getTypeMeta().getApiVersion()).isEqualTo("v1");
    assertThat(V1.ConfigMap.parseFrom(unknown.getRaw()).getDataMap()).containsEntry("k", "v");
  }

  @Test
  void malformedBodiesAreBadRequests() {
    assertThatThrownBy(() -> KubeProtobuf.decode("{}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo(400));
    assertThatThrownBy(() -> KubeProtobuf.decode(envelope("v1", "Pod", new byte[] {(byte) 0xff})))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo(400));
    assertThatThrownBy(() -> KubeProtobuf.decode(envelope("v9", "Gadget", new byte[0])))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo(400));
    assertThatThrownBy(() -> KubeProtobuf.encode(json("{'apiVersion':'v1','kind':'Pod',"
        + "'metadata':{'creationTimestamp':'yesterday'}}")))
        .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo(400));
  }

  private static byte[] envelope(String apiVersion, String kind, byte[] raw) {
    byte[] unknown = Runtime.Unknown.newBuilder().setTypeMeta(Runtime.TypeMeta.newBuilder()
        .setApiVersion(apiVersion).setKind(kind))
        .setRaw(com.google.protobuf.ByteString.copyFrom(raw)).build().toByteArray();
    byte[] body = new byte[4 + unknown.length];
    System.arraycopy(new byte[] {'k', '8', 's', 0}, 0, body, 0, 4);
    System.arraycopy(unknown, 0, body, 4, unknown.length);
    return body;
  }
}
