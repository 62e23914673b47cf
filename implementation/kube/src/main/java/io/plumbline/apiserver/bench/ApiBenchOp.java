package io.plumbline.apiserver.bench;

/** What {@code bench --api} measures; each is one HTTP request (watch: one delivered event). */
public enum ApiBenchOp {
  /** POST a new pod. */
  CREATE("create"),
  /** GET one of the {@link ApiBench#OBJECTS} pre-created pods. */
  GET("get"),
  /** GET the list of those pods (a linearizable read of all of them). */
  LIST("list"),
  /** One writer creates pods; every watcher's event counts, timed from the write's start. */
  WATCH("watch");

  private final String flag;

  ApiBenchOp(String flag) {
    this.flag = flag;
  }

  public String flag() {
    return flag;
  }

  public static ApiBenchOp parse(String s) {
    for (ApiBenchOp o : values()) {
      if (o.flag.equals(s)) {
        return o;
      }
    }
    throw new IllegalArgumentException(s);
  }
}
