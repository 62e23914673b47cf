package io.plumbline.raft;

/**
 * The typed answer to {@link RaftCore#propose} and {@link RaftCore#readIndex}: accepted (with
 * the entry's index, or the read's recorded commit index) or why not. These are expected
 * outcomes, not errors; the caller retries elsewhere or later.
 */
public record SubmitResult(Status status, long index, long term, String leaderHint) {
  /** Why a submission was or was not accepted. */
  public enum Status {
    ACCEPTED,
    /** Not the leader; {@code leaderHint} names the known leader or is null. */
    NOT_LEADER,
    /** A new leader has not committed an entry of its term yet, so ReadIndex must wait. */
    NOT_READY,
    /** A bound (uncommitted entries, pending reads) is reached. */
    OVERLOADED
  }

  static SubmitResult accepted(long index, long term) {
    return new SubmitResult(Status.ACCEPTED, index, term, null);
  }

  static SubmitResult rejected(Status status, String leaderHint) {
    return new SubmitResult(status, 0, 0, leaderHint);
  }

  public boolean accepted() {
    return status == Status.ACCEPTED;
  }
}
