package io.plumbline.apiserver.http;

import io.javalin.http.Context;
import io.plumbline.apiserver.api.ApiError;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads a request body up to kube-apiserver's limit (3 MiB), whatever the transfer encoding: a
 * declared Content-Length past the limit is refused before anything is read, and a chunked body is
 * read only until it passes the limit, so a client streaming gigabytes costs at most 3 MiB of
 * memory. Past the limit: 413 with reason RequestEntityTooLarge.
 */
final class BoundedBody {
  /** kube-apiserver's maxRequestBodyBytes (3 MiB). */
  static final int MAX_BODY_BYTES = 3 * 1024 * 1024;

  private static final String CACHE = "plumbline.body";

  private BoundedBody() {}

  static byte[] read(Context ctx) {
    byte[] cached = ctx.attribute(CACHE);
    if (cached != null) {
      return cached; // read before the handler (the escalation check); the stream is consumed
    }
    long declared = ctx.req().getContentLengthLong();
    if (declared > MAX_BODY_BYTES) {
      throw tooLarge(ctx);
    }
    try (InputStream in = ctx.req().getInputStream()) {
      byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES) {
        throw tooLarge(ctx);
      }
      ctx.attribute(CACHE, body);
      return body;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the request body", e);
    }
  }

  /** The connection is closed after the answer: the rest of the body is never read. */
  private static ApiError tooLarge(Context ctx) {
    ctx.header("Connection", "close");
    return ApiError.requestEntityTooLarge(MAX_BODY_BYTES);
  }
}
