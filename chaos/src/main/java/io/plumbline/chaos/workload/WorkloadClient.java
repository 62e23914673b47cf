package io.plumbline.chaos.workload;

import io.plumbline.chaos.generator.Invocation;

/**
 * One process's connection to the cluster (Jepsen's client). Not shared between processes; a
 * process that ended with an indeterminate result gets a fresh client.
 */
public interface WorkloadClient extends AutoCloseable {
  /**
   * Performs {@code op}. Returns its result (a definite logical failure, e.g. a cas whose compare
   * did not hold, is {@link Completion#fail}); throws for transport/server errors, which the runner
   * classifies with the one error table.
   */
  Completion invoke(Invocation op) throws Exception;

  @Override
  void close();
}
