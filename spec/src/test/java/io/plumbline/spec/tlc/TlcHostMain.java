package io.plumbline.spec.tlc;

import java.nio.file.Path;

/**
 * A JVM that runs TLC through the real {@link TlcLauncher}, for {@link ChildProcessesTest} to
 * signal: prints {@code child PID} once the TLC child runs and {@code exploring} once TLC has
 * computed its initial states, then waits for the run, which on {@code Forever.tla} never ends.
 * Usage: {@code TlcHostMain MODULE.tla MODULE.cfg}.
 */
public final class TlcHostMain {
  private TlcHostMain() {}

  public static void main(String[] args) {
    TlcLauncher.Observer observer = new TlcLauncher.Observer() {
      @Override
      public void started(Process process) {
        say("child " + process.pid());
      }
    };
    TlcRunResult r = new TlcLauncher(1, "128m").run(Path.of(args[0]), Path.of(args[1]), observer,
        message -> {
          if (message.code() == TlcMessage.INIT_DONE) {
            say("exploring");
          }
        });
    say("tlc ended: " + r.outcome());
  }

  private static void say(String line) {
    System.out.println(line);
    System.out.flush();
  }
}
