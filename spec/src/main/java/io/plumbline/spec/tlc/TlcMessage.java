package io.plumbline.spec.tlc;

/**
 * One message of TLC's {@code -tool} output, framed by {@code @!@!@STARTMSG code:severity @!@!@}
 * and {@code @!@!@ENDMSG code @!@!@}. Lines outside any frame (SANY's parser chatter) become
 * messages with code {@link #UNFRAMED}.
 *
 * @param code TLC's message code (tlc2.output.EC)
 * @param severity 0 info, 1 error, 2 TLA+ error, 3 warning, 4 state print
 * @param text the message body, lines joined by '\n', without the frame
 */
public record TlcMessage(int code, int severity, String text) {
  /** Code given to lines TLC printed outside a message frame. */
  public static final int UNFRAMED = -1;

  // The codes plumbline interprets (values from tlc2.output.EC in TLC 2.18).
  public static final int GENERAL_ERROR = 1000;
  public static final int INVARIANT_VIOLATED_BEHAVIOR = 2110;
  public static final int INVARIANT_VIOLATED_INITIAL = 2107;
  public static final int PROPERTY_VIOLATED_INITIAL = 2108;
  public static final int ACTION_PROPERTY_VIOLATED = 2112;
  public static final int DEADLOCK_REACHED = 2114;
  public static final int BEHAVIOR_UP_TO_THIS_POINT = 2121;
  public static final int BACK_TO_STATE = 2122;
  public static final int STARTING = 2185;
  public static final int FINISHED = 2186;
  public static final int INIT_DONE = 2190;
  /** Initial states done, when some were not distinct (or cut by a constraint). */
  public static final int INIT_DONE_SOME_DISTINCT = 2191;
  public static final int SUCCESS = 2193;
  public static final int SEARCH_DEPTH = 2194;
  public static final int STATS = 2199;
  public static final int PROGRESS_STATS = 2200;
  /** A -simulate run's progress ("Progress(-1) at ...: N states generated, -1 distinct ..."). */
  public static final int SIMULATION_PROGRESS = 2209;
  public static final int STATE_PRINT = 2217;
  public static final int STUTTER_STATE_PRINT = 2218;

  /** Severity TLC gives to errors in the model or the spec. */
  public boolean isError() {
    return severity == 1 || severity == 2;
  }
}
