package io.plumbline.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbline.apiserver.api.Json;

/**
 * The leader-election fields of a coordination.k8s.io/v1 Lease's spec, as client-go's
 * {@code LeaderElectionRecord}. Times are kept as the strings written (MicroTime), because
 * client-go compares records, never clocks of other machines.
 */
public record LeaseRecord(String holderIdentity, int leaseDurationSeconds, String acquireTime,
    String renewTime, long leaseTransitions) {

  static LeaseRecord fromSpec(JsonNode spec) {
    return new LeaseRecord(spec.path("holderIdentity").asText(""),
        spec.path("leaseDurationSeconds").asInt(0), spec.path("acquireTime").asText(""),
        spec.path("renewTime").asText(""), spec.path("leaseTransitions").asLong(0));
  }

  ObjectNode toSpec() {
    return Json.object().put("holderIdentity", holderIdentity)
        .put("leaseDurationSeconds", leaseDurationSeconds).put("acquireTime", acquireTime)
        .put("renewTime", renewTime).put("leaseTransitions", leaseTransitions);
  }
}
