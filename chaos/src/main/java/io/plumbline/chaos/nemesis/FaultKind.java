package io.plumbline.chaos.nemesis;

import java.util.Locale;

/** The kinds of fault a nemesis can inject; the CLI names are the lower-case names. */
public enum FaultKind {
  /** Network partition: some member-to-member links drop traffic. */
  PARTITION,
  /** SIGKILL (or docker kill) of members, restarted when the window ends. */
  KILL,
  /** SIGSTOP / docker pause of members, resumed when the window ends. */
  PAUSE,
  /** Clock skew or jump on members (needs a runtime that can fake time for the target). */
  CLOCK,
  /** A member (a third of the time the leader) cut off from its clients; its peer links stay. */
  CLIENTS;

  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a CLI name; null when unknown. */
  public static FaultKind parse(String s) {
    for (FaultKind k : values()) {
      if (k.cliName().equals(s.trim().toLowerCase(Locale.ROOT))) {
        return k;
      }
    }
    return null;
  }
}
