package io.plumbline.controlplane;

import io.plumbline.apiserver.cli.ApiServerCommand;
import io.plumbline.controller.cli.ControllerManagerCommand;
import io.plumbline.store.cli.StoreCommand;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * The program {@code up} starts for each Java component: {@code store}, {@code apiserver} or
 * {@code controller-manager} followed by that command's own flags. It lives in this module (not
 * the CLI's) so tests can launch components from the module's class path as well.
 */
public final class ComponentMain {
  private ComponentMain() {}

  public static void main(String[] args) {
    if (args.length == 0) {
      System.err.println("usage: ComponentMain store|apiserver|controller-manager FLAGS...");
      System.exit(2);
    }
    Object command = switch (args[0]) {
      case "store" -> new StoreCommand();
      case "apiserver" -> new ApiServerCommand();
      case "controller-manager" -> new ControllerManagerCommand();
      default -> null;
    };
    if (command == null) {
      System.err.println("ComponentMain: unknown component " + args[0]);
      System.exit(2);
    }
    int code = new CommandLine(command).execute(Arrays.copyOfRange(args, 1, args.length));
    if (code != 0) {
      System.exit(code);
    }
  }
}
