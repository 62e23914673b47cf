package io.plumbline.apiserver.http;

import io.javalin.http.Context;
import io.plumbline.apiserver.api.ApiError;
import io.plumbline.apiserver.api.FieldSelector;
import io.plumbline.apiserver.api.Json;
import io.plumbline.apiserver.api.LabelSelector;
import io.plumbline.apiserver.api.ObjectService;
import io.plumbline.apiserver.api.ObjectWatch;
import io.plumbline.apiserver.api.Tables;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

/**
 * Streams a watch as chunked JSON, one {@code {"type","object"}} per line, on the request's own
 * thread until the client goes away, {@code timeoutSeconds} passes, or the watch ends with an
 * ERROR. When idle it writes a bare newline every {@code heartbeatMs}: JSON stream decoders skip
 * whitespace, and the write is how a vanished client is noticed (Jetty reports nothing otherwise).
 */
final class WatchResponder {
  private final ObjectService objects;
  private final WatchSettings settings;

  /** Bounds and intervals of every watch stream. */
  record WatchSettings(int queueCapacity, long heartbeatMs, long bookmarkIntervalMs) {}

  WatchResponder(ObjectService objects, WatchSettings settings) {
    this.objects = objects;
    this.settings = settings;
  }

  void stream(Context ctx, RequestTarget t, LabelSelector labels, FieldSelector fields,
      boolean asTable) throws InterruptedException {
    long deadline = deadline(ctx.queryParam("timeoutSeconds"));
    boolean bookmarks = "true".equals(ctx.queryParam("allowWatchBookmarks"));
    try (ObjectWatch watch = ObjectWatch.start(objects, t.type(), t.namespace(), labels, fields,
        ctx.queryParam("resourceVersion"), settings.queueCapacity())) {
      HttpServletResponse res = ctx.res();
      res.setStatus(200);
      res.setContentType("application/json");
      ServletOutputStream out = res.getOutputStream();
      res.flushBuffer();
      pump(watch, out, deadline, bookmarks, asTable ? t : null);
    } catch (IOException clientGone) {
      // the client closed the stream: nothing to answer
    }
  }

  /** Streams events; with {@code tableOf} set, object events carry a one-row Table instead. */
  /** The stream's end in {@link System#nanoTime()} terms; a bad value is a 400 before streaming. */
  private static long deadline(String timeoutSeconds) {
    if (timeoutSeconds == null) {
      return Long.MAX_VALUE;
    }
    try {
      long seconds = Long.parseLong(timeoutSeconds);
      if (seconds < 0) {
        throw new NumberFormatException("negative");
      }
      return System.nanoTime() + Math.min(seconds, 365L * 24 * 3600) * 1_000_000_000L;
    } catch (NumberFormatException e) {
      throw ApiError.badRequest("invalid timeoutSeconds: " + timeoutSeconds);
    }
  }

  private ObjectWatch.Event asTable(ObjectWatch.Event event, RequestTarget tableOf) {
    boolean objectEvent = !event.type().equals("ERROR") && !event.type().equals("BOOKMARK");
    if (tableOf == null || !objectEvent) {
      return event;
    }
    return new ObjectWatch.Event(event.type(), Tables.table(tableOf.type(), List.of(event.object()),
        Json.text(event.object(), "metadata.resourceVersion"), objects.now()));
  }

  private void pump(ObjectWatch watch, ServletOutputStream out, long deadline, boolean bookmarks,
      RequestTarget tableOf) throws IOException, InterruptedException {
    long nextBookmark = System.nanoTime() + settings.bookmarkIntervalMs() * 1_000_000L;
    while (!watch.isFinished() && System.nanoTime() < deadline) {
      ObjectWatch.Event event = watch.next(settings.heartbeatMs());
      if (event == null && bookmarks && System.nanoTime() >= nextBookmark) {
        event = watch.bookmark();
        nextBookmark = System.nanoTime() + settings.bookmarkIntervalMs() * 1_000_000L;
      }
      if (event != null && (bookmarks || !event.type().equals("BOOKMARK"))) {
        out.write(Json.bytes(asTable(event, tableOf).toJson()));
      }
      out.write('\n');
      out.flush();
    }
  }
}
