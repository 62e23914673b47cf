package io.plumbline.conformance.watch;

import io.plumbline.conformance.CallError;
import io.plumbline.conformance.Session;

/** The server's version as Maintenance.Status reports it, and the known bugs that depend on it. */
final class ServerVersion {
  private ServerVersion() {}

  /** The version of the first endpoint's server, e.g. {@code 3.4.23}; {@code unknown} when it does not say. */
  static String of(Session s) {
    try {
      String ep = s.options().endpoints().get(0);
      return s.await("status", s.client().getMaintenanceClient().statusMember(ep)).getVersion();
    } catch (CallError e) {
      return "unknown";
    }
  }

  /** etcd-io/etcd#15220: etcd 3.4 before 3.4.25 and 3.5 before 3.5.8. */
  static boolean hasProgressBug(String version) {
    String[] p = version.split("\\.");
    if (p.length < 3) {
      return false;
    }
    try {
      int major = Integer.parseInt(p[0]);
      int minor = Integer.parseInt(p[1]);
      int patch = Integer.parseInt(p[2].replaceAll("[^0-9].*", ""));
      return major == 3 && (minor < 4 || (minor == 4 && patch < 25) || (minor == 5 && patch < 8));
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
