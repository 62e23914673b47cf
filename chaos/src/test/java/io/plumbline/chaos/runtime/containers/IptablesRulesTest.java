package io.plumbline.chaos.runtime.containers;

import static org.assertj.core.api.Assertions.assertThat;

import io.plumbline.chaos.plan.PartitionPlan;
import io.plumbline.chaos.plan.PartitionPlans;
import java.util.List;
import org.junit.jupiter.api.Test;

class IptablesRulesTest {
  private static final List<String> IPS = List.of("10.0.0.2", "10.0.0.3", "10.0.0.4");

  @Test
  void anIsolatedMemberDropsTrafficFromAndToEveryOtherMember() {
    PartitionPlan isolate0 = PartitionPlans.isolate(3, 0);
    assertThat(IptablesRules.forMember(isolate0, 0, IPS)).contains(
        "-A INPUT -s 10.0.0.3/32 -j DROP\n-A OUTPUT -d 10.0.0.3/32 -j DROP\n",
        "-A INPUT -s 10.0.0.4/32 -j DROP\n-A OUTPUT -d 10.0.0.4/32 -j DROP\n").doesNotContain("10.0.0.2");
  }

  @Test
  void theOthersDropOnlyTheirCutLink() {
    String rules = IptablesRules.forMember(PartitionPlans.isolate(3, 0), 1, IPS);
    assertThat(rules).contains("-A INPUT -s 10.0.0.2/32 -j DROP").doesNotContain("10.0.0.4").doesNotContain("10.0.0.3");
  }

  @Test
  void aHealedNetworkIsAnEmptyTableThatReplacesTheOldOne() {
    assertThat(IptablesRules.forMember(null, 2, IPS))
        .isEqualTo("*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\nCOMMIT\n");
  }

  @Test
  void aStoppedMemberWithoutAddressGetsNoRule() {
    String rules = IptablesRules.forMember(PartitionPlans.isolate(3, 0), 0, List.of("10.0.0.2", "", "10.0.0.4"));
    assertThat(rules).contains("10.0.0.4").doesNotContain("-s /32");
  }

  @Test
  void aClientCutDropsTheClientPortForAllButLoopbackAndPeers() {
    assertThat(IptablesRules.forMember(null, true, 1, IPS)).isEqualTo("*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n"
        + ":OUTPUT ACCEPT [0:0]\n"
        + "-A INPUT -i lo -j ACCEPT\n"
        + "-A INPUT -s 10.0.0.2/32 -p tcp --dport 2379 -j ACCEPT\n"
        + "-A INPUT -s 10.0.0.4/32 -p tcp --dport 2379 -j ACCEPT\n"
        + "-A INPUT -p tcp --dport 2379 -j DROP\n"
        + "COMMIT\n");
  }

  @Test
  void membersWhoseClientsAreNotCutGetNoClientRule() {
    assertThat(IptablesRules.forMember(null, false, 1, IPS)).doesNotContain("2379");
  }

  @Test
  void aPartitionStillCutsAPeerThatTheClientCutAccepts() {
    String rules = IptablesRules.forMember(PartitionPlans.isolate(3, 0), true, 0, IPS);
    // the DROP of the cut peer comes first, so the later ACCEPT for its client-port traffic never reopens the link
    assertThat(rules.indexOf("-A INPUT -s 10.0.0.3/32 -j DROP"))
        .isNotNegative().isLessThan(rules.indexOf("-A INPUT -s 10.0.0.3/32 -p tcp --dport 2379 -j ACCEPT"));
  }

  @Test
  void aStoppedPeerIsNotAcceptedByAddress() {
    assertThat(IptablesRules.forMember(null, true, 0, List.of("10.0.0.2", "", "10.0.0.4")))
        .doesNotContain("-s /32").contains("-A INPUT -s 10.0.0.4/32 -p tcp --dport 2379 -j ACCEPT");
  }
}
