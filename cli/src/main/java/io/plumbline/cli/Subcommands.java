package io.plumbline.cli;

import picocli.CommandLine;

/**
 * The one list of top-level subcommands. Each module owns its command classes; add one line here
 * per new subcommand, in the order they should appear in {@code --help}.
 */
final class Subcommands {
  private Subcommands() {}

  static void register(CommandLine cli) {
    // e.g. cli.addSubcommand(new io.plumbline.spec.cli.SpecCommand());
    cli.addSubcommand(new io.plumbline.apiserver.cli.ApiServerCommand());
    cli.addSubcommand(new io.plumbline.controller.cli.ControllerManagerCommand());
  }
}
