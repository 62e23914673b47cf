package io.plumbline.conformance.hostile;

import io.etcd.jetcd.api.HashKVRequest;
import io.etcd.jetcd.api.HashRequest;
import io.etcd.jetcd.api.MaintenanceGrpc;
import io.grpc.Status;
import io.plumbline.conformance.Check;
import io.plumbline.conformance.RawChannel;
import io.plumbline.conformance.Session;
import io.plumbline.conformance.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Maintenance requests through a plain gRPC stub, answered as etcd 3.4 answers them: Hash is implemented, HashKV
 * at a revision the member has not reached is OUT_OF_RANGE with mvcc's future-revision message.
 */
final class MaintenanceRequests implements Check {
  @Override
  public String name() {
    return "maintenance-requests";
  }

  @Override
  public String description() {
    return "Maintenance Hash answers, HashKV at a future revision is refused as etcd 3.4 refuses it";
  }

  @Override
  public Verdict run(Session s) throws Exception {
    List<String> ev = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    long future = s.currentRevision() + (1L << 30);
    try (RawChannel raw = new RawChannel(s.options().endpoints().get(0), s.options().tls())) {
      java.util.function.Supplier<MaintenanceGrpc.MaintenanceBlockingStub> m = () -> MaintenanceGrpc
          .newBlockingStub(raw.channel()).withDeadlineAfter(s.options().callTimeout().toMillis(), TimeUnit.MILLISECONDS);
      for (RequestCase c : List.of(
          RequestCase.ok("Hash", "header=true", () -> "header=" + m.get().hash(HashRequest.getDefaultInstance()).hasHeader()),
          RequestCase.ok("HashKV at revision 0 (now)", "header=true",
              () -> "header=" + m.get().hashKV(HashKVRequest.getDefaultInstance()).hasHeader()),
          RequestCase.refused("HashKV at current revision + 2^30", Status.Code.OUT_OF_RANGE,
              "etcdserver: mvcc: required revision is a future revision",
              () -> m.get().hashKV(HashKVRequest.newBuilder().setRevision(future).build())))) {
        String p = c.check(ev);
        if (p != null) {
          problems.add(p);
        }
      }
    }
    return Verdict.of(ev.size() + " maintenance requests answered as etcd 3.4 answers them", problems, ev);
  }
}
