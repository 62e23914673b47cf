package io.plumbline.common;

import java.util.List;
import java.util.function.IntFunction;

/**
 * The {@code --initial-cluster} value etcd and the reference store take: {@code name=peerURL} for
 * every member, comma-separated, in member order ({@code n1=http://127.0.0.1:2380,n2=…}). One
 * function for every launcher (store cluster, control plane, conformance and chaos runtimes), so the
 * format lives in one place; the store parses it back in {@code store.cli.ClusterFlags}.
 */
public final class InitialCluster {
  private InitialCluster() {}

  /** {@code names[0]=peerUrl(0),names[1]=peerUrl(1),…}. */
  public static String of(List<String> names, IntFunction<String> peerUrl) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < names.size(); i++) {
      sb.append(i == 0 ? "" : ",").append(names.get(i)).append('=').append(peerUrl.apply(i));
    }
    return sb.toString();
  }
}
