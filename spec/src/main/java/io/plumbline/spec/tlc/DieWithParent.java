package io.plumbline.spec.tlc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;

/**
 * The main class of a child JVM started by {@link ChildProcesses}: it runs another main class
 * (TLC's) and halts the JVM when the parent is gone. The parent holds the write end of the
 * child's stdin pipe; the kernel closes it when the parent dies, however it dies (SIGKILL
 * included, which runs none of the parent's shutdown hooks), and a read then returns end of file.
 * TLC never reads its stdin, so a watcher thread may own it.
 *
 * <p>Usage: {@code java -cp <TLC and this class> io.plumbline.spec.tlc.DieWithParent MAINCLASS
 * ARGS...}. Uses nothing outside the JDK, so any class path holding this class will do.
 */
public final class DieWithParent {
  /** Exit status of a child halted because its parent is gone (128 + SIGHUP, as a shell reports a hang-up). */
  static final int ORPHANED = 129;

  private DieWithParent() {}

  public static void main(String[] args) throws Throwable {
    if (args.length == 0) {
      System.err.println("usage: DieWithParent MAINCLASS [ARGS...]");
      System.exit(2);
    }
    watch(System.in);
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    try {
      Class.forName(args[0]).getMethod("main", String[].class).invoke(null, (Object) rest);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** A daemon thread that halts this JVM once {@code parentPipe} reaches end of file. */
  static void watch(InputStream parentPipe) {
    Thread watcher = new Thread(() -> {
      try {
        parentPipe.transferTo(OutputStream.nullOutputStream()); // the parent writes nothing
      } catch (IOException e) {
        // A broken pipe means the same as end of file: the parent is gone.
      }
      // halt, not exit: the parent no longer reads our output, and TLC's own shutdown work
      // (e.g. a final progress report) has no one left to report to.
      Runtime.getRuntime().halt(ORPHANED);
    }, "die-with-parent");
    watcher.setDaemon(true);
    watcher.start();
  }
}
