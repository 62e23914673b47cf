package io.plumbline.conformance.kv;

import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
import io.plumbline.conformance.Check;
import io.plumbline.conformance.Session;
import io.plumbline.conformance.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * create_revision, mod_revision and version per etcd's data model: a put creates a key at version
 * 1 with create = mod = the put's revision; each later put raises version and moves mod; a delete
 * removes the key; a put after the delete starts again at version 1 with a new create revision.
 */
final class KeyMetadata implements Check {
  @Override
  public String name() {
    return "key-metadata";
  }

  @Override
  public String description() {
    return "create/mod revision and version of a key follow its puts and deletes";
  }

  @Override
  public Verdict run(Session s) throws Exception {
    String key = "kv/meta/k";
    List<String> problems = new ArrayList<>();
    List<String> evidence = new ArrayList<>();
    long r1 = put(s, key, "1", evidence);
    expect(s, key, r1, r1, 1, problems, evidence);
    long r2 = put(s, key, "2", evidence);
    expect(s, key, r1, r2, 2, problems, evidence);
    long deleted = s.await("delete", s.kv().delete(s.key(key))).getDeleted();
    evidence.add("delete ~/" + key + " -> deleted " + deleted);
    GetResponse gone = s.await("get", s.kv().get(s.key(key)));
    evidence.add("get ~/" + key + " -> count " + gone.getCount());
    if (deleted != 1 || gone.getCount() != 0) {
      problems.add("delete of a present key must delete 1 and leave it absent; deleted " + deleted + ", count "
          + gone.getCount());
    }
    long r4 = put(s, key, "3", evidence);
    expect(s, key, r4, r4, 1, problems, evidence);
    return Verdict.of("version 1,2,(deleted),1; create/mod revisions as written", problems, evidence);
  }

  private static long put(Session s, String key, String value, List<String> evidence) throws Exception {
    long rev = s.await("put", s.kv().put(s.key(key), Session.bytes(value))).getHeader().getRevision();
    evidence.add("put ~/" + key + "=" + value + " -> revision " + rev);
    return rev;
  }

  private static void expect(Session s, String key, long create, long mod, long version, List<String> problems,
      List<String> evidence) throws Exception {
    GetResponse r = s.await("get", s.kv().get(s.key(key)));
    if (r.getKvs().size() != 1) {
      problems.add("get ~/" + key + " returned " + r.getKvs().size() + " keys, expected 1");
      return;
    }
    KeyValue kv = r.getKvs().get(0);
    String seen = "create " + kv.getCreateRevision() + ", mod " + kv.getModRevision() + ", version " + kv.getVersion();
    evidence.add("get ~/" + key + " -> " + Session.text(kv.getValue()) + " (" + seen + ")");
    if (kv.getCreateRevision() != create || kv.getModRevision() != mod || kv.getVersion() != version) {
      problems.add("~/" + key + " has " + seen + "; expected create " + create + ", mod " + mod + ", version " + version);
    }
  }
}
