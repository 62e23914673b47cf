package io.plumbline.apiserver.store;

/** One key as the store holds it: its bytes and the revision that last modified it. */
public record StoredValue(String key, byte[] value, long modRevision) {}
