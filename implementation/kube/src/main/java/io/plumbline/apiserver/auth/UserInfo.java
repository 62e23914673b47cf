package io.plumbline.apiserver.auth;

import java.util.ArrayList;
import java.util.List;

/**
 * Who sent a request, as kube-apiserver's authenticators describe a user: a name, an optional
 * uid and the groups RBAC bindings may name. Authenticated users also belong to
 * {@code system:authenticated}; the anonymous user to {@code system:unauthenticated}.
 */
public record UserInfo(String name, String uid, List<String> groups) {
  public static final String AUTHENTICATED = "system:authenticated";
  public static final String UNAUTHENTICATED = "system:unauthenticated";
  public static final String MASTERS = "system:masters";
  public static final UserInfo ANONYMOUS = new UserInfo("system:anonymous", "",
      List.of(UNAUTHENTICATED));

  public UserInfo {
    groups = List.copyOf(groups);
  }

  /** This user with {@code system:authenticated} added, as every authenticator adds it. */
  UserInfo authenticated() {
    if (groups.contains(AUTHENTICATED)) {
      return this;
    }
    List<String> all = new ArrayList<>(groups);
    all.add(AUTHENTICATED);
    return new UserInfo(name, uid, all);
  }

  public boolean isAdmin() {
    return groups.contains(MASTERS);
  }
}
