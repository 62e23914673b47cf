package io.plumbline.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Picks free TCP ports on 127.0.0.1 at run time (so parallel runs and engineers never collide). */
public final class FreePorts {
  private FreePorts() {}

  /**
   * {@code n} distinct ports that were free a moment ago. All sockets are held open until every
   * port is chosen, so the same port is never handed out twice in one call.
   */
  public static List<Integer> pick(int n) {
    List<ServerSocket> held = new ArrayList<>();
    try {
      List<Integer> ports = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        s.setReuseAddress(true);
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
}
