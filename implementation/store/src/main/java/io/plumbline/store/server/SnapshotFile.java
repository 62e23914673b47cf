package io.plumbline.store.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbline.store.bbolt.BoltWriter;
import io.plumbline.store.mvcc.BackendBuckets;
import io.plumbline.store.node.StoreNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.SortedMap;

/**
 * The member's state as the file etcd 3.4's Maintenance.Snapshot streams: a bbolt database with etcd's buckets
 * ({@link BackendBuckets}) plus membership — {@code members} (member id in hex to etcd's member JSON),
 * {@code members_removed} (empty) and {@code cluster} ({@code clusterVersion}). {@code etcdctl snapshot status}
 * reads it: the revision of the last key, the number of entries, a hash over every bucket, the size.
 */
final class SnapshotFile {
  /** etcd stores the cluster version as major.minor.0. */
  static final String CLUSTER_VERSION = "3.4.0";
  private static final ObjectMapper JSON = new ObjectMapper();

  private SnapshotFile() {}

  /** The bbolt file's bytes, taken at one applied index. */
  static byte[] of(StoreNode node) {
    SortedMap<byte[], SortedMap<byte[], byte[]>> buckets = node.read(m -> {
      SortedMap<byte[], SortedMap<byte[], byte[]>> b = BackendBuckets.of(m, node.appliedIndex());
      SortedMap<byte[], byte[]> members = BackendBuckets.bucket();
      for (Map.Entry<String, URI> e : node.config().initialCluster().entrySet()) {
        long id = node.memberId(e.getKey());
        members.put(BackendBuckets.name(Long.toHexString(id)),
            member(id, e.getKey(), e.getValue(), m.meta().get("member/" + e.getKey())));
      }
      b.put(BackendBuckets.name("members"), members);
      b.put(BackendBuckets.name("members_removed"), BackendBuckets.bucket());
      SortedMap<byte[], byte[]> cluster = BackendBuckets.bucket();
      cluster.put(BackendBuckets.name("clusterVersion"), CLUSTER_VERSION.getBytes(StandardCharsets.UTF_8));
      b.put(BackendBuckets.name("cluster"), cluster);
      return b;
    });
    return BoltWriter.write(buckets, node.appliedIndex());
  }

  /** etcd's membership.Member as JSON: id, peerURLs, and once published name and clientURLs. */
  private static byte[] member(long id, String name, URI peer, String clientUrl) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", Long.toUnsignedString(id));
    n.putArray("peerURLs").add(peer.toString());
    if (clientUrl != null) {
      n.put("name", name);
      n.putArray("clientURLs").add(clientUrl);
    }
    try {
      return JSON.writeValueAsBytes(n);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
