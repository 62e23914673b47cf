package io.plumbline.spec.tlc;

import java.util.Map;

/**
 * One state of a TLC counterexample.
 *
 * @param number TLC's 1-based state number in the behaviour
 * @param action the action that produced it ("Initial predicate" for the first state, "Stuttering",
 *     or "Back to state N" where a liveness lasso loops back)
 * @param location where the action is defined ({@code Module:line}), empty when TLC gives none
 * @param variables every variable's value as TLC prints it, whitespace collapsed, in TLC's order
 */
public record TraceState(int number, String action, String location, Map<String, String> variables) {
  public TraceState {
    variables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variables));
  }
}
