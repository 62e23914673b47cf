/** Trace output of the Raft core: NDJSON events in the format {@code TraceEtcdRaft.tla} reads. */
package io.plumbline.raft.trace;
