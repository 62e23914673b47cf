package io.plumbline.conformance.robustness;

import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.MaintenanceGrpc;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RangeRequest;
import io.etcd.jetcd.api.RangeResponse;
import io.etcd.jetcd.api.StatusRequest;
import io.etcd.jetcd.api.StatusResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * The probe after every batch: every member answers Status within the deadline and names the same
 * leader, and a put followed by a linearizable get of the same key (through the first member)
 * returns the value put. A problem is one line naming the member and what went wrong.
 */
final class Liveness {
  private Liveness() {}

  /**
   * What the probe saw.
   *
   * @param leader the leader all members named, 0 when none or they disagree
   * @param term the highest Raft term a member reported
   * @param problems empty when live
   */
  record Report(long leader, long term, List<String> problems) {
    boolean live() {
      return problems.isEmpty();
    }
  }

  static Report probe(Target t, String key, String value) {
    Report leadership = leadership(t);
    List<String> problems = new ArrayList<>(leadership.problems());
    try {
      t.call(0, KVGrpc.getPutMethod(), PutRequest.newBuilder().setKey(ByteString.copyFromUtf8(key))
          .setValue(ByteString.copyFromUtf8(value)).build());
      RangeResponse r = t.call(0, KVGrpc.getRangeMethod(), RangeRequest.newBuilder()
          .setKey(ByteString.copyFromUtf8(key)).build());
      if (r.getKvsCount() != 1 || !r.getKvs(0).getValue().toStringUtf8().equals(value)) {
        problems.add(t.endpoints().get(0) + " linearizable get of " + key + " after put " + value + " returned "
            + Methods.shortText(r));
      }
    } catch (RuntimeException e) {
      problems.add(t.endpoints().get(0) + " put/get: " + Target.code(e) + " " + e.getMessage());
    }
    return new Report(problems.isEmpty() ? leadership.leader() : 0, leadership.term(), problems);
  }

  /**
   * Status of every member only (no write): the leader they agree on, the highest Raft term any reports (terms
   * only rise, so a term above an earlier probe's means an election happened in between, even when the same
   * member won it), and a problem per member that knows no leader, names another, or does not answer.
   */
  static Report leadership(Target t) {
    List<String> problems = new ArrayList<>();
    long leader = -1;
    long term = 0;
    for (int i = 0; i < t.size(); i++) {
      try {
        StatusResponse s = t.call(i, MaintenanceGrpc.getStatusMethod(), StatusRequest.getDefaultInstance());
        term = Math.max(term, s.getRaftTerm());
        if (s.getLeader() == 0) {
          problems.add(t.endpoints().get(i) + " knows no leader");
        } else if (leader != -1 && leader != s.getLeader()) {
          problems.add(t.endpoints().get(i) + " names leader " + Long.toHexString(s.getLeader()) + ", another "
              + Long.toHexString(leader));
        }
        leader = s.getLeader() == 0 ? leader : s.getLeader();
      } catch (RuntimeException e) {
        problems.add(t.endpoints().get(i) + " Status: " + Target.code(e) + " " + e.getMessage());
      }
    }
    return new Report(problems.isEmpty() ? leader : 0, term, problems);
  }
}
