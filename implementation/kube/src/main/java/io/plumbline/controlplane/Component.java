package io.plumbline.controlplane;

/**
 * One process {@code up} started. {@code signature} is an argument only this process has (its
 * data dir, config file or a marker property): {@code down} stops a PID only while its command
 * line still contains it and it started at {@code startedAtMs}, so a reused PID is never hit.
 *
 * @param name e.g. {@code store-1}, {@code apiserver-2}, {@code cm-1}, {@code haproxy}
 * @param kind what it is; decides how readiness is probed
 * @param url where it serves (store: client URL; others: HTTP base URL)
 * @param command its command line, to start it again after a fault
 */
public record Component(String name, Kind kind, long pid, long startedAtMs, String url,
    String signature, String log, java.util.List<String> command) {

  /** The same process started again (new PID and start time), e.g. after a kill. */
  public Component restarted(long newPid, long newStartedAtMs) {
    return new Component(name, kind, newPid, newStartedAtMs, url, signature, log, command);
  }

  /** The kinds of process a control plane has. */
  public enum Kind { STORE, APISERVER, CONTROLLER_MANAGER, HAPROXY }
}
