package io.plumbline.store.node;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

/** Member and cluster ids as etcd derives them: stable hashes of names and peer URLs. */
public final class Ids {
  private Ids() {}

  public static long memberId(String name, URI peerUrl) {
    return hash(name + "@" + peerUrl);
  }

  public static long clusterId(Map<String, URI> initialCluster) {
    return hash(initialCluster.toString());
  }

  private static long hash(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(d).getLong() & Long.MAX_VALUE;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
