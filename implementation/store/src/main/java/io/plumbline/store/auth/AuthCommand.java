package io.plumbline.store.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The payload of an {@code AUTH} or {@code AS_USER} Raft command: who asked ({@code ""} when auth was off or
 * nobody authenticated), what, and the request bytes. Passwords never travel in it: user-add and
 * change-password carry the bcrypt hash made on the member that received the request.
 *
 * @param user the authenticated user
 * @param op for AUTH, the {@link Op}; for AS_USER, the wrapped command type's ordinal
 * @param body the request (protobuf)
 */
public record AuthCommand(String user, byte op, byte[] body) {
  /** The Auth service's changes, each applied by {@link AuthMachine}. */
  public enum Op {
    ENABLE, DISABLE, AUTHENTICATE, USER_ADD, USER_DELETE, USER_CHANGE_PASSWORD, USER_GRANT_ROLE, USER_REVOKE_ROLE,
    ROLE_ADD, ROLE_DELETE, ROLE_GRANT_PERMISSION, ROLE_REVOKE_PERMISSION
  }

  public byte[] encode() {
    byte[] name = user.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(4 + name.length + 1 + body.length).putInt(name.length).put(name).put(op).put(body).array();
  }

  public static AuthCommand decode(byte[] data) {
    ByteBuffer b = ByteBuffer.wrap(data);
    byte[] name = new byte[b.getInt()];
    b.get(name);
    byte op = b.get();
    byte[] body = new byte[b.remaining()];
    b.get(body);
    return new AuthCommand(new String(name, StandardCharsets.UTF_8), op, body);
  }
}
