package io.plumbline.apiserver.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * An error the API server answers with a Kubernetes {@code Status} object. The reasons and codes
 * are Kubernetes' own, so clients (kubectl, client-go) react to them as they would to a real
 * cluster.
 */
public final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** One field problem inside a 422 Invalid answer. */
  public record Cause(String field, String reason, String message) {}

  private final int code;
  private final String reason;
  private final transient ObjectNode details;

  private ApiError(int code, String reason, String message, ObjectNode details) {
    super(message);
    this.code = code;
    this.reason = reason;
    this.details = details;
  }

  public int code() {
    return code;
  }

  public String reason() {
    return reason;
  }

  public static ApiError notFound(ResourceType type, String name) {
    return new ApiError(404, "NotFound", qualified(type, name) + " not found",
        details(type, name));
  }

  /** A URL naming no resource this server serves. */
  public static ApiError notFoundPath(String message) {
    return new ApiError(404, "NotFound", message, null);
  }

  public static ApiError alreadyExists(ResourceType type, String name) {
    return new ApiError(409, "AlreadyExists", qualified(type, name) + " already exists",
        details(type, name));
  }

  /** A stale resourceVersion or a failed precondition. */
  public static ApiError conflict(ResourceType type, String name, String why) {
    return new ApiError(409, "Conflict",
        "Operation cannot be fulfilled on " + qualified(type, name) + ": " + why,
        details(type, name));
  }

  public static ApiError invalid(ResourceType type, String name, List<Cause> causes) {
    ObjectNode details = details(type, name).put("kind", type.kind());
    ArrayNode list = details.putArray("causes");
    StringBuilder message = new StringBuilder();
    for (Cause c : causes) {
      list.addObject().put("reason", c.reason()).put("message", c.message())
          .put("field", c.field());
      message.append(message.length() == 0 ? "" : ", ").append(c.field()).append(": ")
          .append(c.message());
    }
    return new ApiError(422, "Invalid",
        type.kind() + " \"" + name + "\" is invalid: " + message, details);
  }

  /**
   * Invalid request options ({@code CreateOptions}, {@code DeleteOptions}, …), answered as
   * kube-apiserver does: 422 Invalid on {@code <kind>.meta.k8s.io ""}.
   */
  public static ApiError invalidOptions(String kind, Cause cause) {
    ObjectNode details = Json.object().put("name", "").put("group", "meta.k8s.io")
        .put("kind", kind);
    details.putArray("causes").addObject().put("reason", cause.reason())
        .put("message", cause.message()).put("field", cause.field());
    return new ApiError(422, "Invalid", kind + ".meta.k8s.io \"\" is invalid: " + cause.field()
        + ": " + cause.message(), details);
  }

  /** How the message of {@link #fenced} begins: a client tells the fence's refusal from a conflict by it. */
  public static final String FENCED_OFF = "write fenced off";

  /** Whether an answer with this status code and Status message is {@link #fenced}'s refusal. */
  public static boolean isFencedOff(int code, String message) {
    return code == 409 && message != null && message.startsWith(FENCED_OFF);
  }

  /**
   * A fenced write from a deposed leader: it claims lease generation {@code claimed} of
   * {@code lease}, which has since moved on to {@code current}.
   */
  public static ApiError fenced(String lease, long claimed, String current) {
    return new ApiError(409, "Conflict", FENCED_OFF + ": it carries generation " + claimed
        + " of lease " + lease + ", whose generation is now " + current, null);
  }

  public static ApiError badRequest(String message) {
    return new ApiError(400, "BadRequest", message, null);
  }

  /** A request body past the server's limit (kube-apiserver's wording and reason). */
  public static ApiError requestEntityTooLarge(long limitBytes) {
    return new ApiError(413, "RequestEntityTooLarge", "Request entity too large: limit is " + limitBytes, null);
  }

  /** Any other HTTP error status, with the reason Kubernetes uses for the code (or Unknown). */
  public static ApiError ofStatus(int code, String message) {
    String reason = switch (code) {
      case 400 -> "BadRequest";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "NotFound";
      case 405 -> "MethodNotAllowed";
      case 406 -> "NotAcceptable";
      case 409 -> "Conflict";
      case 410 -> "Expired";
      case 413 -> "RequestEntityTooLarge";
      case 415 -> "UnsupportedMediaType";
      case 422 -> "Invalid";
      case 429 -> "TooManyRequests";
      case 500 -> "InternalError";
      case 503 -> "ServiceUnavailable";
      case 504 -> "Timeout";
      default -> "Unknown";
    };
    return new ApiError(code, reason, message, null);
  }

  public static ApiError methodNotAllowed(String message) {
    return new ApiError(405, "MethodNotAllowed", message, null);
  }

  public static ApiError unsupportedMediaType(String contentType) {
    return new ApiError(415, "UnsupportedMediaType",
        "the body of the request was in an unknown format - accepted media types include: "
            + "application/json, application/vnd.kubernetes.protobuf, "
            + "application/merge-patch+json, application/strategic-merge-patch+json, "
            + "application/json-patch+json, application/apply-patch+yaml",
        null);
  }

  /** The requested resourceVersion has been compacted away. */
  public static ApiError expired(String message) {
    return new ApiError(410, "Expired", message, null);
  }

  public static ApiError timeout(String message) {
    return new ApiError(504, "Timeout", message, null);
  }

  public static ApiError unavailable(String message) {
    return new ApiError(503, "ServiceUnavailable", message, null);
  }

  public static ApiError internal(String message) {
    return new ApiError(500, "InternalError", message, null);
  }

  /** The {@code Status} object clients receive. */
  public ObjectNode toStatus() {
    ObjectNode status = Json.object().put("kind", "Status").put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", "Failure").put("message", getMessage()).put("reason", reason);
    if (details != null) {
      status.set("details", details.deepCopy());
    }
    status.put("code", code);
    return status;
  }

  private static String qualified(ResourceType type, String name) {
    String resource = type.group().isEmpty() ? type.plural() : type.plural() + "." + type.group();
    return resource + " \"" + name + "\"";
  }

  private static ObjectNode details(ResourceType type, String name) {
    ObjectNode d = Json.object().put("name", name);
    if (!type.group().isEmpty()) {
      d.put("group", type.group());
    }
    return d.put("kind", type.plural());
  }
}
