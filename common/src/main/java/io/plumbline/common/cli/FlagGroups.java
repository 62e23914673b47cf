package io.plumbline.common.cli;

import io.plumbline.common.UserError;
import java.util.ArrayList;
import java.util.List;

/**
 * A rule flags of several commands share: files that mean nothing apart (a certificate and its key; the
 * API server's three {@code --etcd-*} files) are given all together or not at all.
 */
public final class FlagGroups {
  private FlagGroups() {}

  /**
   * Throws "{@code A and B go together}" (or "{@code A, B and C go together}") unless every value is set
   * or none is.
   *
   * @param namesAndValues a flag's name, then its value (null when not given), for each flag
   */
  public static void together(Object... namesAndValues) {
    List<String> names = new ArrayList<>();
    int given = 0;
    for (int i = 0; i < namesAndValues.length; i += 2) {
      names.add((String) namesAndValues[i]);
      given += namesAndValues[i + 1] == null ? 0 : 1;
    }
    if (given != 0 && given != names.size()) {
      throw new UserError(String.join(", ", names.subList(0, names.size() - 1)) + " and "
          + names.get(names.size() - 1) + " go together");
    }
  }
}
