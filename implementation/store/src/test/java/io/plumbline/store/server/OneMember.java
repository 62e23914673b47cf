package io.plumbline.store.server;

import static org.awaitility.Awaitility.await;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.BlockingQueue;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The fixture of tests that talk raw gRPC to one member ({@code @RegisterExtension final OneMember member = new
 * OneMember();}): before each test a one-member {@link LocalCluster} in a fresh directory, once it leads, and a
 * plain-text channel to its client port; after it, both shut down and the directory deleted.
 */
final class OneMember implements BeforeEachCallback, AfterEachCallback {
  private final UnaryOperator<NettyChannelBuilder> tune;
  private Path dir;
  private LocalCluster cluster;
  private ManagedChannel channel;

  OneMember() {
    this(b -> b);
  }

  /** {@code tune} sets up the channel (a small flow-control window, say). */
  OneMember(UnaryOperator<NettyChannelBuilder> tune) {
    this.tune = tune;
  }

  LocalCluster cluster() {
    return cluster;
  }

  ManagedChannel channel() {
    return channel;
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    dir = Files.createTempDirectory("one-member");
    cluster = new LocalCluster(1, dir, c -> c);
    await().atMost(Duration.ofSeconds(30)).until(() -> cluster.leader() == 0);
    int port = cluster.configs.get(0).clientUrl().getPort();
    channel = tune.apply(NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext()).build();
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    try {
      if (channel != null) {
        channel.shutdownNow();
      }
      if (cluster != null) {
        cluster.close();
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
          Files.deleteIfExists(p);
        }
      } catch (IOException e) {
        // a file still held open: left in the temporary directory
      }
    }
  }

  /** A stream observer that queues what arrives, and errors (as the Throwable) into {@code errors} unless null. */
  static <T> StreamObserver<T> into(BlockingQueue<? super T> seen, BlockingQueue<? super Throwable> errors) {
    return new StreamObserver<>() {
      @Override
      public void onNext(T r) {
        seen.add(r);
      }

      @Override
      public void onError(Throwable t) {
        if (errors != null) {
          errors.add(t);
        }
      }

      @Override
      public void onCompleted() {}
    };
  }
}
