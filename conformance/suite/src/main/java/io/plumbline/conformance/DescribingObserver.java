package io.plumbline.conformance;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

/**
 * The answers of a raw gRPC stream, each described as one line in a queue as it arrives: what the server
 * sent, then {@code error <status>} or {@code completed}. Checks read it with a deadline.
 */
public final class DescribingObserver<T> implements StreamObserver<T> {
  private final Function<T, String> describe;
  private final LinkedBlockingQueue<String> seen = new LinkedBlockingQueue<>();

  public DescribingObserver(Function<T, String> describe) {
    this.describe = describe;
  }

  /** The lines so far, oldest first; poll it with a timeout. */
  public LinkedBlockingQueue<String> seen() {
    return seen;
  }

  @Override
  public void onNext(T answer) {
    seen.add(describe.apply(answer));
  }

  @Override
  public void onError(Throwable t) {
    seen.add("error " + Status.fromThrowable(t));
  }

  @Override
  public void onCompleted() {
    seen.add("completed");
  }
}
