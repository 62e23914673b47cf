package io.plumbline.apiserver.store;

import java.util.List;

/** Every key under a prefix, read at one store revision (the list's resourceVersion). */
public record ListResult(List<StoredValue> items, long revision) {}
