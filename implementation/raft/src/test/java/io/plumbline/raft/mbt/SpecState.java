package io.plumbline.raft.mbt;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One state of {@code EtcdRaft.tla} as parsed from TLC's output, with typed accessors for the
 * variables model-based tests compare. Servers are the model values' names ({@code s1}).
 */
public record SpecState(Map<String, TlaValue> vars) {

  /** Parses TLC's {@code /\ var = value} text of a state. */
  public static SpecState parse(String text) {
    return new SpecState(TlaParser.parseState(text));
  }

  private TlaValue.Fun fun(String var) {
    TlaValue v = vars.get(var);
    if (v == null) {
      throw new IllegalArgumentException("state has no variable " + var);
    }
    return v.asFunction();
  }

  private TlaValue at(String var, String server) {
    return fun(var).get(new TlaValue.ModelValue(server));
  }

  /** The servers, sorted. */
  public List<String> servers() {
    Set<String> out = new TreeSet<>();
    fun("currentTerm").map().keySet().forEach(k -> out.add(k.text()));
    return List.copyOf(out);
  }

  public long currentTerm(String i) {
    return at("currentTerm", i).asLong();
  }

  /** votedFor[i] as text, {@code Nil} for none. */
  public String votedFor(String i) {
    return at("votedFor", i).text();
  }

  /** state[i]: Follower, PreCandidate, Candidate or Leader. */
  public String state(String i) {
    return at("state", i).text();
  }

  /** leader[i] as text, {@code Nil} for none. */
  public String leader(String i) {
    return at("leader", i).text();
  }

  /** log[i]: entries as {@code term/value} text, e.g. {@code 1/Nil}, {@code 1/v1}. */
  public List<String> log(String i) {
    return at("log", i).asSeq().stream()
        .map(e -> e.asRecord().get("term") + "/" + e.asRecord().get("value").text())
        .toList();
  }

  public long commitIndex(String i) {
    return at("commitIndex", i).asLong();
  }

  /** A set-of-servers variable's value at i ({@code votesGranted}, {@code recentActive}, ...). */
  public Set<String> serverSet(String var, String i) {
    Set<String> out = new TreeSet<>();
    at(var, i).asSet().forEach(v -> out.add(v.text()));
    return out;
  }

  /** nextIndex[i][j] or matchIndex[i][j]. */
  public long index(String var, String i, String j) {
    return at(var, i).asFunction().get(new TlaValue.ModelValue(j)).asLong();
  }

  /** readHistory[r].phase: idle, pending or done ({@code null} when r is not a read id). */
  public String readPhase(String r) {
    TlaValue h = fun("readHistory").get(new TlaValue.ModelValue(r));
    return h == null ? null : h.asRecord().get("phase").text();
  }

  /** readHistory[r].index: the index a completed read was served at. */
  public long readIndex(String r) {
    return fun("readHistory").get(new TlaValue.ModelValue(r)).asRecord().get("index").asLong();
  }

  /** readHistory[r].mustSee: the highest index committed anywhere when read r began. */
  public long readMustSee(String r) {
    return fun("readHistory").get(new TlaValue.ModelValue(r)).asRecord().get("mustSee").asLong();
  }

  /** The ghost {@code committed}: every entry ever committed anywhere, as {@code index/term}. */
  public Set<String> committedEntries() {
    Set<String> out = new TreeSet<>();
    vars.get("committed").asSet().forEach(e -> out.add(
        e.asRecord().get("index") + "/" + e.asRecord().get("term")));
    return out;
  }

  /** The read ids (domain of readHistory), sorted. */
  public List<String> readIds() {
    Set<String> out = new TreeSet<>();
    fun("readHistory").map().keySet().forEach(k -> out.add(k.text()));
    return List.copyOf(out);
  }

  /** pendingReads[i] as text (to see which server a read step changed). */
  public String pendingReads(String i) {
    return at("pendingReads", i).toString();
  }

  /** pendingReads[i]: read id to its seq (arrival order at its leader), oldest first. */
  public Map<String, Long> pendingReadSeqs(String i) {
    Map<String, Long> out = new java.util.LinkedHashMap<>();
    at("pendingReads", i).asSet().stream()
        .map(TlaValue::asRecord)
        .sorted(java.util.Comparator.comparingLong(p -> p.get("seq").asLong()))
        .forEach(p -> out.put(p.get("id").text(), p.get("seq").asLong()));
    return out;
  }

  /**
   * durableState[i] (what i's disk holds with "AsyncPersist") as {@code term T, vote V, log=
   * [..]}, in the form {@link Abstraction} renders a core's disk; null when the model has no such
   * variable.
   */
  public String durable(String i) {
    if (!vars.containsKey("durableState")) {
      return null;
    }
    TlaValue.Rec d = at("durableState", i).asRecord();
    return "term " + d.get("term") + ", vote " + d.get("vote").text() + ", log=" + durableLog(i);
  }

  /** durableState[i].log as {@code term/value} text (null when the model has no durableState). */
  public List<String> durableLog(String i) {
    if (!vars.containsKey("durableState")) {
      return null;
    }
    return at("durableState", i).asRecord().get("log").asSeq().stream()
        .map(e -> e.asRecord().get("term") + "/" + e.asRecord().get("value").text())
        .toList();
  }

  /** Messages waiting for their sender's Persist: record to copies (empty when none or no such variable). */
  public Map<TlaValue, TlaValue> pendingMessages() {
    return vars.containsKey("pendingMessages") ? fun("pendingMessages").map() : Map.of();
  }

  /** The network: message record to number of copies. */
  public Map<TlaValue, TlaValue> messages() {
    return fun("messages").map();
  }

  /** Copies of message m in the network (0 when absent). */
  public long copies(TlaValue m) {
    TlaValue n = messages().get(m);
    return n == null ? 0 : n.asLong();
  }
}
