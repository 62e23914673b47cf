package io.plumbline.chaos.runtime.containers;

import io.plumbline.chaos.plan.PartitionPlan;
import java.util.List;

/**
 * Turns a {@link PartitionPlan} into the filter table one member's container must load with {@code
 * iptables-restore}: traffic from and to every member it is cut from is dropped (Jepsen's drop, not a
 * reject: the far side sees silence, as with a real partition). Loading a table replaces the old one
 * whole, so applying a new plan and healing (a table without rules) are the same single operation.
 */
public final class IptablesRules {
  private IptablesRules() {}

  /**
   * @param plan the partition, or null for a healed network
   * @param member the member whose container gets the table
   * @param ips every member's container address, in member order (empty for a stopped member)
   */
  public static String forMember(PartitionPlan plan, int member, List<String> ips) {
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
    return sb.append("COMMIT\n").toString();
  }
}
