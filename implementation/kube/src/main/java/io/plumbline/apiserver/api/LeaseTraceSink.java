package io.plumbline.apiserver.api;

/**
 * Where the lease election ({@code LeaderElector}) and the API server's fence
 * ({@code LeaseFencing}) report their steps for trace validation against
 * {@code spec/election/LeaseElection.tla}. Off by default: with {@link #OFF} no event is even
 * built (emitters test {@link #enabled()} first). Implementations must be thread-safe: the
 * electors' loops, their writers and the API server's request threads all emit.
 */
@FunctionalInterface
public interface LeaseTraceSink {
  /** Records nothing; the default everywhere. */
  LeaseTraceSink OFF = e -> { };

  void emit(LeaseTraceEvent event);

  /** Whether emitters should build events at all. */
  default boolean enabled() {
    return this != OFF;
  }
}
