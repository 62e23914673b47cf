package io.plumbline.common.cli;

import io.plumbline.common.UserError;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * One in-process run of a picocli command with its output captured: what the modules' command
 * tests assert on. A {@link UserError} becomes its one-line message on stderr and its exit code,
 * as the CLI handles it (without the CLI's command-name prefix); any other exception propagates.
 *
 * <p>It lives in main code (not a test-jar) so every module's tests can use it with a plain
 * dependency on {@code plumbline-common}, which Maven resolves in every phase of a reactor build.
 *
 * @param exitCode the command's exit code
 * @param out what it printed on stdout
 * @param err what it printed on stderr
 */
public record CommandRun(int exitCode, String out, String err) {

  /** Runs {@code command} (a picocli command object) with {@code args}. */
  public static CommandRun of(Object command, String... args) {
    CommandLine cli = new CommandLine(command);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
      if (ex instanceof UserError u) {
        cmd.getErr().println(u.getMessage());
        return u.exitCode();
      }
      throw ex;
    });
    return new CommandRun(cli.execute(args), out.toString(), err.toString());
  }
}
