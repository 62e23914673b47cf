package io.plumbline.chaos.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises the root log level to ERROR when the backend is logback (the CLI jar ships logback without
 * a configuration, which defaults to DEBUG and would bury the progress lines under gRPC frames).
 * Done by reflection so that the chaos module does not depend on one logging backend.
 */
final class QuietLogs {
  private QuietLogs() {}

  static void apply() {
    Logger root = LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    try {
      Class<?> level = Class.forName("ch.qos.logback.classic.Level");
      root.getClass().getMethod("setLevel", level).invoke(root, level.getField("ERROR").get(null));
    } catch (ReflectiveOperationException | RuntimeException e) {
      // another backend: its own configuration applies
    }
  }
}
