package io.plumbline.chaos.runtime.local;

import io.plumbline.chaos.plan.PartitionPlan;
import io.plumbline.chaos.runtime.ChaosCluster;
import io.plumbline.common.net.Ports;
import io.plumbline.db.HealthProbe;
import io.plumbline.db.LocalCluster;
import io.plumbline.db.Member;
import io.plumbline.db.MemberCommand;
import io.plumbline.db.MemberProcesses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.LoggerFactory;

/**
 * Members as local processes on 127.0.0.1 with user-space {@link TcpProxy}s on their links, so that
 * partitions work without root. Each member listens for peers on a private port ({@code
 * {listen-peer-url}}) that only proxies dial: one proxy per member whose dialers are identified by
 * etcd's header ({@link PeerRouting#ETCD_HEADER}), or one proxy per directed link ({@link
 * PeerRouting#PER_LINK}). When the template has {@code {listen-client-url}}, clients reach each
 * member through a client proxy too ({@code {client-url}}), so a member can be cut off from its
 * clients ({@link #cutClients}). Proxies and members bind ports picked at start; when one was taken
 * meanwhile the whole start runs again on new ports ({@link Ports#withRetry}). Process handling
 * (launch, health, kill, signals) is {@link
 * MemberProcesses}, shared with conformance's {@link LocalCluster}.
 */
public final class ProxiedCluster implements ChaosCluster {
  private final LocalTarget target;
  private final Path root;
  private final List<Member> members;
  private final List<String> listenClientUrls = new ArrayList<>();
  private final List<String> listenPeerUrls = new ArrayList<>();
  /** {@code linkUrls[i][j]}: the URL member i dials to reach member j (PER_LINK), else null. */
  private final String[][] linkUrls;
  private final List<TcpProxy> proxies = new ArrayList<>();
  private final MemberProcesses processes;
  private final FakeClock clock;
  private volatile PartitionPlan plan;
  private volatile Set<Integer> clientCut = Set.of();

  private ProxiedCluster(LocalTarget target, Duration startTimeout, int size, List<Integer> picked) {
    this.target = target;
    this.root = LocalCluster.createRoot("plumbline-chaos-");
    String template = String.join(" ", target.command().args());
    boolean clientProxies = template.contains("{listen-client-url}");
    Iterator<Integer> ports = picked.iterator();
    List<Member> ms = new ArrayList<>();
    this.linkUrls = new String[size][size];
    for (int i = 0; i < size; i++) {
      String name = "m" + i;
      String listenClient = url(target.clientScheme(), ports.next());
      String clientUrl = clientProxies ? url(target.clientScheme(), ports.next()) : listenClient;
      String listenPeer = url(ports.next());
      String peerUrl = target.routing() == PeerRouting.ETCD_HEADER ? url(ports.next()) : listenPeer;
      for (int j = 0; j < size && target.routing() == PeerRouting.PER_LINK; j++) {
        linkUrls[i][j] = i == j ? listenPeer : url(ports.next());
      }
      listenClientUrls.add(listenClient);
      listenPeerUrls.add(listenPeer);
      ms.add(new Member(i, name, clientUrl, peerUrl, root.resolve(name + ".data"), root.resolve(name + ".log")));
    }
    this.members = List.copyOf(ms);
    this.processes = new MemberProcesses(members, target.probe(), startTimeout);
    this.clock = target.fakeableClock() ? FakeClock.library().map(l -> FakeClock.in(l, root, size)).orElse(null) : null;
  }

  /** etcd's member template with the peer and client listeners moved behind the proxies. */
  public static MemberCommand etcdCommand(String program) {
    List<String> args = new ArrayList<>(MemberCommand.etcd(program).args());
    args.set(args.indexOf("--listen-peer-urls") + 1, "{listen-peer-url}");
    args.set(args.indexOf("--listen-client-urls") + 1, "{listen-client-url}");
    return new MemberCommand(args);
  }

  /** Starts {@code size} etcd-like members of {@code command} (etcd's header routing). */
  public static ProxiedCluster start(int size, MemberCommand command, HealthProbe probe, Duration startTimeout) {
    return start(size, new LocalTarget(command, probe, PeerRouting.ETCD_HEADER, false), startTimeout);
  }

