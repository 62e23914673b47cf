package io.plumbline.common.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plumbline.common.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The shared --cacert/--cert/--key/--user/--password mixin: parsed by picocli, every mistake named. */
class EtcdAccessOptionsTest {
  @TempDir Path dir;

  @Command(name = "t")
  static final class Cmd {
    @Mixin EtcdAccessOptions access;
  }

  private EtcdAccess parse(String... args) {
    Cmd c = new Cmd();
    new CommandLine(c).parseArgs(args);
    return c.access.access();
  }

  private Path file(String name) throws Exception {
    return Files.writeString(dir.resolve(name), "pem");
  }

  @Test
  void nothingGivenIsPlainTextWithoutUser() {
    EtcdAccess a = parse();
    assertThat(a).isEqualTo(EtcdAccess.NONE);
    assertThat(a.tls()).isFalse();
    assertThat(a.login()).isFalse();
  }

  @Test
  void allFilesAndUserColonPassword() throws Exception {
    Path ca = file("ca.crt");
    Path crt = file("c.crt");
    Path key = file("c.key");
    EtcdAccess a = parse("--cacert", ca.toString(), "--cert", crt.toString(), "--key", key.toString(), "--user", "root:pw");
    assertThat(a).isEqualTo(new EtcdAccess(ca, crt, key, "root", "pw"));
    assertThat(a.tls()).isTrue();
    assertThat(a.toString()).contains("password hidden").doesNotContain("pw]").doesNotContain(":pw");
  }

  @Test
  void userWithSeparatePassword() {
    assertThat(parse("--user", "alice", "--password", "secret")).isEqualTo(new EtcdAccess(null, null, null, "alice", "secret"));
  }

  @Test
  void passwordNeedsUser() {
    assertThatThrownBy(() -> parse("--password", "x")).isInstanceOf(UserError.class).hasMessage("--password needs --user");
  }

  @Test
  void userNeedsAPassword() {
    assertThatThrownBy(() -> parse("--user", "alice")).isInstanceOf(UserError.class)
        .hasMessage("--user: expected USER:PASSWORD, or USER with --password");
    assertThatThrownBy(() -> parse("--user", ":pw")).isInstanceOf(UserError.class).hasMessageStartingWith("--user:");
    assertThatThrownBy(() -> parse("--user", "a:b", "--password", "c")).isInstanceOf(UserError.class)
        .hasMessageContaining("given twice");
  }

  @Test
  void certAndKeyGoTogether() throws Exception {
    Path crt = file("c.crt");
    assertThatThrownBy(() -> parse("--cert", crt.toString())).isInstanceOf(UserError.class).hasMessage("--cert needs --key");
    assertThatThrownBy(() -> parse("--key", crt.toString())).isInstanceOf(UserError.class).hasMessage("--key needs --cert");
  }

  @Test
  void aMissingFileIsNamedWithItsFlag() throws Exception {
    Path crt = file("c.crt");
    Path missing = dir.resolve("nope.key");
    assertThatThrownBy(() -> parse("--cert", crt.toString(), "--key", missing.toString())).isInstanceOf(UserError.class)
        .hasMessage("--key: " + missing + " does not exist");
    assertThatThrownBy(() -> parse("--cacert", dir.toString())).isInstanceOf(UserError.class)
        .hasMessage("--cacert: cannot read " + dir);
  }
}
