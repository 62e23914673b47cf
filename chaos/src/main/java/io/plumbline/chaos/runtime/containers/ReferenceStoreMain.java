package io.plumbline.chaos.runtime.containers;

import io.plumbline.store.cli.StoreCommand;
import picocli.CommandLine;

/**
 * Entry point a reference-store container runs: {@code ./plumbline store} without the rest of the CLI
 * (the chaos module sits below the CLI module, so it cannot name the CLI's main class).
 */
public final class ReferenceStoreMain {
  private ReferenceStoreMain() {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new StoreCommand()).execute(args));
  }
}
