package io.plumbline.apiserver.store;

import java.util.List;

/**
 * One page of a ranged read at one store revision: the keys in order, the revision they were read
 * at, and whether keys remain after the last one (etcd's {@code more}).
 */
public record ListPage(List<StoredValue> items, long revision, boolean more) {}
