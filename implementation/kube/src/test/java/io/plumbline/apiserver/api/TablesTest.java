package io.plumbline.apiserver.api;

import static io.plumbline.testing.JsonLiteral.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Server-side printed tables, as kubectl get shows them. */
class TablesTest {
  private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

  private static ObjectNode createdAgo(String ago) {
    return json("{'metadata':{'creationTimestamp':'" + NOW.minus(java.time.Duration.parse(ago))
        + "'}}");
  }

  @Test
  void agesAreKubernetesShortDurations() {
    assertThat(Tables.age(createdAgo("PT42S"), NOW)).isEqualTo("42s");
    assertThat(Tables.age(createdAgo("PT3M10S"), NOW)).isEqualTo("3m10s");
    assertThat(Tables.age(createdAgo("PT25M"), NOW)).isEqualTo("25m");
    assertThat(Tables.age(createdAgo("PT5H3M"), NOW)).isEqualTo("5h3m");
    assertThat(Tables.age(createdAgo("PT30H"), NOW)).isEqualTo("30h");
    assertThat(Tables.age(createdAgo("PT76H"), NOW)).isEqualTo("3d4h");
    assertThat(Tables.age(createdAgo("PT288H"), NOW)).isEqualTo("12d");
  }

  @Test
  void podRowsShowReadinessPhaseAndWideColumnsLast() {
    ObjectNode pod = json("{'metadata':{'name':'p','creationTimestamp':'2026-01-01T11:59:00Z'},"
        + "'spec':{'nodeName':'node-1','containers':[{'name':'a'},{'name':'b'}]},"
        + "'status':{'phase':'Running','podIP':'10.0.0.9','conditions':"
        + "[{'type':'Ready','status':'True'}]}}");
    ObjectNode table = Tables.table(Resources.PODS, List.of(pod), "7", NOW);
    assertThat(table.path("columnDefinitions").findValuesAsText("name"))
        .containsExactly("Name", "Ready", "Status", "Restarts", "Age", "IP", "Node");
    JsonNode cells = table.at("/rows/0/cells");
    assertThat(cells.toString()).isEqualTo("[\"p\",\"2/2\",\"Running\",0,\"60s\",\"10.0.0.9\","
        + "\"node-1\"]");
    assertThat(table.at("/rows/0/object/metadata/name").asText()).isEqualTo("p");
  }

  @Test
  void endpointsListAddressPortPairsOrNone() {
    ObjectNode ep = json("{'metadata':{'name':'e'},'subsets':[{'addresses':[{'ip':'1.2.3.4'},"
        + "{'ip':'1.2.3.5'}],'ports':[{'port':80}]}]}");
    assertThat(Tables.table(Resources.ENDPOINTS, List.of(ep, json("{'metadata':{'name':'f'}}")),
        "1", NOW).at("/rows").findValues("cells").stream().map(c -> c.get(1).asText()))
        .containsExactly("1.2.3.4:80,1.2.3.5:80", "<none>");
  }
}
