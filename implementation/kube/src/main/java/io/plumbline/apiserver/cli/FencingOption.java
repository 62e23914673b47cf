package io.plumbline.apiserver.cli;

import picocli.CommandLine.Option;

/**
 * {@code --no-fencing}, one meaning for every component: writes of a deposed controller manager
 * (a stale lease generation) are no longer refused. A picocli mixin of {@code apiserver},
 * {@code controller-manager} and {@code up}.
 */
public final class FencingOption {
  @Option(names = "--no-fencing", negatable = false,
      description = "Turn fencing off, to show the double-leader hazard: an API server accepts "
          + "writes from stale lease generations, only counting and logging them "
          + "(GET /debug/fencing); a controller manager sends no generation at all; 'up' "
          + "starts its API servers so.")
  boolean noFencing;

  /** Whether deposed leaders' writes are refused (the default). */
  public boolean fencing() {
    return !noFencing;
  }
}
