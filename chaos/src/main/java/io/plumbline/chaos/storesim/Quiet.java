package io.plumbline.chaos.storesim;

import org.slf4j.LoggerFactory;

/**
 * The simulated nodes log leader changes and recoveries thousands of times a run: only errors are
 * kept. Logback is the CLI's binding (this module has it only in test scope), hence reflection;
 * under another binding its own configuration decides.
 */
final class Quiet {
  private Quiet() {}

  static void storeLogs() {
    Object logger = LoggerFactory.getLogger("io.plumbline.store");
    try {
      Class<?> level = Class.forName("ch.qos.logback.classic.Level");
      logger.getClass().getMethod("setLevel", level).invoke(logger, level.getField("ERROR").get(null));
    } catch (ReflectiveOperationException e) {
      // not logback
    }
  }
}
