package io.plumbline.apiserver.store;

/** A running watch. */
public interface StoreWatch extends AutoCloseable {
  /** Asks the store to report progress (answered through {@link StoreWatchListener#onProgress}). */
  void requestProgress();

  @Override
  void close();
}
