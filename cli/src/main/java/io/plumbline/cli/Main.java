package io.plumbline.cli;

import io.plumbline.common.UserError;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The {@code ./plumbline} entry point. Each module owns its subcommands; this class only assembles
 * them and turns errors into one-line messages with stable exit codes.
 */
@Command(
    name = "plumbline",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Formal model, conformance suite and chaos harness for Kubernetes-style control planes.",
    subcommands = {CommandLine.HelpCommand.class},
    commandListHeading = "%nCommands:%n",
    footer = {"", "Exit codes: 0 success, 1 a check failed, 2 usage or input error, 3 a result is unknown."})
public final class Main implements Runnable {

  @picocli.CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the CLI and returns its exit code (separate from {@link #main} for tests). */
  public static int execute(String... args) {
    CommandLine cli = commandLine(args);
    return cli.execute(args);
  }

  /** Builds the whole command tree with plumbline's error handling. */
  public static CommandLine commandLine() {
    return commandLine(new String[0]);
  }

  /**
   * Builds the command tree for {@code args}: only the subcommand they name when they name one
   * (see {@link Subcommands#register}), else every subcommand.
   */
  static CommandLine commandLine(String... args) {
    CommandLine cli = new CommandLine(new Main());
    Subcommands.register(cli, args);
    cli.setParameterExceptionHandler(new OneLineParameterErrors());
    cli.setExecutionExceptionHandler(new OneLineUserErrors());
    return cli;
  }

  /** Unknown flags and bad values: one line naming the problem, exit code 2, no usage dump. */
  static final class OneLineParameterErrors implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
      CommandLine cmd = ex.getCommandLine();
      PrintWriter err = cmd.getErr();
      err.println(cmd.getCommandSpec().qualifiedName() + ": " + ex.getMessage()
          + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
      err.flush();
      return UserError.USAGE_EXIT_CODE;
    }
  }

  /** A {@link UserError} anywhere under a command becomes one line on stderr and its exit code. */
  static final class OneLineUserErrors implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed)
        throws Exception {
      for (Throwable t = ex; t != null; t = t.getCause()) {
        if (t instanceof UserError user) {
          cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + user.getMessage());
          cmd.getErr().flush();
          return user.exitCode();
        }
      }
      throw ex;
    }
  }
}
