package io.plumbline.apiserver.auth;

import static io.plumbline.testing.JsonLiteral.json;
import static io.plumbline.testing.JsonLiteral.jsonValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class RbacRulesTest {
  static RequestInfo req(String method, String path) {
    return RequestInfo.of(method, path, null);
  }

  @Test
  void verbGroupAndResourceMustAllMatch() {
    JsonNode rule = json("{'apiGroups':[''],'resources':['pods'],'verbs':['get','list']}");
    assertThat(RbacRules.allows(rule, req("GET", "/api/v1/namespaces/a/pods/x"))).isTrue();
    assertThat(RbacRules.allows(rule, req("POST", "/api/v1/namespaces/a/pods"))).isFalse();
    assertThat(RbacRules.allows(rule, req("GET", "/api/v1/namespaces/a/services/x"))).isFalse();
    assertThat(RbacRules.allows(rule, req("GET",
        "/apis/coordination.k8s.io/v1/namespaces/a/pods/x"))).isFalse();
  }

  @Test
  void aSubresourceNeedsItsOwnRuleOrAStarSlashRule() {
    JsonNode pods = json("{'apiGroups':[''],'resources':['pods'],'verbs':['update']}");
    JsonNode anyStatus = json("{'apiGroups':['*'],'resources':['*/status'],'verbs':['*']}");
    RequestInfo status = req("PUT", "/api/v1/namespaces/a/pods/x/status");
    assertThat(RbacRules.allows(pods, status)).isFalse();
    assertThat(RbacRules.allows(anyStatus, status)).isTrue();
    assertThat(RbacRules.allows(anyStatus, req("PUT", "/api/v1/namespaces/a/pods/x"))).isFalse();
  }

  @Test
  void resourceNamesLimitToNamedObjects() {
    JsonNode rule = json("{'apiGroups':['coordination.k8s.io'],'resources':['leases'],"
        + "'resourceNames':['kube-controller-manager'],'verbs':['get','update']}");
    String leases = "/apis/coordination.k8s.io/v1/namespaces/kube-system/leases/";
    assertThat(RbacRules.allows(rule, req("GET", leases + "kube-controller-manager"))).isTrue();
    assertThat(RbacRules.allows(rule, req("GET", leases + "kube-scheduler"))).isFalse();
  }

  @Test
  void nonResourceUrlsMatchExactlyOrByStarPrefix() {
    JsonNode rule = json("{'nonResourceURLs':['/healthz','/apis/*'],'verbs':['get']}");
    assertThat(RbacRules.allows(rule, req("GET", "/healthz"))).isTrue();
    assertThat(RbacRules.allows(rule, req("GET", "/apis/rbac.authorization.k8s.io"))).isTrue();
    assertThat(RbacRules.allows(rule, req("GET", "/version"))).isFalse();
    assertThat(RbacRules.allows(rule, req("GET", "/api/v1/pods"))).isFalse();
  }

  @Test
  void subjectsMatchUsersGroupsAndServiceAccounts() {
    UserInfo alice = new UserInfo("alice", "", List.of("qa", UserInfo.AUTHENTICATED));
    assertThat(RbacRules.subjectMatches(jsonValue("[{'kind':'User','name':'alice'}]"), "", alice))
        .isTrue();
    assertThat(RbacRules.subjectMatches(jsonValue("[{'kind':'Group','name':'qa'}]"), "", alice))
        .isTrue();
    assertThat(RbacRules.subjectMatches(jsonValue("[{'kind':'User','name':'bob'},"
        + "{'kind':'Group','name':'dev'}]"), "", alice)).isFalse();
    UserInfo sa = new UserInfo("system:serviceaccount:team:builder", "", List.of());
    assertThat(RbacRules.subjectMatches(jsonValue("[{'kind':'ServiceAccount','name':'builder'}]"),
        "team", sa)).isTrue();
  }

  @Test
  void forbiddenMessagesAreKubeApiserversWords() {
    UserInfo x = new UserInfo("x", "", List.of());
    assertThat(Refusals.message(x, req("GET", "/apis/coordination.k8s.io/v1/namespaces/a/leases/l")))
        .isEqualTo("leases.coordination.k8s.io \"l\" is forbidden: User \"x\" cannot get resource "
            + "\"leases\" in API group \"coordination.k8s.io\" in the namespace \"a\"");
    assertThat(Refusals.message(x, req("GET", "/apis")))
        .isEqualTo("forbidden: User \"x\" cannot get path \"/apis\"");
  }
}
