package io.plumbline.apiserver.cli;

import io.plumbline.common.UserError;
import picocli.CommandLine.Option;

/** Where the API server listens: a picocli mixin. */
public final class ListenOptions {
  @Option(names = "--bind-address", defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String bindAddress;

  @Option(names = "--port", defaultValue = "6443",
      description = "HTTP port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  public String bindAddress() {
    return bindAddress;
  }

  public int port() {
    return port;
  }

  public void validate() {
    if (port < 0 || port > 65535) {
      throw new UserError("--port: " + port + " is not a TCP port");
    }
  }
}
