package io.plumbline.conformance.txn;

import java.util.Map;

/**
 * What one read saw of the keys a transaction writes together.
 *
 * @param description how it was read, e.g. {@code range ~/txn/atomic/ by reader 1}
 * @param values key to value (keys absent from the map were absent)
 * @param modRevisions key to mod revision
 */
public record Snapshot(String description, Map<String, String> values, Map<String, Long> modRevisions) {
  public Snapshot {
    values = Map.copyOf(values);
    modRevisions = Map.copyOf(modRevisions);
  }
}
