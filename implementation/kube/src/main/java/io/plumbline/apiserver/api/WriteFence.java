package io.plumbline.apiserver.api;

import io.plumbline.apiserver.store.WriteGuard;
import java.util.List;

/**
 * The store guards one write must carry, computed afresh for every attempt of that write: a
 * fenced writer's guard pins the Lease at the revision where its generation was last checked, and
 * a Lease renewal in between only means "check again", while a new generation means "refuse".
 * Throws {@link ApiError} when the writer is fenced off.
 */
@FunctionalInterface
public interface WriteFence {
  List<WriteGuard> guards();

  /**
   * The write whose last {@link #guards()} this fence computed has committed in the store at
   * {@code revision} (called once, after the commit, before the response). Fences that trace use
   * it; the rest ignore it.
   */
  default void committed(long revision) {
  }

  /** Unfenced: the write goes through on its own preconditions alone. */
  WriteFence NONE = List::of;
}
