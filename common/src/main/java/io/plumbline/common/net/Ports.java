package io.plumbline.common.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Ports on 127.0.0.1 for servers that must be told their port before they start (a cluster's
 * members name each other's peer URLs up front). A port picked free can be taken by another program
 * before the server binds it; on a shared machine that happens. So every start that binds picked
 * ports goes through {@link #withRetry}: when the bind fails it picks new ports and starts again,
 * and says so. A server that can bind port 0 and report what it got should do that instead.
 */
public final class Ports {
  /** How many sets of ports a start tries before it gives up. */
  public static final int ATTEMPTS = 5;

  private Ports() {}

  /** A start that binds the ports it is given. */
  @FunctionalInterface
  public interface Start<T> {
    T start(List<Integer> ports) throws Exception;
  }

  /**
   * {@code n} distinct ports that were free a moment ago. All sockets are held open until every
   * port is chosen, so one call never hands out the same port twice.
   */
  public static List<Integer> pick(int n) {
    List<ServerSocket> held = new ArrayList<>();
    try {
      List<Integer> ports = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        held.add(s);
        ports.add(s.getLocalPort());
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find free ports on 127.0.0.1", e);
    } finally {
      for (ServerSocket s : held) {
        try {
          s.close();
        } catch (IOException ignored) {
          // closing a probe socket cannot fail in a way that matters
        }
      }
    }
  }

  /**
   * Runs {@code start} on {@code n} fresh ports; when it fails because a port was taken (see
   * {@link #isBindFailure}) it says so through {@code say} and tries again with new ports, up to
   * {@link #ATTEMPTS} times. Any other failure is thrown at once. {@code start} must clean up what
   * it started before it throws.
   */
  public static <T> T withRetry(int n, Start<T> start, Consumer<String> say) throws Exception {
    return withRetry(n, Ports::pick, start, say);
  }

  /**
   * As {@link #withRetry(int, Start, Consumer)} with the ports from {@code source} (a test hands out
   * a port it occupies, to show a start recovers).
   */
  public static <T> T withRetry(int n, IntFunction<List<Integer>> source, Start<T> start,
      Consumer<String> say) throws Exception {
    for (int attempt = 1; ; attempt++) {
      List<Integer> ports = source.apply(n);
      try {
        return start.start(ports);
      } catch (Exception e) {
        if (!isBindFailure(e) || attempt == ATTEMPTS) {
          throw e;
        }
        say.accept("a port of " + ports + " was taken between picking it and binding it ("
            + firstLine(e) + "); starting again on new ports, attempt " + (attempt + 1) + " of " + ATTEMPTS);
      }
    }
  }

  /** True when {@code e}, or a cause of it, says an address was already in use. */
  public static boolean isBindFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof BindException || t instanceof PortTakenException
          || (t.getMessage() != null && mentionsBindFailure(t.getMessage()))) {
        return true;
      }
    }
    return false;
  }

  /**
   * True when a server's output (a child's log) says it could not bind its address: the kernel's
   * words (etcd, gRPC, HAProxy), gRPC's and Javalin's own, and Docker's for a published port.
   */
  public static boolean mentionsBindFailure(String text) {
    String s = text.toLowerCase(Locale.ROOT);
    return s.contains("address already in use") || s.contains("failed to bind")
        || s.contains("port already in use") || s.contains("port is already allocated");
  }

  private static String firstLine(Throwable e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
