package io.plumbline.conformance.txn;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.plumbline.conformance.Check;
import io.plumbline.conformance.Session;
import io.plumbline.conformance.Verdict;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Txn compares on value, version, create and mod revision with =, !=, &lt; and &gt;, on a present
 * and an absent key (a value compare on an absent key is false; version and revisions of an absent
 * key are 0), each running exactly the branch its compare selects.
 */
final class ComparesAndBranches implements Check {
  @Override
  public String name() {
    return "compares-and-branches";
  }

  @Override
  public String description() {
    return "compares on value, version, create and mod revision select the documented branch";
  }

  @Override
  public Verdict run(Session s) throws Exception {
    ByteSequence key = s.key("txn/cmp/k");
    ByteSequence absent = s.key("txn/cmp/absent");
    long created = s.await("put", s.kv().put(key, Session.bytes("m"))).getHeader().getRevision();
    long modified = s.await("put", s.kv().put(key, Session.bytes("m"))).getHeader().getRevision();
    List<String> ev = new ArrayList<>();
    ev.add("put ~/txn/cmp/k=m twice -> create " + created + ", mod " + modified + ", version 2");
    List<CompareCase> cases = cases(key, absent, created, modified);
    for (int i = 0; i < cases.size(); i++) {
      CompareCase c = cases.get(i);
      TxnResponse r = s.await("txn " + c.description(), s.kv().txn().If(c.cmp())
          .Then(Op.put(s.key("txn/cmp/then/" + i), Session.bytes("t"), PutOption.DEFAULT))
          .Else(Op.put(s.key("txn/cmp/else/" + i), Session.bytes("e"), PutOption.DEFAULT)).commit());
      ev.add("txn if " + c.description() + " -> succeeded=" + r.isSucceeded() + " (expected " + c.expected() + ")");
    }
    Set<String> then = keys(s, "txn/cmp/then/");
    Set<String> otherwise = keys(s, "txn/cmp/else/");
    ev.add("success branches that wrote: " + then + "; failure branches that wrote: " + otherwise);
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      CompareCase c = cases.get(i);
      boolean ranThen = then.contains(Integer.toString(i));
      boolean ranElse = otherwise.contains(Integer.toString(i));
      if (ranThen == ranElse || ranThen != c.expected()) {
        problems.add("txn if " + c.description() + ": success branch ran=" + ranThen + ", failure branch ran=" + ranElse
            + "; expected only the " + (c.expected() ? "success" : "failure") + " branch");
      }
    }
    return Verdict.of(cases.size() + " compares chose the documented branch (lease: see txn/lease-compare)",
        problems, ev);
  }

  private static List<CompareCase> cases(ByteSequence key, ByteSequence absent, long created, long modified) {
    List<CompareCase> c = new ArrayList<>();
    c.add(new CompareCase("value(k) = m", new Cmp(key, Cmp.Op.EQUAL, CmpTarget.value(Session.bytes("m"))), true));
    c.add(new CompareCase("value(k) != m", new Cmp(key, Cmp.Op.NOT_EQUAL, CmpTarget.value(Session.bytes("m"))), false));
    c.add(new CompareCase("value(k) < n", new Cmp(key, Cmp.Op.LESS, CmpTarget.value(Session.bytes("n"))), true));
    c.add(new CompareCase("value(k) > n", new Cmp(key, Cmp.Op.GREATER, CmpTarget.value(Session.bytes("n"))), false));
    c.add(new CompareCase("version(k) = 2", new Cmp(key, Cmp.Op.EQUAL, CmpTarget.version(2)), true));
    c.add(new CompareCase("version(k) > 2", new Cmp(key, Cmp.Op.GREATER, CmpTarget.version(2)), false));
    c.add(new CompareCase("version(k) < 3", new Cmp(key, Cmp.Op.LESS, CmpTarget.version(3)), true));
    c.add(new CompareCase("create(k) = " + created, new Cmp(key, Cmp.Op.EQUAL, CmpTarget.createRevision(created)), true));
    c.add(new CompareCase("create(k) != " + created, new Cmp(key, Cmp.Op.NOT_EQUAL,
        CmpTarget.createRevision(created)), false));
    c.add(new CompareCase("mod(k) = " + modified, new Cmp(key, Cmp.Op.EQUAL, CmpTarget.modRevision(modified)), true));
    c.add(new CompareCase("mod(k) < " + modified, new Cmp(key, Cmp.Op.LESS, CmpTarget.modRevision(modified)), false));
    c.add(new CompareCase("mod(k) > " + created, new Cmp(key, Cmp.Op.GREATER, CmpTarget.modRevision(created)), true));
    c.add(new CompareCase("value(absent) = \"\"", new Cmp(absent, Cmp.Op.EQUAL, CmpTarget.value(Session.bytes(""))),
        false));
    c.add(new CompareCase("version(absent) = 0", new Cmp(absent, Cmp.Op.EQUAL, CmpTarget.version(0)), true));
    c.add(new CompareCase("create(absent) = 0", new Cmp(absent, Cmp.Op.EQUAL, CmpTarget.createRevision(0)), true));
    return c;
  }

  private static Set<String> keys(Session s, String prefix) throws Exception {
    GetResponse r = s.await("get", s.kv().get(s.key(prefix), GetOption.builder().isPrefix(true).withKeysOnly(true).build()));
    Set<String> out = new HashSet<>();
    r.getKvs().forEach(kv -> {
      String k = Session.text(kv.getKey());
      out.add(k.substring(k.lastIndexOf('/') + 1));
    });
    return new java.util.TreeSet<>(out);
  }
}
