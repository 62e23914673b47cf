package io.plumbline.cli;

import java.util.List;
import picocli.CommandLine;

/**
 * The one list of top-level subcommands. Each module owns its command classes; add a name to
 * {@link #NAMES} and a line to {@link #create}, in the order they should appear in {@code --help}.
 *
 * <p>A run that names its subcommand builds only that one: picocli reflects over every command it
 * is given, and a short {@code check-history} should not load the classes (and, through their
 * fields, the libraries) of the store, the API server or the chaos harness. {@code SubcommandsTest}
 * keeps the names here equal to the {@code @Command} names.
 */
final class Subcommands {
  /** Every subcommand's name, in {@code --help} order. */
  static final List<String> NAMES = List.of(
      // spec/: model checking
      "spec",
      // conformance/: histories, checker, conformance suite
      "check-history", "conformance",
      // implementation/: Raft core simulation, reference store, control plane
      "simulate", "store", "cluster", "bench", "apiserver", "controller-manager", "up", "down",
      // chaos/: chaos harness
      "chaos",
      // common/: certificates for TLS
      "certs");

  private Subcommands() {}

  /** Registers the subcommand {@code args} start with when it is one of {@link #NAMES}, else all of them. */
  static void register(CommandLine cli, String... args) {
    if (args.length > 0 && NAMES.contains(args[0])) {
      cli.addSubcommand(create(args[0]));
      return;
    }
    for (String name : NAMES) {
      cli.addSubcommand(create(name));
    }
  }

  /** A new instance of the command called {@code name}; the switch keeps other command classes unloaded. */
  static Object create(String name) {
    return switch (name) {
      case "spec" -> new io.plumbline.spec.cli.SpecCommand();
      case "check-history" -> new io.plumbline.conformance.cli.CheckHistoryCommand();
      case "conformance" -> new io.plumbline.conformance.cli.ConformanceCommand();
      case "simulate" -> SimulateWithStore.create();
      case "store" -> new io.plumbline.store.cli.StoreCommand();
      case "cluster" -> new io.plumbline.store.cli.ClusterCommand();
      case "bench" -> new io.plumbline.controlplane.cli.BenchCommand();
      case "apiserver" -> new io.plumbline.apiserver.cli.ApiServerCommand();
      case "controller-manager" -> new io.plumbline.controller.cli.ControllerManagerCommand();
      case "up" -> new io.plumbline.controlplane.cli.UpCommand();
      case "down" -> new io.plumbline.controlplane.cli.DownCommand();
      case "chaos" -> new io.plumbline.chaos.cli.ChaosCommand();
      case "certs" -> new io.plumbline.common.tls.CertsCommand();
      default -> throw new IllegalArgumentException("no subcommand " + name);
    };
  }

  /**
   * {@code simulate} with the chaos module's whole-store simulator. In its own class: passing the simulator to the
   * constructor makes the verifier load both types when it checks the method holding the call, and
   * {@link #create} must stay loadable from the small check-history jar, which holds neither.
   */
  private static final class SimulateWithStore {
    static Object create() {
      return new io.plumbline.raft.cli.SimulateCommand(new io.plumbline.chaos.storesim.StoreSimulator());
    }
  }
}