  /** Starts {@code size} members of {@code target} behind proxies and waits until all are healthy. */
  public static ProxiedCluster start(int size, LocalTarget target, Duration startTimeout) {
    if (!String.join(" ", target.command().args()).contains("{listen-peer-url}")) {
      throw new IllegalArgumentException("the member command must listen for peers on {listen-peer-url} "
          + "and advertise {peer-url}, so that the harness can put a proxy in between");
    }
    int perMember = 4 + (target.routing() == PeerRouting.PER_LINK ? size - 1 : 0);
    try {
      return Ports.withRetry(perMember * size, ports -> startOn(target, startTimeout, size, ports),
          LoggerFactory.getLogger(ProxiedCluster.class)::warn);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e); // startOn throws only unchecked exceptions
    }
  }

  /** One attempt on {@code ports}: proxies, then members; a port taken meanwhile fails it. */
  private static ProxiedCluster startOn(LocalTarget target, Duration startTimeout, int size, List<Integer> ports) {
    ProxiedCluster c = new ProxiedCluster(target, startTimeout, size, ports);
    try {
      c.startProxies();
      for (Member m : c.members) {
        c.launch(m, "new");
      }
      c.processes.awaitAllHealthy(c.listenClientUrls);
      return c;
    } catch (RuntimeException e) {
      c.close();
      throw e;
    }
  }

  private void startProxies() {
    LinkPolicy peers = (from, to) -> {
      PartitionPlan p = plan;
      if (p == null) {
        return true;
      }
      // An unidentified dialer is let through only to members nobody is cut from.
      return from == LinkPolicy.UNKNOWN ? p.cut().stream().noneMatch(l -> l.touches(to)) : !p.isCut(from, to);
    };
    for (Member m : members) {
      int i = m.index();
      if (!m.clientUrl().equals(listenClientUrls.get(i))) {
        proxies.add(new TcpProxy(i, port(m.clientUrl()), port(listenClientUrls.get(i)),
            DialerIdentity.fixed(LinkPolicy.CLIENTS), (from, to) -> !clientCut.contains(to)));
      }
      if (target.routing() == PeerRouting.ETCD_HEADER) {
        proxies.add(new TcpProxy(i, port(m.peerUrl()), port(listenPeerUrls.get(i)),
            DialerIdentity.etcdPeerHeader(members.stream().map(Member::peerUrl).toList()), peers));
      } else {
        for (int from = 0; from < members.size(); from++) {
          if (from != i) {
            proxies.add(new TcpProxy(i, port(linkUrls[from][i]), port(listenPeerUrls.get(i)),
                DialerIdentity.fixed(from), peers));
          }
        }
      }
    }
  }

  public List<Member> members() {
    return members;
  }

  @Override
  public int size() {
    return members.size();
  }

  @Override
  public List<String> clientUrls() {
    return members.stream().map(Member::clientUrl).toList();
  }

  @Override
  public synchronized void partition(PartitionPlan p) {
    if (p.members() != members.size()) {
      throw new IllegalArgumentException("plan for " + p.members() + " members, cluster has " + members.size());
    }
    plan = p;
    proxies.forEach(TcpProxy::enforce);
  }

  @Override
  public boolean supportsClientCuts() {
    return !clientUrls().equals(listenClientUrls);
  }

  @Override
  public synchronized void cutClients(Set<Integer> cut) {
    if (!supportsClientCuts()) {
      throw new UnsupportedOperationException("the member template has no {listen-client-url}: clients connect directly");
    }
    clientCut = Set.copyOf(cut);
    proxies.forEach(TcpProxy::enforce);
  }

  @Override
  public synchronized void healNetwork() {
    plan = null;
    clientCut = Set.of();
  }

  @Override
  public void kill(int i) {
    processes.kill(i);
  }

  @Override
  public void restart(int i) {
    synchronized (this) {
      if (isRunning(i)) {
        throw new IllegalStateException("member " + members.get(i).name() + " is still running");
      }
      launch(members.get(i), "existing");
    }
    processes.awaitHealthy(i, listenClientUrls.get(i));
  }

  @Override
  public boolean isRunning(int i) {
    return processes.isRunning(i);
  }

  @Override
  public void pause(int i) {
    processes.signal(i, "STOP");
  }

  @Override
  public void resume(int i) {
    processes.signal(i, "CONT");
  }

  @Override
  public boolean supportsClockFaults() {
    return clock != null;
  }

  @Override
  public void setClockOffset(int i, long seconds) {
    if (clock == null) {
      throw new UnsupportedOperationException("no fake clock for this target (needs a JVM member and libfaketime)");
    }
    clock.setOffsetSeconds(i, seconds);
  }

  /** PID of member {@code i}, or -1 when it is not running. */
  public long pid(int i) {
    return processes.pid(i);
  }

  @Override
  public void saveLogs(Path dir) {
    try {
      Files.createDirectories(dir);
      for (Member m : members) {
        if (Files.exists(m.logFile())) {
          Files.copy(m.logFile(), dir.resolve(m.name() + ".log"), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy member logs to " + dir, e);
    }
  }

  @Override
  public synchronized void close() {
    processes.stopAll(); // SIGKILL also ends a SIGSTOPped process
    proxies.forEach(TcpProxy::close);
    try {
      LocalCluster.deleteTree(root);
    } catch (UncheckedIOException e) {
      // best effort: a temp directory left behind is harmless
    }
  }

  private void launch(Member m, String state) {
    int i = m.index();
    Map<String, String> values = new LinkedHashMap<>();
    values.put("{name}", m.name());
    values.put("{data-dir}", m.dataDir().toString());
    values.put("{listen-client-url}", listenClientUrls.get(i));
    values.put("{client-url}", m.clientUrl());
    values.put("{listen-peer-url}", listenPeerUrls.get(i));
    values.put("{peer-url}", m.peerUrl());
    values.put("{initial-cluster}", target.routing() == PeerRouting.PER_LINK
        ? LocalCluster.initialCluster(members, peer -> linkUrls[i][peer.index()])
        : LocalCluster.initialCluster(members, Member::peerUrl));
    values.put("{initial-cluster-state}", state);
    values.put("{cluster-token}", "plumbline-chaos-" + root.getFileName());
    values.put("{log-config}", MemberLogConfig.write(root).toString());
    processes.launch(i, target.command().render(values), clock == null ? Map.of() : clock.environment(i));
  }

  private static String url(int port) {
    return url("http", port);
  }

  private static String url(String scheme, int port) {
    return scheme + "://127.0.0.1:" + port;
  }

  private static int port(String url) {
    return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
  }
}
