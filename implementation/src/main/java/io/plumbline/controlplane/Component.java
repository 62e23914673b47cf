package io.plumbline.controlplane;

/**
 * One process {@code up} started. {@code signature} is an argument only this process has (its
 * data dir, config file or a marker property): {@code down} stops a PID only while its command
 * line still contains it and it started at {@code startedAtMs}, so a reused PID is never hit.
 *
 * @param name e.g. {@code store-1}, {@code apiserver-2}, {@code cm-1}, {@code haproxy}
 * @param kind what it is; decides how readiness is probed
 * @param url where it serves (store: client URL; others: HTTP base URL)
 */
public record Component(String name, Kind kind, long pid, long startedAtMs, String url,
    String signature, String log) {

  /** The kinds of process a control plane has. */
  public enum Kind { STORE, APISERVER, CONTROLLER_MANAGER, HAPROXY }
}
