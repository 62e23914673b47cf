package io.plumbline.checker;

import io.plumbline.history.History;
import io.plumbline.history.Op;
import io.plumbline.history.OpType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A sequential run of a test's own reference implementation of a model, as recorded steps: each
 * step is one operation that completed before the next was invoked, with what the reference
 * answered and, for a definite step, answers the reference says are impossible there.
 */
final class SequentialRun {
  /** One operation; {@code wrongs} are (type, output) pairs the reference rules out at this point. */
  record Step(String f, Object key, Object input, OpType type, Object output, List<Object[]> wrongs) {}

  final List<Step> steps = new ArrayList<>();
  private boolean indeterminate;

  void add(String f, Object key, Object input, OpType type, Object output, Object[]... wrongs) {
    steps.add(new Step(f, key, input, type, output, List.of(wrongs)));
    indeterminate |= type == OpType.INFO;
  }

  /** Whether some step is indeterminate (it may then take effect later, so wrong answers may not be wrong). */
  boolean hasIndeterminate() {
    return indeterminate;
  }

  /** The steps as a history, processes taking turns. */
  History history() {
    return history(-1, null);
  }

  /** The history with step {@code at}'s completion replaced by {@code wrong} (type, output). */
  History history(int at, Object[] wrong) {
    List<Op> events = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      Step s = steps.get(i);
      String p = Integer.toString(i % 3);
      OpType type = i == at ? (OpType) wrong[0] : s.type();
      Object out = i == at ? wrong[1] : s.output();
      events.add(new Op(0, p, OpType.INVOKE, s.f(), s.input(), s.key(), null, null, null));
      events.add(new Op(0, p, type, s.f(), out, s.key(), null, null, null));
    }
    return new History("sequential", events);
  }

  /** A random step with an impossible answer, as {index, wrong}; null when there is none. */
  Object[] pickWrong(SplittableRandom rnd) {
    List<int[]> choices = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      for (int w = 0; w < steps.get(i).wrongs().size(); w++) {
        choices.add(new int[] {i, w});
      }
    }
    if (choices.isEmpty()) {
      return null;
    }
    int[] c = choices.get(rnd.nextInt(choices.size()));
    return new Object[] {c[0], steps.get(c[0]).wrongs().get(c[1])};
  }
}
