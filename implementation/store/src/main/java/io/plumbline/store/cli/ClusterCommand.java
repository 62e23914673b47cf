package io.plumbline.store.cli;

import picocli.CommandLine.Command;

/** {@code ./plumbline cluster start|stop}: a local cluster of reference-store member processes. */
@Command(name = "cluster", mixinStandardHelpOptions = true,
    description = "Start or stop a local cluster of reference-store members (separate processes).",
    subcommands = {ClusterStartCommand.class, ClusterStopCommand.class})
public final class ClusterCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
