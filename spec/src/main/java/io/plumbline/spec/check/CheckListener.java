package io.plumbline.spec.check;

import io.plumbline.spec.manifest.ModelEntry;
import io.plumbline.spec.tlc.TlcProgress;

/** What a person watching {@code spec check} is told while models run. */
public interface CheckListener {
  /** Model {@code index} (1-based) of {@code total} starts. */
  default void started(ModelEntry entry, int index, int total, long pid) {}

  /** TLC reported progress on the running model. */
  default void progress(ModelEntry entry, TlcProgress progress) {}

  /** The model finished (verdict known, counterexample written). */
  default void finished(ModelReport report) {}

  /** A listener that says nothing (tests). */
  CheckListener SILENT = new CheckListener() {};
}
