package io.plumbline.apiserver.api;

/** Which part of an object a write may change. */
public enum Part {
  /** The main resource: everything except {@code status} (for types with a status subresource). */
  MAIN,
  /** The {@code /status} subresource: only {@code status}. */
  STATUS,
  /** The whole object (the server's own duties, e.g. binding a pod and starting it). */
  ALL
}
