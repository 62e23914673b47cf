package io.plumbline.apiserver.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plumbline.common.UserError;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenFileTest {
  @Test
  void readsKubeApiserversCsvWithQuotedGroups() {
    TokenFile file = TokenFile.parse("t1,alice,1001,\"dev,qa\"\nt2,bob,1002\n\n", "tokens.csv");
    assertThat(file.size()).isEqualTo(2);
    assertThat(file.user("t1")).contains(new UserInfo("alice", "1001", List.of("dev", "qa")));
    assertThat(file.user("t2")).contains(new UserInfo("bob", "1002", List.of()));
    assertThat(file.user("t3")).isEqualTo(Optional.empty());
  }

  @Test
  void aShortLineIsRefusedNamingTheLineButNotTheToken() {
    assertThatThrownBy(() -> TokenFile.parse("secret-token,alice\n", "tokens.csv"))
        .isInstanceOf(UserError.class).hasMessageContaining("tokens.csv line 1")
        .hasMessageNotContaining("secret-token");
  }

  @Test
  void aDuplicateTokenIsRefused() {
    assertThatThrownBy(() -> TokenFile.parse("t,a,1\nt,b,2\n", "f"))
        .isInstanceOf(UserError.class).hasMessageContaining("duplicate token (user b)");
  }
}
