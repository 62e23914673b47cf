package io.plumbline.store.cli;

import io.plumbline.store.fault.FaultMode;
import java.util.Arrays;
import java.util.Iterator;

/** The {@code --fault} modes for picocli's help text and shell completion. */
final class FaultNames implements Iterable<String> {
  @Override
  public Iterator<String> iterator() {
    return Arrays.stream(FaultMode.values()).map(FaultMode::flag).iterator();
  }
}
