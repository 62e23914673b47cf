package io.plumbline.raft;

/** Test fixture: everything the core must not do, in the core's package (tests only). */
final class ImpureFixture {
  private final java.util.Random random = new java.util.Random();
  private final java.util.concurrent.locks.ReentrantLock lock =
      new java.util.concurrent.locks.ReentrantLock();

  synchronized long now() throws InterruptedException {
    Thread.sleep(1);
    lock.lock();
    return System.currentTimeMillis() + random.nextInt();
  }
}
