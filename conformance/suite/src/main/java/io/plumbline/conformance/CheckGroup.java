package io.plumbline.conformance;

import java.util.List;

/**
 * A named group of checks selectable with {@code --only}.
 *
 * @param name the group name
 * @param checks its checks, run in order
 */
public record CheckGroup(String name, List<Check> checks) {
  public CheckGroup {
    checks = List.copyOf(checks);
  }
}
