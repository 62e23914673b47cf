package io.plumbline.checker.model;

import io.plumbline.checker.Model;
import io.plumbline.common.UserError;
import io.plumbline.history.History;
import io.plumbline.history.HistoryFormat;
import io.plumbline.history.Op;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Model names, construction, and the default model for a history when none is given. */
public final class Models {
  /** Every name {@code --model} accepts. */
  public static final List<String> NAMES = List.of("register", "cas-register", "etcd", "kv", "mutex", "multi-register");

  private Models() {}

  /**
   * A fresh model (models may cache per-history data, so use one per check).
   *
   * @param init the initial value ({@code --init}), or null for the model's default
   */
  public static Model<?> create(String name, Object init) {
    return switch (name) {
      case "register" -> new RegisterModel(false, init);
      case "cas-register" -> new RegisterModel(true, init);
      case "kv" -> new KvModel(init);
      case "mutex" -> new MutexModel();
      case "multi-register" -> new MultiRegisterModel(init);
      case "etcd" -> {
        if (init != null) {
          throw new UserError("--init: the etcd model always starts from an empty store at revision 1");
        }
        yield new EtcdModel();
      }
      default -> throw new UserError("--model: unknown model '" + name + "'; expected one of " + String.join(", ", NAMES));
    };
  }

  /**
   * The model a plain {@code check-history FILE} uses: Porcupine etcd logs use {@code etcd}
   * (single register, initially absent), Porcupine KV logs {@code kv}; otherwise the operations
   * decide: acquire/release → mutex, txn with a list of micro-ops → multi-register, txn with a
   * map, delete, or get/put with map or number values → etcd, get/put/append → kv, otherwise
   * cas-register (JSON Lines: initially nil; EDN: 0 as in Knossos's tests, unless the history is
   * keyed or marks a read {@code absent}: such a history was written by a recorder of keys that
   * start out absent, as chaos's register workload saves {@code history.edn}).
   */
  public static Model<?> infer(History history, HistoryFormat format, Object init) {
    String name = inferName(history, format);
    boolean knossosRegister = name.equals("cas-register") && format == HistoryFormat.EDN && !startsAbsent(history);
    return create(name, init == null && knossosRegister ? (Object) 0L : init);
  }

  /** Whether any event carries a key or a read says it found its register absent. */
  private static boolean startsAbsent(History history) {
    for (Op e : history.events()) {
      if (e.isClient() && (e.key() != null || Boolean.TRUE.equals(e.extra().get(RegisterModel.ABSENT)))) {
        return true;
      }
    }
    return false;
  }

  /** The name {@link #infer} picks. */
  public static String inferName(History history, HistoryFormat format) {
    if (format == HistoryFormat.PORCUPINE_ETCD) {
      return "etcd";
    }
    if (format == HistoryFormat.PORCUPINE_KV) {
      return "kv";
    }
    Set<String> fs = new HashSet<>();
    boolean mapTxn = false;
    boolean nonStringValues = false; // kv values are strings; etcd responses are maps, values may be numbers
    for (Op e : history.events()) {
      if (e.isClient()) {
        fs.add(e.f());
        mapTxn |= e.f().equals("txn") && e.value() instanceof Map;
        nonStringValues |= e.value() instanceof Map || e.value() instanceof Number;
      }
    }
    if (fs.contains("acquire") || fs.contains("release")) {
      return "mutex";
    }
    if (fs.contains("txn")) {
      return mapTxn ? "etcd" : "multi-register";
    }
    if (fs.contains("delete") || (!fs.contains("append") && nonStringValues && (fs.contains("get") || fs.contains("put")))) {
      return "etcd";
    }
    if (fs.contains("get") || fs.contains("put") || fs.contains("append")) {
      return "kv";
    }
    return "cas-register";
  }
}
