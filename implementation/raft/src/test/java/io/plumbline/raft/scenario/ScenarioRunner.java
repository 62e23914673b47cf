package io.plumbline.raft.scenario;

import io.plumbline.raft.InjectedBug;
import io.plumbline.raft.Message;
import io.plumbline.raft.TraceSink;
import io.plumbline.raft.sim.InvariantViolation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Executes scenario commands against a {@link ScenarioCluster} and returns each transcript.
 *
 * <p>Commands: {@code add-nodes N [election=10 heartbeat=1 prevote=true checkquorum=true
 * inflight=256 max-size=B]}, {@code campaign ID}, {@code tick ID|all [N]}, {@code deliver
 * [from=ID] [to=ID] [type=T] [index=I] [count=K]} ({@code index}: the message's log index, e.g. an
 * append's previous index, to deliver one out of queue order), {@code drop ...} (same filters), {@code stabilize},
 * {@code partition ID... | ID...}, {@code heal}, {@code crash ID}, {@code restart ID}, {@code
 * propose ID VALUE}, {@code read-index ID CTX}, {@code compact ID INDEX}, {@code status}, {@code
 * log ID}.
 */
final class ScenarioRunner {
  private final ScenarioCluster cluster;

  ScenarioRunner(Set<InjectedBug> bugs) {
    this(bugs, TraceSink.NONE);
  }

  /** A runner whose cores also hand every event they emit to {@code trace}. */
  ScenarioRunner(Set<InjectedBug> bugs, TraceSink trace) {
    cluster = new ScenarioCluster(bugs, trace);
  }

  ScenarioRunner() {
    this(Set.of());
  }

  /** Transcripts per block; after a broken invariant the remaining blocks are skipped. */
  List<String> run(ScenarioScript script) {
    List<String> out = new ArrayList<>();
    boolean broken = false;
    for (ScenarioScript.Block b : script.blocks()) {
      if (broken) {
        out.add("skipped: an invariant is broken");
        continue;
      }
      try {
        execute(b.command());
        out.add(cluster.takeOutput());
      } catch (InvariantViolation v) {
        out.add(cluster.takeOutput() + "\nVIOLATION " + v.getMessage());
        broken = true;
      } catch (RuntimeException e) {
        cluster.takeOutput();
        out.add("error: " + e.getMessage());
      }
    }
    return out;
  }

  private void execute(String command) {
    String[] w = command.split("\\s+");
    List<String> args = Arrays.asList(w).subList(1, w.length);
    switch (w[0]) {
      case "add-nodes" -> cluster.addNodes(Integer.parseInt(args.get(0)), options(args));
      case "campaign" -> cluster.campaign(args.get(0));
      case "tick" -> cluster.tick(args.get(0), args.size() > 1 ? Integer.parseInt(args.get(1)) : 1);
      case "deliver", "drop" -> {
        Map<String, String> o = options(args);
        int n = cluster.deliver(filter(o), w[0].equals("drop"),
            Integer.parseInt(o.getOrDefault("count", "" + Integer.MAX_VALUE)));
        if (n == 0) {
          cluster.line("no matching messages");
        }
      }
      case "stabilize" -> cluster.stabilize();
      case "partition" -> cluster.partition(groups(args));
      case "heal" -> cluster.heal();
      case "crash" -> cluster.crash(args.get(0));
      case "restart" -> cluster.restart(args.get(0));
      case "propose" -> cluster.propose(args.get(0), args.get(1));
      case "read-index" -> cluster.readIndex(args.get(0), args.get(1));
      case "compact" -> cluster.compact(args.get(0), Long.parseLong(args.get(1)));
      case "status" -> cluster.status();
      case "log" -> cluster.log(args.get(0));
      default -> throw new IllegalArgumentException("unknown command " + w[0]);
    }
  }

  private static Map<String, String> options(List<String> args) {
    Map<String, String> o = new HashMap<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      if (eq > 0) {
        o.put(a.substring(0, eq), a.substring(eq + 1));
      }
    }
    return o;
  }

  private static Predicate<Message> filter(Map<String, String> o) {
    return m -> (!o.containsKey("from") || o.get("from").equals(m.from()))
        && (!o.containsKey("to") || o.get("to").equals(m.to()))
        && (!o.containsKey("type") || o.get("type").equals(m.type().name()))
        && (!o.containsKey("index") || Long.parseLong(o.get("index")) == m.index());
  }

  private static List<List<String>> groups(List<String> args) {
    List<List<String>> groups = new ArrayList<>();
    groups.add(new ArrayList<>());
    for (String a : args) {
      if (a.equals("|")) {
        groups.add(new ArrayList<>());
      } else {
        groups.get(groups.size() - 1).add(a);
      }
    }
    return groups;
  }
}
