import com.google.protobuf.ByteString;
import io.etcd.jetcd.api.KVGrpc;
import io.etcd.jetcd.api.MaintenanceGrpc;
import io.etcd.jetcd.api.PutRequest;
import io.etcd.jetcd.api.RequestOp;
import io.etcd.jetcd.api.StatusRequest;
import io.etcd.jetcd.api.TxnRequest;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sends one txn nested DEPTH levels to the first endpoint and prints how long the answer took and every
 * member's leader and term before and after (ten seconds later). Usage (java's source launcher, the CLI jar
 * on the class path): java -cp cli/target/plumbline.jar scripts/MeasureNestedTxn.java DEPTH URL,URL,URL
 */
public class MeasureNestedTxn {
  public static void main(String[] args) throws Exception {
    int depth = Integer.parseInt(args[0]);
    String[] urls = args[1].split(",");
    System.out.println("before: " + leaders(urls));
    TxnRequest t = TxnRequest.newBuilder().addSuccess(put(depth)).build();
    for (int i = depth - 1; i > 0; i--) {
      t = TxnRequest.newBuilder().addSuccess(put(i)).addSuccess(RequestOp.newBuilder().setRequestTxn(t)).build();
    }
    ManagedChannel ch = channel(urls[0]);
    long t0 = System.nanoTime();
    String answer;
    try {
      answer = "OK succeeded=" + KVGrpc.newBlockingStub(ch).withDeadlineAfter(30, TimeUnit.SECONDS).txn(t).getSucceeded();
    } catch (io.grpc.StatusRuntimeException e) {
      answer = e.getStatus().getCode() + " " + e.getStatus().getDescription();
    }
    System.out.printf("depth %d (%d bytes): %s after %d ms%n", depth, t.getSerializedSize(), answer,
        (System.nanoTime() - t0) / 1_000_000);
    ch.shutdownNow();
    Thread.sleep(10_000);
    System.out.println("after 10 s: " + leaders(urls));
  }

  static List<String> leaders(String[] urls) {
    List<String> out = new ArrayList<>();
    for (String u : urls) {
      ManagedChannel ch = channel(u);
      try {
        var r = MaintenanceGrpc.newBlockingStub(ch).withDeadlineAfter(3, TimeUnit.SECONDS).status(StatusRequest.getDefaultInstance());
        out.add("leader=" + Long.toUnsignedString(r.getLeader(), 16) + " term=" + r.getRaftTerm());
      } catch (RuntimeException e) {
        out.add("no answer (" + io.grpc.Status.fromThrowable(e).getCode() + ")");
      } finally {
        ch.shutdownNow();
      }
    }
    return out;
  }

  static ManagedChannel channel(String url) {
    java.net.URI u = java.net.URI.create(url);
    return ManagedChannelBuilder.forAddress(u.getHost(), u.getPort()).usePlaintext().build();
  }

  static RequestOp put(int i) {
    return RequestOp.newBuilder().setRequestPut(PutRequest.newBuilder().setKey(ByteString.copyFromUtf8("/nested/" + i))
        .setValue(ByteString.copyFromUtf8("v"))).build();
  }
}
