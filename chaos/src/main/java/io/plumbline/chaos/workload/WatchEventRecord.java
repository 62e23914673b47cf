package io.plumbline.chaos.workload;

/**
 * One watch event as a watcher received it.
 *
 * @param revision the event's mod revision
 * @param key the key without the workload prefix
 * @param value the value (puts only)
 */
record WatchEventRecord(long revision, String key, String value) {
  @Override
  public String toString() {
    return "rev " + revision + " " + key + "=" + value;
  }
}
