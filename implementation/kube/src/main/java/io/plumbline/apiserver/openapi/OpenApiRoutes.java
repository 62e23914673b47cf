package io.plumbline.apiserver.openapi;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.plumbline.apiserver.api.ApiError;
import io.plumbline.apiserver.api.Json;

/**
 * Serves the OpenAPI documents. {@code /openapi/v2} is JSON only: a client that accepts nothing but
 * the protobuf form ({@code application/com.github.proto-openapi.spec.v2@v1.0+protobuf}, what
 * client-go's discovery asks for) gets 406 NotAcceptable, as kube-apiserver answers an Accept it
 * cannot serve. {@code /openapi/v3/...} is JSON; an unknown group version is 404.
 */
public final class OpenApiRoutes {
  private OpenApiRoutes() {}

  private static final String JSON = "application/json";

  /** Adds the routes to {@code app}. */
  public static void register(Javalin app) {
    OpenApiDocuments docs = new OpenApiDocuments();
    app.get("/openapi/v2", ctx -> {
      if (!acceptsJson(ctx.header("Accept"))) {
        ApiError e = ApiError.ofStatus(406, "only the following media types are accepted: "
            + JSON);
        ctx.status(406).contentType(JSON).result(Json.bytes(e.toStatus()));
        return;
      }
      ctx.contentType(JSON).result(docs.v2());
    });
    app.get("/openapi/v3", ctx -> ctx.contentType(JSON).result(docs.v3Index()));
    app.get("/openapi/v3/<gv>", ctx -> v3(ctx, docs));
  }

  private static void v3(Context ctx, OpenApiDocuments docs) {
    String gv = ctx.pathParam("gv");
    byte[] doc = docs.v3(gv).orElseThrow(() -> ApiError.notFoundPath(
        "the server could not find the requested resource (openapi/v3/" + gv + ")"));
    ctx.contentType(JSON).result(doc);
  }

  /** Whether an Accept header admits JSON ({@code application/json}, wildcards, or none). */
  static boolean acceptsJson(String accept) {
    if (accept == null || accept.isBlank()) {
      return true;
    }
    for (String range : accept.split(",")) {
      String type = range.split(";")[0].strip().toLowerCase();
      if (type.equals(JSON) || type.equals("application/*") || type.equals("*/*")) {
        return true;
      }
    }
    return false;
  }
}
