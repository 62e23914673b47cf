package io.plumbline.store.cli;

import picocli.CommandLine;

/**
 * Runs {@link StoreCommand} as a program of its own, so tests can start members as separate
 * processes from the module's class path (and kill them with SIGKILL) without the CLI jar.
 */
public final class StoreMain {
  private StoreMain() {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new StoreCommand()).execute(args));
  }
}
