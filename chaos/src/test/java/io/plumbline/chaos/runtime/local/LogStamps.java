package io.plumbline.chaos.runtime.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Reads members' log lines by their {@code HH:mm:ss} stamps (how the clock tests see a member's wall clock). */
public final class LogStamps {
  private LogStamps() {}

  /** Log lines whose {@code HH:mm:ss} stamp lies within 2 minutes of {@code t} (either side of midnight). */
  public static List<String> linesStampedNear(Path log, LocalTime t) throws IOException {
    return Files.readAllLines(log).stream().filter(line -> line.length() >= 8).filter(line -> {
      try {
        long d = Math.abs(LocalTime.parse(line.substring(0, 8)).toSecondOfDay() - t.toSecondOfDay());
        return Math.min(d, 86_400 - d) <= 120;
      } catch (DateTimeParseException notAStampedLine) {
        return false;
      }
    }).toList();
  }
}
