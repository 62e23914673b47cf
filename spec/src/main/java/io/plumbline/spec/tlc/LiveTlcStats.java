package io.plumbline.spec.tlc;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Reads a running TLC child's statistics live over JMX. TLC prints progress only once a minute;
 * it does, however, register the MBean {@code tlc2.tool:type=ModelChecker} with its current counts.
 * We attach to the child by pid (JDK attach API), start its local management agent and read the
 * MBean whenever the progress line is redrawn. Everything here is best effort: when attaching is
 * impossible, the runner falls back to TLC's printed progress.
 */
public final class LiveTlcStats implements AutoCloseable {
  private static final String[] ATTRIBUTES = {
      "Progress", "StatesGenerated", "DistinctStatesGenerated", "StateQueueSize",
      "DistinctStatesGeneratedPerMinute"};

  private final JMXConnector connector;
  private final ObjectName modelChecker;

  private LiveTlcStats(JMXConnector connector, ObjectName modelChecker) {
    this.connector = connector;
    this.modelChecker = modelChecker;
  }

  /** Attaches to the JVM with this pid; empty when that is not possible (yet). */
  public static Optional<LiveTlcStats> attach(long pid) {
    try {
      VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
      String address;
      try {
        address = vm.startLocalManagementAgent();
      } finally {
        vm.detach();
      }
      JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
      return Optional.of(new LiveTlcStats(connector, new ObjectName("tlc2.tool:type=ModelChecker")));
    } catch (Exception | LinkageError notPossible) {
      return Optional.empty();
    }
  }

  /** The current counts, or empty before TLC starts its search (or after it ended). */
  public Optional<TlcProgress> read() {
    try {
      MBeanServerConnection server = connector.getMBeanServerConnection();
      if (!server.isRegistered(modelChecker)) {
        return Optional.empty();
      }
      AttributeList values = server.getAttributes(modelChecker, ATTRIBUTES);
      Map<String, Number> byName = new HashMap<>();
      for (Attribute a : values.asList()) {
        if (a.getValue() instanceof Number n) {
          byName.put(a.getName(), n);
        }
      }
      return Optional.of(new TlcProgress(get(byName, "Progress"), get(byName, "StatesGenerated"),
          get(byName, "DistinctStatesGenerated"), get(byName, "StateQueueSize"),
          get(byName, "DistinctStatesGeneratedPerMinute")));
    } catch (Exception gone) {
      return Optional.empty();
    }
  }

  private static long get(Map<String, Number> values, String name) {
    Number n = values.get(name);
    return n == null ? -1 : n.longValue();
  }

  @Override
  public void close() {
    try {
      connector.close();
    } catch (IOException ignored) {
      // The child is ending anyway.
    }
  }
}
