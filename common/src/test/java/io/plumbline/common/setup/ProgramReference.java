package io.plumbline.common.setup;

/** One place in the code that starts an external program: the program's name and where it is named. */
record ProgramReference(String program, String file, int line) {
  @Override
  public String toString() {
    return program + " (" + file + ":" + line + ")";
  }
}
