package io.plumbline.spec.tlc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The main class of a child JVM started by {@link ChildProcesses}: it runs another main class
 * (TLC's) and halts the JVM when the parent is gone. The parent holds the write end of the
 * child's stdin pipe; the kernel closes it when the parent dies, however it dies (SIGKILL
 * included, which runs none of the parent's shutdown hooks), and a read then returns end of file.
 * TLC never reads its stdin, so a watcher thread may own it.
 *
 * <p>With {@code -Dplumbline.scratch=DIR}, an orphaned child first removes DIR (TLC's working
 * directory, which the dead parent would have removed), best effort: TLC may still be writing.
 *
 * <p>Usage: {@code java -cp <TLC and this class> io.plumbline.spec.tlc.DieWithParent MAINCLASS
 * ARGS...}. Uses nothing outside the JDK, so any class path holding this class will do.
 */
public final class DieWithParent {
  /** Exit status of a child halted because its parent is gone (128 + SIGHUP, as a shell reports a hang-up). */
  static final int ORPHANED = 129;
  /** System property naming a directory an orphaned child removes before it halts. */
  public static final String SCRATCH_PROPERTY = "plumbline.scratch";

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
      String scratch = System.getProperty(SCRATCH_PROPERTY);
      if (scratch != null) {
        deleteRecursively(Path.of(scratch));
      }
      // halt, not exit: the parent no longer reads our output, and TLC's own shutdown work
      // (e.g. a final progress report) has no one left to report to.
      Runtime.getRuntime().halt(ORPHANED);
    }, "die-with-parent");
    watcher.setDaemon(true);
    watcher.start();
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // Best effort: TLC may be creating files in it while it goes.
    }
  }
}
