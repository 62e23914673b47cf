package io.plumbline.checker.model;

import io.plumbline.history.Operation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Splits operations by their key, keeping first-seen key order: the P-compositional split. */
public final class KeyPartition {
  private KeyPartition() {}

  /** One list per distinct key, each in the original order. */
  public static List<List<Operation>> byKey(List<Operation> ops) {
    Map<Object, List<Operation>> byKey = new LinkedHashMap<>();
    for (Operation op : ops) {
      byKey.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
    }
    return new ArrayList<>(byKey.values());
  }
}
