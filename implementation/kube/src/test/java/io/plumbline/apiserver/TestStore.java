package io.plumbline.apiserver;

import java.util.List;

/**
 * A 3-member store the API tests run on: real etcd 3.4 processes or the reference store's members
 * in this JVM. The same tests pass on both (the bar).
 */
interface TestStore extends AutoCloseable {
  /** The kinds the API suite runs on, in order. */
  String ETCD = "etcd";
  String REFERENCE = "reference";

  List<String> clientUrls();

  @Override
  void close() throws Exception;

  static TestStore start(String kind, int members) throws Exception {
    return switch (kind) {
      case ETCD -> EtcdTestCluster.start(members);
      case REFERENCE -> ReferenceTestCluster.start(members);
      default -> throw new IllegalArgumentException("no such store kind: " + kind);
    };
  }
}
