package io.plumbline.checker;

import io.plumbline.history.History;
import io.plumbline.history.MalformedHistoryException;
import io.plumbline.history.Operation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Checks a history for linearizability against a {@link Model}: drops failed operations (they
 * certainly did not happen) and indeterminate ones that cannot change the state, splits the rest
 * into the model's independent partitions, and searches each (in parallel when there are several).
 */
public final class LinearizabilityChecker {
  private LinearizabilityChecker() {}

  /** Checks {@code history} against {@code model} within {@code budget}; never throws for a bad history. */
  public static CheckResult check(History history, Model<?> model, Budget budget) {
    return checkTyped(history, model, budget);
  }

  private static <S> CheckResult checkTyped(History history, Model<S> model, Budget budget) {
    long start = System.nanoTime();
    List<Operation> ops = relevant(history.operations(), model);
    List<List<Operation>> parts = new ArrayList<>(model.partition(ops));
    parts.sort(Comparator.comparingInt((List<Operation> p) -> p.size()).reversed()); // big ones first
    SearchControl control = new SearchControl(budget, start);
    List<PartitionOutcome> outcomes;
    try {
      for (Operation op : ops) { // so that an operation the model cannot read is an input error, found early
        model.step(model.initialState(), op);
      }
      outcomes = searchAll(model, parts, control);
    } catch (UnsupportedOperationError e) {
      int line = history.line(e.operation().callIndex());
      throw new MalformedHistoryException(history.source(), line,
          (line > 0 ? "" : "event " + e.operation().callIndex() + ": ") + e.getMessage());
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      // a checker that breaks, or runs out of stack or heap, gives no verdict, never a wrong one (an
      // Error left to escape would end the CLI with exit 1, which reads as "invalid")
      StackTraceElement at = java.util.Arrays.stream(e.getStackTrace())
          .filter(f -> f.getClassName().startsWith("io.plumbline.")).findFirst().orElse(null);
      return new CheckResult(Validity.UNKNOWN, "checker error: " + e + (at == null ? "" : " at " + at), model.name(), history, ops.size(),
          parts.size(), 0, System.nanoTime() - start, null);
    }
    Validity validity = Validity.TRUE;
    PartitionOutcome failed = null;
    long memo = 0;
    for (PartitionOutcome o : outcomes) {
      validity = validity.and(o.validity());
      memo += o.memoEntries();
      if (o.validity() == Validity.FALSE && failed == null) {
        failed = o;
      }
    }
    Failure failure = failed == null ? null : FailureAnalysis.explain(model, failed, parts.size() > 1 ? partitionName(failed) : null);
    String reason = switch (validity) {
      case TRUE -> null;
      case FALSE -> "cannot linearize " + failure.operation().describe()
          + (failure.partition() == null ? "" : " (key " + failure.partition() + ")");
      case UNKNOWN -> control.budgetReason() != null ? control.budgetReason() : "search stopped";
    };
    return new CheckResult(validity, reason, model.name(), history, ops.size(), parts.size(), memo,
        System.nanoTime() - start, failure);
  }

  /** Failed operations never happened; indeterminate ones that cannot change the state constrain nothing. */
  private static List<Operation> relevant(List<Operation> all, Model<?> model) {
    List<Operation> ops = new ArrayList<>(all.size());
    for (Operation op : all) {
      boolean failed = op.outcome() == Operation.Outcome.FAIL;
      boolean inert = op.outcome() == Operation.Outcome.INDETERMINATE && !model.mayChangeState(op);
      if (!failed && !inert) {
        ops.add(op);
      }
    }
    return ops;
  }

  /**
   * Below this many operations in all, partitions are searched one after another on the caller's
   * thread: starting a pool costs more than such searches take (a 40-operation kv history split
   * over 10 keys spent most of its 1.8 ms starting threads). {@code check-history} checks several
   * files at once anyway.
   */
  static final int PARALLEL_MIN_OPERATIONS = 1_000;

  private static <S> List<PartitionOutcome> searchAll(Model<S> model, List<List<Operation>> parts,
      SearchControl control) {
    if (parts.isEmpty()) {
      return List.of(); // nothing to linearize (e.g. every operation failed): trivially valid
    }
    int total = 0;
    for (List<Operation> part : parts) {
      total += part.size();
    }
    if (parts.size() == 1 || total < PARALLEL_MIN_OPERATIONS) {
      return searchInTurn(model, parts, control);
    }
    int threads = Math.min(parts.size(), Runtime.getRuntime().availableProcessors());
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "wgl-search");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<PartitionOutcome>> futures = new ArrayList<>();
      for (List<Operation> part : parts) {
        futures.add(pool.submit(() -> {
          PartitionOutcome o = new WglSearch<>(model, part, control).run();
          if (o.validity() == Validity.FALSE) {
            control.stopOthers();
          }
          return o;
        }));
      }
      List<PartitionOutcome> outcomes = new ArrayList<>();
      for (Future<PartitionOutcome> f : futures) {
        outcomes.add(f.get());
      }
      return outcomes;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("a partition search failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /** Searches the partitions one by one; the first invalid one settles the verdict, so the rest are skipped. */
  private static <S> List<PartitionOutcome> searchInTurn(Model<S> model, List<List<Operation>> parts,
      SearchControl control) {
    List<PartitionOutcome> outcomes = new ArrayList<>(parts.size());
    for (List<Operation> part : parts) {
      PartitionOutcome o = new WglSearch<>(model, part, control).run();
      outcomes.add(o);
      if (o.validity() == Validity.FALSE) {
        break;
      }
    }
    return outcomes;
  }

  private static String partitionName(PartitionOutcome o) {
    if (o.ops().isEmpty()) {
      return null;
    }
    Object key = o.ops().get(0).key();
    return key == null ? null : io.plumbline.history.Values.show(key);
  }
}
