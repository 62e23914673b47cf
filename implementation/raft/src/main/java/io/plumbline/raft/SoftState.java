package io.plumbline.raft;

/** Volatile state the caller may want to observe: who leads (null when unknown) and our role. */
public record SoftState(String lead, Role role) {}
