package io.plumbline.store.server;

import io.grpc.ServerCredentials;
import io.grpc.internal.ObjectPool;
import io.grpc.netty.shaded.io.grpc.netty.GrpcHttp2ConnectionHandler;
import io.grpc.netty.shaded.io.grpc.netty.InternalNettyServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.InternalProtocolNegotiator;
import io.grpc.netty.shaded.io.grpc.netty.ProtocolNegotiationEvent;
import io.grpc.netty.shaded.io.netty.buffer.ByteBuf;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandler;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.handler.codec.ByteToMessageDecoder;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpObjectAggregator;
import io.grpc.netty.shaded.io.netty.handler.codec.http.HttpServerCodec;
import io.grpc.netty.shaded.io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * gRPC and plain HTTP/1.1 on one port, as etcd serves its client URL. gRPC clients open with HTTP/2's
 * prior-knowledge preface ({@code PRI * HTTP/2.0}) or a TLS handshake; curl and Prometheus open with an HTTP/1.1
 * request line. The first bytes of each connection decide: an HTTP/1.1 method goes to the HTTP handlers, anything
 * else to gRPC's own negotiation, untouched (so junk still meets gRPC's HTTP/2 handling). Built as a wrapper of
 * the server's credentials, the hook grpc-netty gives for a connection's first handler: whatever credentials the
 * server uses (plaintext today) keep working, and HTTP rides only on connections that are not TLS.
 */
final class HttpOnClientPort {
  /** Request lines of HTTP/1.1 methods, by their first four bytes. */
  private static final List<String> HTTP1_STARTS = List.of("GET ", "HEAD", "POST", "PUT ", "DELE", "OPTI", "PATC");
  private static final byte TLS_HANDSHAKE = 0x16;
  /** etcd's /metrics and /health bodies are small; requests larger than this are refused by the aggregator. */
  private static final int MAX_HTTP_REQUEST_BYTES = 64 * 1024;

  private HttpOnClientPort() {}

  /** {@code grpc}'s credentials, with HTTP/1.1 connections handed to a new handler from {@code http}. */
  static ServerCredentials wrap(ServerCredentials grpc, Supplier<ChannelHandler> http) {
    InternalProtocolNegotiator.ServerFactory inner = InternalNettyServerCredentials.toNegotiator(grpc);
    return InternalNettyServerCredentials.create(new InternalProtocolNegotiator.ServerFactory() {
      @Override
      public InternalProtocolNegotiator.ProtocolNegotiator newNegotiator(ObjectPool<? extends Executor> pool) {
        return new Negotiator((InternalProtocolNegotiator.ProtocolNegotiator) inner.newNegotiator(pool), http);
      }
    });
  }

  private record Negotiator(InternalProtocolNegotiator.ProtocolNegotiator grpc, Supplier<ChannelHandler> http)
      implements InternalProtocolNegotiator.ProtocolNegotiator {
    @Override
    public AsciiString scheme() {
      return grpc.scheme();
    }

    @Override
    public ChannelHandler newHandler(GrpcHttp2ConnectionHandler grpcHandler) {
      return new Sniffer(grpc.newHandler(grpcHandler), http);
    }

    @Override
    public void close() {
      grpc.close();
    }
  }

  /**
   * The connection's first handler: holds gRPC's negotiation event until the first bytes arrive, then puts either
   * gRPC's negotiation handler (and hands it the event) or the HTTP/1.1 pipeline in its place; the bytes it held
   * go on to whichever it chose.
   */
  private static final class Sniffer extends ByteToMessageDecoder {
    private final ChannelHandler grpc;
    private final Supplier<ChannelHandler> http;
    private Object negotiation;

    Sniffer(ChannelHandler grpc, Supplier<ChannelHandler> http) {
      this.grpc = grpc;
      this.http = http;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
      if (evt instanceof ProtocolNegotiationEvent && negotiation == null) {
        negotiation = evt; // gRPC starts its negotiation with this event: it waits until the protocol is known
        return;
      }
      super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
      boolean tls = in.isReadable() && in.getByte(in.readerIndex()) == TLS_HANDSHAKE;
      if (!tls && in.readableBytes() < 4) {
        return;
      }
      String start = in.toString(in.readerIndex(), Math.min(4, in.readableBytes()), StandardCharsets.US_ASCII);
      if (!tls && HTTP1_STARTS.contains(start)) {
        ctx.pipeline().addAfter(ctx.name(), "http1-codec", new HttpServerCodec())
            .addAfter("http1-codec", "http1-aggregator", new HttpObjectAggregator(MAX_HTTP_REQUEST_BYTES))
            .addAfter("http1-aggregator", "http1-endpoints", http.get());
      } else {
        ctx.pipeline().addAfter(ctx.name(), null, grpc);
        if (negotiation != null) {
          ctx.fireUserEventTriggered(negotiation);
        }
      }
      ctx.pipeline().remove(this); // hands the bytes read so far to the handler chosen
    }
  }
}
