package io.plumbline.controller;

/**
 * What one replication sync did. {@code fenced}: writes the API server refused because this
 * manager's lease generation is stale; {@code failed}: other refused or indeterminate writes.
 */
public record SyncReport(int created, int deleted, int statusUpdates, int fenced, int failed) {
  SyncReport plus(SyncReport o) {
    return new SyncReport(created + o.created, deleted + o.deleted,
        statusUpdates + o.statusUpdates, fenced + o.fenced, failed + o.failed);
  }

  static final SyncReport NOTHING = new SyncReport(0, 0, 0, 0, 0);
}
