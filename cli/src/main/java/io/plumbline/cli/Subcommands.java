package io.plumbline.cli;

import picocli.CommandLine;

/**
 * The one list of top-level subcommands. Each module owns its command classes; add one line here
 * per new subcommand, in the order they should appear in {@code --help}.
 */
final class Subcommands {
  private Subcommands() {}

  static void register(CommandLine cli) {
    // spec/: model checking
    cli.addSubcommand(new io.plumbline.spec.cli.SpecCommand());
    // conformance/: histories, checker, conformance suite
    cli.addSubcommand(new io.plumbline.conformance.cli.CheckHistoryCommand());
    cli.addSubcommand(new io.plumbline.conformance.cli.ConformanceCommand());
    // implementation/: Raft core simulation, reference store, control plane
    cli.addSubcommand(new io.plumbline.raft.cli.SimulateCommand());
    cli.addSubcommand(new io.plumbline.store.cli.StoreCommand());
    cli.addSubcommand(new io.plumbline.store.cli.ClusterCommand());
    cli.addSubcommand(new io.plumbline.controlplane.cli.BenchCommand());
    cli.addSubcommand(new io.plumbline.apiserver.cli.ApiServerCommand());
    cli.addSubcommand(new io.plumbline.controller.cli.ControllerManagerCommand());
    cli.addSubcommand(new io.plumbline.controlplane.cli.UpCommand());
    cli.addSubcommand(new io.plumbline.controlplane.cli.DownCommand());
    // chaos/: chaos harness
    cli.addSubcommand(new io.plumbline.chaos.cli.ChaosCommand());
  }
}
