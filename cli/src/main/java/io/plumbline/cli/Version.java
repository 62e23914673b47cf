package io.plumbline.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the build's version from the jar manifest (or "dev" when run from classes). */
final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Main.class.getPackage().getImplementationVersion();
    return new String[] {"plumbline " + (v == null ? "dev" : v)};
  }
}
