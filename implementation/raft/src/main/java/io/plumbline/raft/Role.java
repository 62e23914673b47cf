package io.plumbline.raft;

/** A member's role; the names are the values of the spec variable {@code state}. */
public enum Role {
  Follower,
  PreCandidate,
  Candidate,
  Leader
}
