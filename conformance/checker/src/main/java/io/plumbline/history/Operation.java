package io.plumbline.history;

/**
 * A client operation: an invocation paired with its completion.
 *
 * @param id dense number of this operation among the operations handed to a checker
 * @param invoke the invocation event
 * @param completion the ok/fail/info event, or null when the invocation never completed
 * @param outcome what the completion tells about the operation
 */
public record Operation(int id, Op invoke, Op completion, Outcome outcome) {

  /** What is known about whether and how an operation took effect. */
  public enum Outcome {
    /** Took effect exactly once between invocation and completion; its result is observed. */
    OK,
    /** Certainly did not take effect. */
    FAIL,
    /** May have taken effect at any instant after its invocation, or never; result unknown. */
    INDETERMINATE
  }

  public String f() {
    return invoke.f();
  }

  /** The argument as invoked. */
  public Object input() {
    return invoke.value();
  }

  /** The observed result (the completion's value) for {@link Outcome#OK}; null otherwise. */
  public Object output() {
    return outcome == Outcome.OK ? completion.value() : null;
  }

  /** The key from the invocation, else from the completion, else null. */
  public Object key() {
    if (invoke.key() != null) {
      return invoke.key();
    }
    return completion == null ? null : completion.key();
  }

  public String process() {
    return invoke.process();
  }

  public boolean isDefinite() {
    return outcome == Outcome.OK;
  }

  /** Position of the invocation in the history. */
  public int callIndex() {
    return invoke.index();
  }

  /** Position of the completion, or {@link Integer#MAX_VALUE} when indeterminate (open forever). */
  public int returnIndex() {
    return outcome == Outcome.INDETERMINATE ? Integer.MAX_VALUE : completion.index();
  }

  /** Short human form, e.g. {@code p3 cas [1 2] -> ok}. */
  public String describe() {
    StringBuilder sb = new StringBuilder("p").append(process()).append(' ').append(f());
    if (key() != null) {
      sb.append(' ').append(Values.show(key()));
    }
    sb.append(' ').append(Values.show(input()));
    switch (outcome) {
      case OK -> sb.append(" -> ").append(Values.show(completion.value()));
      case FAIL -> sb.append(" -> fail");
      case INDETERMINATE -> sb.append(" -> ?");
    }
    return sb.toString();
  }
}
