/**
 * The pure Raft core: a single-threaded, deterministic state machine modelled on etcd-io/raft and
 * mirroring {@code spec/raft/EtcdRaft.tla} action by action.
 *
 * <p>The caller drives it with {@link io.plumbline.raft.RaftCore#step}, {@link
 * io.plumbline.raft.RaftCore#tick}, {@link io.plumbline.raft.RaftCore#propose} and {@link
 * io.plumbline.raft.RaftCore#readIndex}, then collects a {@link io.plumbline.raft.Ready}, does the
 * I/O it asks for and calls {@link io.plumbline.raft.RaftCore#advance}. Nothing in this package
 * uses threads, locks, clocks, files, sockets or global randomness; an architecture test enforces it.
 */
package io.plumbline.raft;
