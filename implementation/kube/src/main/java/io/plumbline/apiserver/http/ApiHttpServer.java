package io.plumbline.apiserver.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.plumbline.apiserver.api.ApiError;
import io.plumbline.apiserver.api.Json;
import io.plumbline.apiserver.api.Resources;
import io.plumbline.apiserver.api.ObjectService;
import io.plumbline.apiserver.openapi.OpenApiRoutes;
import io.plumbline.apiserver.store.StoreFailure;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of the API server (Javalin on Jetty). Every {@code /api/...} and
 * {@code /apis/...} path goes through one dispatcher, which parses it into a
 * {@link RequestTarget}; Javalin's own path patterns cannot tell {@code namespaces/x/status} from
 * {@code namespaces/x/pods}.
 */
public final class ApiHttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ApiHttpServer.class);

  private final Javalin app;
  private final ResourceHandler resources;
  private final BooleanSupplier ready;
  private final Fencing fencing;
  private final RequestAuth auth;
  private final AccessReviews accessReviews;
  private volatile String servedBy = "";

  /**
   * The response header naming the API server that answered ({@code host:port} it listens on), so
   * a client behind a load balancer can record which server served each request (chaos reports
   * show it, as etcd's response header carries the member id).
   */
  public static final String SERVED_BY = "Plumbline-Served-By";

  /** Events a watch may hold for a slow client before it is ended with an ERROR. */
  private static final int WATCH_QUEUE_CAPACITY = 10_000;
  /** An idle watch writes a newline this often, to notice clients that went away. */
  private static final long WATCH_HEARTBEAT_MS = 5_000;

  public ApiHttpServer(ObjectService objects, Fencing fencing, long watchBookmarkMs,
      BooleanSupplier ready) {
    this(objects, fencing, watchBookmarkMs, ready, RequestAuth.OPEN);
  }

  /** As above, each request authenticated and authorized by {@code auth}, HTTPS when it says so. */
  public ApiHttpServer(ObjectService objects, Fencing fencing, long watchBookmarkMs,
      BooleanSupplier ready, RequestAuth auth) {
    this.ready = ready;
    this.auth = auth;
    this.accessReviews = new AccessReviews(auth.authorizer());
    this.fencing = fencing;
    this.resources = new ResourceHandler(objects,
        new WatchResponder(objects, new WatchResponder.WatchSettings(WATCH_QUEUE_CAPACITY,
            Math.min(WATCH_HEARTBEAT_MS, watchBookmarkMs), watchBookmarkMs)),
        fencing);
    this.app = Javalin.create(config -> {
      config.showJavalinBanner = false;
      config.startupWatcherEnabled = false;
      config.http.disableCompression();
      auth.tls().ifPresent(tls -> tls.install(config));
    });
    routes();
  }

  /** Starts listening; {@code port} 0 picks a free port (see {@link #port()}). */
  public ApiHttpServer start(String host, int port) {
    auth.tls().ifPresent(tls -> tls.bindTo(host, port));
    app.start(host, port);
    servedBy = host + ":" + port();
    return this;
  }

  public int port() {
    return auth.tls().map(ServerTls::port).orElseGet(app::port);
  }

  private void routes() {
    AuthFilter filter = new AuthFilter(auth.authenticator(), auth.authorizer());
    app.before(ctx -> ctx.header(SERVED_BY, servedBy));
    app.before(filter::check);
    app.get("/version", ctx -> ResourceHandler.send(ctx, 200, Discovery.version()));
    // healthz checks the store too, so a load balancer drops a server cut off from it
    app.get("/healthz", this::storeCheck);
    app.get("/readyz", this::storeCheck);
    app.get("/livez", ctx -> ctx.result("ok"));
    // fencing accounting of this API server, for chaos checks (counts since its start)
    app.get("/debug/fencing", ctx -> ResourceHandler.send(ctx, 200,
        fencing instanceof LeaseFencing lease ? lease.accounting() : Json.object()));
    OpenApiRoutes.register(app);
    app.get("/api", ctx -> ResourceHandler.send(ctx, 200,
        Discovery.coreVersions(ctx.host() == null ? "127.0.0.1:" + port() : ctx.host())));
    app.get("/apis", ctx -> ResourceHandler.send(ctx, 200, Discovery.groups()));
    for (HandlerType method : List.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT,
        HandlerType.PATCH, HandlerType.DELETE)) {
      app.addHttpHandler(method, "/api/<rest>", ctx -> dispatch(ctx, method, ""));
      app.addHttpHandler(method, "/apis/<rest>", ctx -> dispatch(ctx, method, null));
    }
    app.exception(ApiError.class, (e, ctx) -> ResourceHandler.send(ctx, e.code(), e.toStatus()));
    // Javalin's own errors (its 404 for unrouted paths, 405, its body-size check) become Status objects too
    app.exception(io.javalin.http.HttpResponseException.class, (e, ctx) ->
        ResourceHandler.send(ctx, e.getStatus(), ApiError.ofStatus(e.getStatus(), e.getMessage()).toStatus()));
    app.error(404, ctx -> statusUnlessJson(ctx, "the server could not find the requested resource"));
    app.error(405, ctx -> statusUnlessJson(ctx, ctx.method() + " is not supported"));
    app.exception(StoreFailure.class, (e, ctx) -> {
      ApiError error = e.isTimeout() ? ApiError.timeout(e.getMessage())
          : ApiError.unavailable(e.getMessage());
      ResourceHandler.send(ctx, error.code(), error.toStatus());
    });
    app.exception(Exception.class, (e, ctx) -> {
      LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
      ApiError error = ApiError.internal(String.valueOf(e));
      ResourceHandler.send(ctx, 500, error.toStatus());
    });
  }

  /** An error Javalin answered itself (no handler ran) gets a Status body; our own Status bodies are kept. */
  private static void statusUnlessJson(Context ctx, String message) {
    String type = ctx.res().getContentType();
    if (type == null || !type.startsWith("application/json")) {
      ResourceHandler.send(ctx, ctx.statusCode(), ApiError.ofStatus(ctx.statusCode(), message).toStatus());
    }
  }

  private void storeCheck(Context ctx) {
    boolean ok = ready.getAsBoolean();
    ctx.status(ok ? 200 : 500).result(ok ? "ok" : "[-]etcd failed: store unreachable");
  }

  /** {@code core} is "" for {@code /api/v1/...}, null for {@code /apis/<group>/...}. */
  private void dispatch(Context ctx, HandlerType method, String core) throws Exception {
    List<String> segments = RequestTarget.segments(ctx.pathParam("rest"));
    String group = core != null ? core : segments.get(0);
    List<String> rest = core != null ? segments : segments.subList(1, segments.size());
    if (core == null && group.equals(AccessReviews.GROUP) && rest.size() > 1) {
      requireVersion(rest.get(0));
      accessReviews.handle(ctx, method.name(), rest.subList(1, rest.size()));
      return;
    }
    if (core == null && !Discovery.servedGroups().contains(group)) {
      throw ApiError.notFoundPath("the server could not find the requested resource (group "
          + group + ")");
    }
    if (rest.isEmpty()) {
      requireGet(method);
      ResourceHandler.send(ctx, 200, Discovery.group(group));
      return;
    }
    String version = rest.get(0);
    requireVersion(version);
    Optional<RequestTarget> target = RequestTarget.parse(group, version,
        rest.subList(1, rest.size()));
    if (target.isEmpty()) {
      requireGet(method);
      ResourceHandler.send(ctx, 200, Discovery.resources(group, version));
      return;
    }
    RequestTarget t = target.get();
    switch (method) {
      case GET -> resources.get(ctx, t);
      case POST -> resources.post(ctx, t);
      case PUT -> resources.put(ctx, t);
      case PATCH -> resources.patch(ctx, t);
      case DELETE -> resources.delete(ctx, t);
      default -> throw ApiError.methodNotAllowed(method + " is not supported");
    }
  }

  private static void requireVersion(String version) {
    if (!version.equals("v1")) {
      throw ApiError.notFoundPath("the server could not find the requested resource (version "
          + version + ")");
    }
  }

  private static void requireGet(HandlerType method) {
    if (method != HandlerType.GET) {
      throw ApiError.methodNotAllowed(method + " is not supported on discovery documents");
    }
  }

  @Override
  public void close() {
    app.stop();
  }
}
