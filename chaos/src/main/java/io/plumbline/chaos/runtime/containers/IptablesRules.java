package io.plumbline.chaos.runtime.containers;

import io.plumbline.chaos.plan.PartitionPlan;
import java.util.List;

/**
 * Turns a {@link PartitionPlan} into the filter table one member's container must load with {@code
 * iptables-restore}: traffic from and to every member it is cut from is dropped (Jepsen's drop, not a
 * reject: the far side sees silence, as with a real partition). A client cut drops what reaches the
 * member's client port from anything but its peers. Loading a table replaces the old one whole, so
 * applying a new plan or cut and healing (a table without rules) are the same single operation.
 */
public final class IptablesRules {
  private IptablesRules() {}

  /** The table of {@code member} for a partition alone (no client cut). */
  public static String forMember(PartitionPlan plan, int member, List<String> ips) {
    return forMember(plan, false, member, ips);
  }

  /**
   * @param plan the partition, or null for a healed network
   * @param clientsCut true when {@code member} is cut off from its clients
   * @param member the member whose container gets the table
   * @param ips every member's container address, in member order (empty for a stopped member)
   */
  public static String forMember(PartitionPlan plan, boolean clientsCut, int member, List<String> ips) {
    StringBuilder sb = new StringBuilder("*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n");
    if (plan != null) {
      for (int other = 0; other < ips.size(); other++) {
        if (plan.isCut(member, other)) {
          String ip = ips.get(other);
          if (ip.isEmpty()) {
            continue; // a stopped member has no address; its rules are added when it comes back
          }
          sb.append("-A INPUT -s ").append(ip).append("/32 -j DROP\n");
          sb.append("-A OUTPUT -d ").append(ip).append("/32 -j DROP\n");
        }
      }
    }
    if (clientsCut) {
      appendClientCut(sb, member, ips);
    }
    return sb.append("COMMIT\n").toString();
  }

  /**
   * Drops what reaches the client port from anything but the member itself and its peers. Clients
   * come through Docker's published port, i.e. from the network's gateway (docker-proxy) or, with
   * the userland proxy off, from the host's address: neither is a peer, so both are cut, and the
   * rule needs no knowledge of how Docker forwards. Placed after the partition rules, so accepting
   * a peer here never reopens a link the partition cut.
   */
  private static void appendClientCut(StringBuilder sb, int member, List<String> ips) {
    sb.append("-A INPUT -i lo -j ACCEPT\n");
    for (int other = 0; other < ips.size(); other++) {
      if (other != member && !ips.get(other).isEmpty()) {
        sb.append("-A INPUT -s ").append(ips.get(other)).append("/32 -p tcp --dport ")
            .append(ContainerTarget.CLIENT_PORT).append(" -j ACCEPT\n");
      }
    }
    sb.append("-A INPUT -p tcp --dport ").append(ContainerTarget.CLIENT_PORT).append(" -j DROP\n");
  }
}
