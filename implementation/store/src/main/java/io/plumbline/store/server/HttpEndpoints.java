package io.plumbline.store.server;

import io.grpc.netty.shaded.io.netty.buffer.ByteBuf;
import io.grpc.netty.shaded.io.netty.buffer.ByteBufOutputStream;
import io.grpc.netty.shaded.io.netty.buffer.Unpooled;
import io.grpc.netty.shaded.io.netty.channel.ChannelFutureListener;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.SimpleChannelInboundHandler;
import io.grpc.netty.shaded.io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.grpc.netty.shaded.io.netty.handler.codec.http.FullHttpRequest;
import io.grpc.netty.shaded.io.netty.handler.codec.http.FullHttpResponse;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpHeaderNames;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpResponseStatus;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpUtil;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpVersion;
import io.plumbline.store.node.StoreNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * etcd 3.4's HTTP endpoints on the client URL, with its bodies and content types: {@code /health}
 * ({@code {"health":"true"}} when the member has a leader and a linearizable read barrier completes within a
 * second, else {@code {"health":"false"}} with 503), {@code /version} ({@code {"etcdserver":…,"etcdcluster":…}}),
 * {@code /metrics} (Prometheus text format, {@link ClientMetrics}); anything else is 404 "404 page not found".
 * One instance per connection.
 */
final class HttpEndpoints extends SimpleChannelInboundHandler<FullHttpRequest> {
  /** etcd's /health waits this long for its read through Raft. */
  private static final long HEALTH_TIMEOUT_MS = 1000;
  private final StoreNode node;
  private final ClientMetrics metrics;

  HttpEndpoints(StoreNode node, ClientMetrics metrics) {
    this.node = node;
    this.metrics = metrics;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) throws IOException {
    boolean keepAlive = HttpUtil.isKeepAlive(req);
    switch (URI.create(req.uri()).getPath()) {
      case "/health" -> health(ctx, keepAlive);
      case "/version" -> send(ctx, keepAlive, HttpResponseStatus.OK, "application/json",
          text("{\"etcdserver\":\"" + MaintenanceService.VERSION + "\",\"etcdcluster\":\""
              + SnapshotFile.CLUSTER_VERSION + "\"}"));
      case "/metrics" -> {
        ByteBuf body = Unpooled.buffer();
        try (ByteBufOutputStream out = new ByteBufOutputStream(body)) {
          metrics.write(out);
        }
        send(ctx, keepAlive, HttpResponseStatus.OK, ClientMetrics.contentType(), body);
      }
      default -> send(ctx, keepAlive, HttpResponseStatus.NOT_FOUND, "text/plain; charset=utf-8",
          text("404 page not found\n"));
    }
  }

  /** Answered when the read barrier completes or fails, off the event loop. */
  private void health(ChannelHandlerContext ctx, boolean keepAlive) {
    if (node.leader() == null) {
      sendHealth(ctx, keepAlive, false);
      return;
    }
    node.readBarrier().orTimeout(HEALTH_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .whenComplete((ok, err) -> sendHealth(ctx, keepAlive, err == null));
  }

  private static void sendHealth(ChannelHandlerContext ctx, boolean keepAlive, boolean healthy) {
    send(ctx, keepAlive, healthy ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
        "text/plain; charset=utf-8", text("{\"health\":\"" + healthy + "\"}"));
  }

  private static ByteBuf text(String s) {
    return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
  }

  private static void send(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status,
      String contentType, ByteBuf body) {
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType)
        .set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
        .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
        .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "POST, GET, OPTIONS, PUT, DELETE")
        .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, "accept, content-type, authorization");
    HttpUtil.setKeepAlive(r, keepAlive);
    var written = ctx.writeAndFlush(r);
    if (!keepAlive) {
      written.addListener(ChannelFutureListener.CLOSE);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close(); // a malformed request or a closed peer: nothing to answer
  }
}
