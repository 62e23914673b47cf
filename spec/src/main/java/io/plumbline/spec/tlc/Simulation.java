package io.plumbline.spec.tlc;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A TLC random-simulation run ({@code -simulate num=N -depth D -seed S}): a fixed number of random
 * behaviours of bounded length from a fixed seed, so the same run is repeated exactly. TLC runs it
 * with one worker: with several, which worker walks which behaviour depends on thread timing, and
 * the run would no longer be the same each time.
 *
 * @param behaviours how many random behaviours TLC walks ({@code num})
 * @param depth the longest behaviour, in states ({@code -depth})
 * @param seed the random seed ({@code -seed})
 */
public record Simulation(long behaviours, int depth, long seed) {

  public Simulation {
    if (behaviours < 1 || depth < 2) {
      throw new IllegalArgumentException("a simulation needs num >= 1 and depth >= 2");
    }
  }

  /**
   * Parses the manifest's {@code simulate} cell, e.g. {@code num=200 depth=300 seed=1} (all three,
   * in any order, separated by spaces).
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public static Simulation parse(String text) {
    Map<String, Long> values = new HashMap<>();
    for (String part : text.strip().split("\\s+")) {
      String[] kv = part.split("=", 2);
      if (kv.length != 2 || !List.of("num", "depth", "seed").contains(kv[0])
          || !kv[1].matches("\\d{1,12}") || values.put(kv[0], Long.parseLong(kv[1])) != null) {
        throw new IllegalArgumentException("simulate must be 'num=N depth=D seed=S', found '" + text + "'");
      }
    }
    if (values.size() != 3) {
      throw new IllegalArgumentException("simulate must be 'num=N depth=D seed=S', found '" + text + "'");
    }
    return new Simulation(values.get("num"), Math.toIntExact(values.get("depth")), values.get("seed"));
  }

  /** TLC's command-line arguments for this run. */
  public List<String> tlcArguments() {
    return List.of("-simulate", "num=" + behaviours, "-depth", Integer.toString(depth),
        "-seed", Long.toString(seed));
  }

  @Override
  public String toString() {
    return "num=" + behaviours + " depth=" + depth + " seed=" + seed;
  }
}
