package io.plumbline.store.server;

import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads of the client port, apart from those that carry Raft traffic. gRPC's default puts every
 * server and channel of a process on one shared event-loop group, and the store once ran handlers right
 * on it: one costly client request stalled heartbeats and the member lost its leader. Here the client
 * port has its own event loops, and handlers (request parsing and checks included) run on a pool of
 * their own, so no client request can hold a thread that peer messages need.
 */
final class ClientThreads implements AutoCloseable {
  /** Requests waiting for a handler thread; past it the event loop runs the handler itself (slows the client down). */
  private static final int MAX_QUEUED_REQUESTS = 65_536;
  private final EventLoopGroup boss = new NioEventLoopGroup(1, new DefaultThreadFactory("client-accept", true));
  private final EventLoopGroup workers = new NioEventLoopGroup(2, new DefaultThreadFactory("client-io", true));
  private final ThreadPoolExecutor handlers;

  ClientThreads() {
    int n = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    handlers = new ThreadPoolExecutor(n, n, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(MAX_QUEUED_REQUESTS),
        new DefaultThreadFactory("client-handler", true), new ThreadPoolExecutor.CallerRunsPolicy());
  }

  /** {@code b} on these threads. */
  NettyServerBuilder apply(NettyServerBuilder b) {
    return b.bossEventLoopGroup(boss).workerEventLoopGroup(workers).channelType(NioServerSocketChannel.class)
        .executor(handlers);
  }

  @Override
  public void close() {
    handlers.shutdownNow();
    boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }
}
