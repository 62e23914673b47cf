/**
 * Deterministic simulation of a Raft cluster of {@link io.plumbline.raft.RaftCore}s in one
 * thread: a seeded network that delays, loses, duplicates, reorders and partitions messages; a
 * disk that loses unsynced writes on a crash; a client writing and reading; and a checker that
 * asserts the spec's safety invariants after every step. One seed replays any run exactly.
 */
package io.plumbline.raft.sim;
