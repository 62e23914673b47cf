package io.plumbline.apiserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.plumbline.apiserver.api.ApiError;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code dryRun} option of a write: the query parameter (repeatable) and, for DELETE, the
 * {@code dryRun} list of the DeleteOptions body, which is what client-go sends. As in
 * kube-apiserver, the only value is {@code All}; anything else is refused with the 422 Invalid
 * answer kube-apiserver gives for invalid {@code <Verb>Options}, before anything is read.
 */
final class DryRun {
  private DryRun() {}

  /**
   * True when the write must not persist. {@code optionsKind} names the options type in errors
   * ({@code CreateOptions}, {@code UpdateOptions}, {@code PatchOptions}, {@code DeleteOptions}).
   */
  static boolean requested(Context ctx, String optionsKind, JsonNode deleteOptions) {
    List<String> values = new ArrayList<>(ctx.queryParams("dryRun"));
    deleteOptions.path("dryRun").forEach(v -> values.add(v.asText()));
    values.removeIf(String::isEmpty);
    for (String v : values) {
      if (!v.equals("All")) {
        throw ApiError.invalidOptions(optionsKind, new ApiError.Cause("dryRun",
            "FieldValueNotSupported", "Unsupported value: \"" + v + "\": supported values: \"All\""));
      }
    }
    return !values.isEmpty();
  }
}
