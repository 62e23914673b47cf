package io.plumbline.raft;

import java.nio.charset.StandardCharsets;

/**
 * A ReadIndex read that a quorum confirmed (spec action {@code ReadIndexComplete}): the caller may
 * serve the read identified by {@code context} once it has applied up to {@code index}.
 */
public record ReadState(long index, byte[] context) {
  public ReadState {
    context = context.clone();
  }

  @Override
  public byte[] context() {
    return context.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ReadState r && r.index == index
        && java.util.Arrays.equals(r.context, context);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(index) * 31 + java.util.Arrays.hashCode(context);
  }

  @Override
  public String toString() {
    return "read(" + new String(context, StandardCharsets.UTF_8) + ")@" + index;
  }
}
