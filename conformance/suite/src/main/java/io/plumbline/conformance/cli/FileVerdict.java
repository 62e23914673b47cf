package io.plumbline.conformance.cli;

import io.plumbline.checker.CheckResult;
import java.nio.file.Path;

/**
 * What {@code check-history} concluded about one file of a batch: a check result, or the one-line
 * input error that kept the file from being checked (the rest of the batch goes on regardless).
 *
 * @param file the path as given
 * @param result the check's result; null when the file could not be read or checked
 * @param error the input error ({@code file[:line]: problem}); null when checked
 * @param empty the file held no event (an empty history, trivially linearizable)
 */
record FileVerdict(Path file, CheckResult result, String error, boolean empty) {
  static FileVerdict checked(HistoryInput in, CheckResult result) {
    return new FileVerdict(in.file(), result, null, in.isEmpty());
  }

  static FileVerdict failed(Path file, String error) {
    return new FileVerdict(file, null, error, false);
  }

  boolean isError() {
    return error != null;
  }
}
