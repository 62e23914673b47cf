package io.plumbline.store.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./plumbline cluster stop}: ends exactly the member processes recorded in the pid file. */
@Command(name = "stop", mixinStandardHelpOptions = true,
    description = "Stop the member processes that 'cluster start' recorded in DIR/pids.")
public final class ClusterStopCommand implements Callable<Integer> {
  @Option(names = "--data-dir", defaultValue = "/tmp/plumbline-cluster",
      description = "The directory given to 'cluster start' (default ${DEFAULT-VALUE}).")
  Path dir;

  @Override
  public Integer call() throws Exception {
    Map<String, Long> pids = PidFile.read(dir);
    if (pids.isEmpty()) {
      System.out.println("no cluster recorded in " + dir);
      return 0;
    }
    for (Map.Entry<String, Long> e : pids.entrySet()) {
      if (!PidFile.isOurs(e.getValue())) {
        System.out.println(e.getKey() + " (pid " + e.getValue() + ") was not running");
        continue;
      }
      ProcessHandle h = ProcessHandle.of(e.getValue()).orElseThrow();
      h.destroy();
      try {
        h.onExit().get(10, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException t) {
        h.destroyForcibly();
      }
      System.out.println("stopped " + e.getKey() + " (pid " + e.getValue() + ")");
    }
    Files.delete(PidFile.of(dir));
    return 0;
  }
}
