package io.plumbline.chaos.workload;

/**
 * One watch event as a watcher received it.
 *
 * @param revision the event's mod revision
 * @param key the key without the workload prefix
 * @param value the value (null for a delete)
 * @param response the number of the watch response that carried it (1, 2, … per watcher), for the
 *     atomicity check: all events of one revision must come in one response
 */
record WatchEventRecord(long revision, String key, String value, int response) {
  /** Same event (revision, key, value), whichever response carried it. */
  boolean sameEvent(WatchEventRecord o) {
    return revision == o.revision && key.equals(o.key) && java.util.Objects.equals(value, o.value);
  }

  @Override
  public String toString() {
    return "rev " + revision + " " + key + "=" + value;
  }
}
