package io.plumbline.conformance.kv;

import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.DeleteResponse;
import io.etcd.jetcd.options.DeleteOption;
import io.plumbline.conformance.Check;
import io.plumbline.conformance.Session;
import io.plumbline.conformance.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * Delete returns the number of keys deleted and, with prev_kv, the deleted key-values. (That a
 * delete removing nothing creates no revision is checked by revisions-contiguous, which can tell
 * it apart from other clients' writes on a shared store.)
 */
final class DeletePrevKv implements Check {
  @Override
  public String name() {
    return "delete-prev-kv";
  }

  @Override
  public String description() {
    return "delete reports the deleted count and prev_kv, for one key and a prefix";
  }

  @Override
  public Verdict run(Session s) throws Exception {
    List<String> problems = new ArrayList<>();
    List<String> ev = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      s.await("put", s.kv().put(s.key("kv/del/" + i), Session.bytes("v" + i)));
    }
    ev.add("put ~/kv/del/1=v1, ~/kv/del/2=v2, ~/kv/del/3=v3");
    DeleteResponse one = s.await("delete", s.kv().delete(s.key("kv/del/1"),
        DeleteOption.builder().withPrevKV(true).build()));
    check("delete ~/kv/del/1 prev_kv", one, "1=v1", problems, ev);
    DeleteResponse rest = s.await("delete", s.kv().delete(s.key("kv/del/"),
        DeleteOption.builder().isPrefix(true).withPrevKV(true).build()));
    check("delete prefix ~/kv/del/ prev_kv", rest, "2=v2 3=v3", problems, ev);
    DeleteResponse none = s.await("delete", s.kv().delete(s.key("kv/del/"),
        DeleteOption.builder().isPrefix(true).build()));
    check("delete prefix ~/kv/del/ again", none, "", problems, ev);
    return Verdict.of("deleted counts and prev_kv as documented", problems, ev);
  }

  private static void check(String what, DeleteResponse r, String expected, List<String> problems, List<String> ev) {
    StringBuilder got = new StringBuilder();
    for (KeyValue kv : r.getPrevKvs()) {
      String k = Session.text(kv.getKey());
      got.append(got.length() == 0 ? "" : " ").append(k.substring(k.lastIndexOf('/') + 1)).append('=')
          .append(Session.text(kv.getValue()));
    }
    long want = expected.isEmpty() ? 0 : expected.split(" ").length;
    ev.add(what + " -> deleted " + r.getDeleted() + ", prev_kvs [" + got + "]");
    if (r.getDeleted() != want || !got.toString().equals(expected)) {
      problems.add(what + " -> deleted " + r.getDeleted() + ", prev_kvs [" + got + "]; expected deleted " + want
          + ", prev_kvs [" + expected + "]");
    }
  }
}
