package io.plumbline.store.wal;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * Captures {@link WalReader}'s log lines during each test, and only there: the replay's warnings
 * go to {@link #list} (a hundred crashes would fill the build's output). Register with
 * {@code @RegisterExtension}.
 */
final class WalReaderLog implements BeforeEachCallback, AfterEachCallback {
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  /** The lines logged so far in this test. */
  final List<ILoggingEvent> list = appender.list;

  @Override
  public void beforeEach(ExtensionContext context) {
    appender.start();
    Logger wal = (Logger) LoggerFactory.getLogger(WalReader.class);
    wal.addAppender(appender);
    wal.setAdditive(false);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Logger wal = (Logger) LoggerFactory.getLogger(WalReader.class);
    wal.detachAppender(appender);
    wal.setAdditive(true);
  }
}
