package io.plumbline.conformance.txn;

import io.etcd.jetcd.op.Cmp;

/**
 * One compare the suite sends, and whether etcd's rules say it holds.
 *
 * @param description e.g. {@code version(~/txn/c) = 2}
 * @param cmp the jetcd compare
 * @param expected true when the success branch must run
 */
record CompareCase(String description, Cmp cmp, boolean expected) {}
