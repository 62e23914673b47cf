package io.plumbline.raft;

/**
 * Receives one {@link TraceEvent} per spec action the core performs. The default sink does
 * nothing and reports itself disabled, so the core does not even build the events.
 */
public interface TraceSink {
  /** Does nothing; the default. */
  TraceSink NONE = new TraceSink() {
    @Override
    public boolean enabled() {
      return false;
    }

    @Override
    public void accept(TraceEvent event) {}
  };

  /** Whether events should be built at all (building one copies the node's log). */
  default boolean enabled() {
    return true;
  }

  void accept(TraceEvent event);
}
