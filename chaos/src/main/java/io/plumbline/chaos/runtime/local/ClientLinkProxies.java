package io.plumbline.chaos.runtime.local;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * One outside client's links to each member of a cluster (e.g. an API server's links to the
 * store members), each through its own {@link TcpProxy}, so they can be cut and healed without
 * touching anyone else's links. Cutting closes live connections and refuses new ones, like an
 * iptables REJECT; no root needed.
 */
public final class ClientLinkProxies implements AutoCloseable {
  private final List<TcpProxy> proxies = new ArrayList<>();
  private final List<String> endpoints = new ArrayList<>();
  private volatile boolean cut;

  /** Starts one proxy per {@code http(s)://127.0.0.1:PORT} member endpoint, on a free port (TLS passes through). */
  public ClientLinkProxies(List<String> memberEndpoints) {
    LinkPolicy policy = (from, to) -> !cut;
    try {
      for (int i = 0; i < memberEndpoints.size(); i++) {
        URI member = URI.create(memberEndpoints.get(i));
        TcpProxy proxy = new TcpProxy(i, 0, member.getPort(),
            DialerIdentity.fixed(LinkPolicy.CLIENTS), policy);
        proxies.add(proxy);
        endpoints.add(member.getScheme() + "://127.0.0.1:" + proxy.port());
      }
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** The endpoints the client should dial instead of the members', in member order. */
  public List<String> endpoints() {
    return List.copyOf(endpoints);
  }

  /** Cuts every link: live connections are closed, new ones refused. */
  public void cut() {
    cut = true;
    proxies.forEach(TcpProxy::enforce);
  }

  public void heal() {
    cut = false;
  }

  public boolean isCut() {
    return cut;
  }

  @Override
  public void close() {
    proxies.forEach(TcpProxy::close);
  }
}
