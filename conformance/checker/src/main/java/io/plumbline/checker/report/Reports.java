package io.plumbline.checker.report;

import io.plumbline.checker.CheckResult;
import io.plumbline.checker.Validity;
import io.plumbline.common.UserError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a result's files: {@code NAME.json} always, {@code NAME.html} when the history is invalid. */
public final class Reports {
  private Reports() {}

  /** Writes the report files for {@code file}'s result into {@code dir}; returns the JSON path. */
  public static Path write(Path dir, Path file, CheckResult r) {
    String name = baseName(file);
    try {
      Files.createDirectories(dir);
      Path json = dir.resolve(name + ".json");
      Files.writeString(json, ResultJson.toJson(r), StandardCharsets.UTF_8);
      if (r.validity() == Validity.FALSE) {
        Files.writeString(dir.resolve(name + ".html"), HtmlTimeline.render(r), StandardCharsets.UTF_8);
      }
      return json;
    } catch (IOException e) {
      throw new UserError("--report: cannot write into " + dir + ": " + e.getMessage());
    }
  }

  /** {@code ../h/knossos/mutex/bad/etcd.edn} → {@code knossos_mutex_bad_etcd.edn} (last four parts). */
  static String baseName(Path file) {
    Path norm = file.normalize();
    int n = norm.getNameCount();
    Path tail = norm.subpath(Math.max(0, n - 4), n);
    return tail.toString().replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^[._]+", "");
  }
}
