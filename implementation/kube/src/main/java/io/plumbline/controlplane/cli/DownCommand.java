package io.plumbline.controlplane.cli;

import io.plumbline.controlplane.Teardown;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./plumbline down}: stops exactly the processes {@code up} recorded. */
@Command(name = "down", mixinStandardHelpOptions = true,
    description = "Stop the control plane 'up' started in DIR: exactly its recorded PIDs, each "
        + "checked to still be the process it started.")
public final class DownCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--dir", defaultValue = "/tmp/plumbline-up",
      description = "The directory given to 'up' (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Teardown.down(dir.toAbsolutePath(), line -> {
      out.println(line);
      out.flush();
    });
    return 0;
  }
}
