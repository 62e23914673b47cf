package io.plumbline.store.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The replicated auth state, as etcd keeps it in its auth bucket: enabled or not, users (password hash, roles),
 * roles (key-range permissions) and the simple tokens handed out. Kept as JSON in one metadata entry of the
 * MVCC store, so it is in snapshots and identical on every member (sorted maps, deterministic encoding).
 * Mutable only inside {@link AuthMachine}; everyone else reads a parsed copy.
 */
public final class AuthState {
  /** etcd's special names: the root user needs the root role before auth can be enabled. */
  public static final String ROOT = "root";
  /** Simple tokens kept at most (oldest dropped first): bounds the state; clients re-authenticate. */
  static final int MAX_TOKENS = 1000;
  private static final ObjectMapper JSON = new ObjectMapper();

  public boolean enabled;
  public long revision;
  public TreeMap<String, User> users = new TreeMap<>();
  public TreeMap<String, List<Permission>> roles = new TreeMap<>();
  /** token → user, oldest first. */
  public LinkedHashMap<String, String> tokens = new LinkedHashMap<>();

  /** A user: bcrypt hash of the password (never the password), and the roles granted. */
  public static final class User {
    public String passwordHash;
    public TreeSet<String> roles = new TreeSet<>();
  }

  /**
   * One permission of a role, as etcd's {@code authpb.Permission}: type READ=0, WRITE=1, READWRITE=2; key and
   * range end in base64 (bytes); an empty range end means the single key.
   */
  public record Permission(int type, String key, String rangeEnd) {}

  public static AuthState parse(String json) {
    if (json == null) {
      return new AuthState();
    }
    try {
      return JSON.readValue(json, AuthState.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("replicated auth state does not parse", e);
    }
  }

  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether {@code user} exists and holds the root role. */
  public boolean isRoot(String user) {
    User u = users.get(user);
    return u != null && u.roles.contains(ROOT);
  }

  /** The permissions of every role {@code user} holds (none for an unknown user). */
  List<Permission> permissionsOf(String user) {
    List<Permission> out = new ArrayList<>();
    User u = users.get(user);
    if (u != null) {
      for (String r : u.roles) {
        out.addAll(roles.getOrDefault(r, List.of()));
      }
    }
    return out;
  }
}
