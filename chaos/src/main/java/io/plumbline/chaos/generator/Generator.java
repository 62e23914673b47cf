package io.plumbline.chaos.generator;

/**
 * A pure operation source in Jepsen's shape: asked with a {@link Context}, it answers with the next
 * invocation and the generator to ask next time, or says it is pending (nothing right now), or is
 * exhausted. Generators are immutable values; all state is in the returned successor.
 */
@FunctionalInterface
public interface Generator {
  /** The next step, or null when exhausted. */
  Step next(Context ctx);

  /**
   * One answer.
   *
   * @param op the invocation, or null when pending (try again after a process frees up or time passes)
   * @param rest the generator to use from now on
   */
  record Step(Invocation op, Generator rest) {
    public boolean pending() {
      return op == null;
    }
  }
}
