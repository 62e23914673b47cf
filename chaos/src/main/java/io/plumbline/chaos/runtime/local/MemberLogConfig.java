package io.plumbline.chaos.runtime.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A logback configuration for JVM members ({@code {log-config}}): the store's own INFO lines
 * (elections, leader changes, snapshots, recovery) with wall-clock timestamps, gRPC/Netty at WARN.
 * Without it a member started from a test class path inherits the tests' ERROR-only configuration
 * and its log says nothing.
 */
public final class MemberLogConfig {
  private static final String XML = """
      <configuration>
        <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
          <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n</pattern></encoder>
        </appender>
        <logger name="io.plumbline" level="INFO"/>
        <root level="WARN"><appender-ref ref="OUT"/></root>
      </configuration>
      """;

  private MemberLogConfig() {}

  /** Writes the file into {@code dir} (once) and returns its path. */
  public static Path write(Path dir) {
    Path file = dir.resolve("member-logback.xml");
    try {
      if (!Files.exists(file)) {
        Files.writeString(file, XML, StandardCharsets.UTF_8);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
