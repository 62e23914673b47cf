package io.plumbline.spec.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code plumbline spec}: the TLA+ specifications and their checks. */
@Command(
    name = "spec",
    mixinStandardHelpOptions = true,
    description = "Model-check the TLA+ specifications (spec/) with TLC.",
    subcommands = {CheckCommand.class, ValidateTraceCommand.class})
public final class SpecCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
