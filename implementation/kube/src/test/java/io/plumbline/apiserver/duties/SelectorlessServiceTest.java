package io.plumbline.apiserver.duties;

import static io.plumbline.testing.JsonLiteral.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.apiserver.api.ObjectService;
import io.plumbline.apiserver.api.Resources;
import io.plumbline.apiserver.api.WriteFence;
import io.plumbline.apiserver.store.InMemoryObjectStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A service without a selector is not the endpoints controllers' business, as in Kubernetes
 * ("Services without selectors": their Endpoints are written by hand, e.g. {@code kubernetes} in
 * {@code default}): a pass over pods that any empty selector would match leaves the hand-written
 * Endpoints as they were and makes no EndpointSlice; a slice another entity manages is left
 * alone. One pass over an in-memory store.
 */
class SelectorlessServiceTest {
  private final ObjectService objects = new ObjectService(new InMemoryObjectStore(),
      Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), new Random(19));

  @Test
  void itsHandWrittenEndpointsAreLeftAloneAndNoSliceIsMade() {
    objects.bootstrapNamespaces();
    TestObjects.node(objects, "n1", true);
    objects.create(Resources.PODS, "default", json("{'metadata':{'name':'web','labels':"
        + "{'app':'web'}},'spec':{'nodeName':'n1','containers':[{'name':'c','image':'nginx'}]},"
        + "'status':{'podIP':'10.244.0.7','conditions':[{'type':'Ready','status':'True'}]}}"),
        WriteFence.NONE);
    objects.create(Resources.SERVICES, "default", json("{'metadata':{'name':'external'},"
        + "'spec':{'ports':[{'port':5432}]}}"), WriteFence.NONE);
    objects.create(Resources.ENDPOINTS, "default", json("{'metadata':{'name':'external'},"
        + "'subsets':[{'addresses':[{'ip':'192.0.2.10'}],'ports':[{'port':5432}]}]}"),
        WriteFence.NONE);
    String written = objects.get(Resources.ENDPOINTS, "default", "external").toString();

    new EndpointsController(objects).run();

    assertThat(objects.get(Resources.ENDPOINTS, "default", "external").toString())
        .isEqualTo(written);
    assertThat(objects.find(Resources.ENDPOINT_SLICES, "default", "external")).isEmpty();
    assertThat(objects.find(Resources.ENDPOINT_SLICES, "default", "kubernetes")).isEmpty();
  }

  /**
   * The EndpointSlice controller touches only slices labelled
   * {@code endpointslice.kubernetes.io/managed-by: endpointslice-controller.k8s.io}; that label
   * exists "to ensure multiple entities can manage EndpointSlices without interfering with each
   * other" (Kubernetes' EndpointSlice docs). A slice another entity manages stays, even while no
   * service of its {@code kubernetes.io/service-name} exists (written before its service, say).
   */
  @Test
  void aSliceAnotherEntityManagesIsLeftAloneWithoutItsService() {
    objects.bootstrapNamespaces();
    objects.create(Resources.ENDPOINT_SLICES, "default", json("{'metadata':{'name':'db-1',"
        + "'labels':{'kubernetes.io/service-name':'db','endpointslice.kubernetes.io/managed-by':"
        + "'staff'}},'addressType':'IPv4','endpoints':[{'addresses':['192.0.2.10']}],"
        + "'ports':[{'name':'','port':5432,'protocol':'TCP'}]}"), WriteFence.NONE);
    String written = objects.get(Resources.ENDPOINT_SLICES, "default", "db-1").toString();

    new EndpointsController(objects).run();

    assertThat(objects.find(Resources.ENDPOINT_SLICES, "default", "db-1")
        .map(Object::toString)).contains(written);
  }
}
