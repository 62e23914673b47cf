package io.plumbline.apiserver.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Label keys and values as apimachinery checks them ({@code IsQualifiedName},
 * {@code IsValidLabelValue}, {@code ValidateLabels}, {@code ValidateAnnotations}), with its
 * messages. A key is a name part of at most 63 characters of {@code [A-Za-z0-9-_.]} starting and
 * ending alphanumeric, optionally after a DNS-subdomain prefix (at most 253) and one {@code /}; a
 * value is empty or such a name part. Lengths are in bytes, as Go's {@code len}.
 */
public final class LabelRules {
  private LabelRules() {}

  static final int NAME_PART_MAX_BYTES = 63;
  static final int PREFIX_MAX_BYTES = 253;
  static final int VALUE_MAX_BYTES = 63;

  private static final String NAME_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
  private static final Pattern NAME = Pattern.compile(NAME_FMT);
  private static final String SUBDOMAIN_FMT =
      "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
  /** A lowercase RFC 1123 subdomain (also the pattern of most object names, {@link Validation}). */
  static final Pattern SUBDOMAIN = Pattern.compile(SUBDOMAIN_FMT);
  private static final String NAME_MSG = "must consist of alphanumeric characters, '-', '_' or "
      + "'.', and must start and end with an alphanumeric character";
  private static final String NAME_REGEX_ERROR = regexError(NAME_MSG, NAME_FMT,
      "MyName", "my.name", "123-abc");

  /** What is wrong with {@code key} as a label key (empty when nothing). */
  public static List<String> keyErrors(String key) {
    List<String> errors = new ArrayList<>();
    String[] parts = key.split("/", -1);
    if (parts.length > 2) {
      errors.add("a qualified name " + NAME_REGEX_ERROR + " with an optional DNS subdomain "
          + "prefix and '/' (e.g. 'example.com/MyName')");
      return errors;
    }
    String name = parts[parts.length - 1];
    if (parts.length == 2) {
      String prefix = parts[0];
      if (prefix.isEmpty()) {
        errors.add("prefix part must be non-empty");
      } else if (bytes(prefix) > PREFIX_MAX_BYTES) {
        // the subdomain pattern repeats a group: never run it on a long string (stack depth)
        errors.add("prefix part must be no more than " + PREFIX_MAX_BYTES + " characters");
      } else if (!SUBDOMAIN.matcher(prefix).matches()) {
        errors.add("prefix part " + regexError("a lowercase RFC 1123 subdomain must consist of "
            + "lower case alphanumeric characters, '-' or '.', and must start and end with an "
            + "alphanumeric character", SUBDOMAIN_FMT, "example.com"));
      }
    }
    if (name.isEmpty()) {
      errors.add("name part must be non-empty");
    } else if (bytes(name) > NAME_PART_MAX_BYTES) {
      errors.add("name part must be no more than " + NAME_PART_MAX_BYTES + " characters");
    }
    if (!NAME.matcher(name).matches()) {
      errors.add("name part " + NAME_REGEX_ERROR);
    }
    return errors;
  }

  /** What is wrong with {@code value} as a label value (empty when nothing). */
  public static List<String> valueErrors(String value) {
    List<String> errors = new ArrayList<>();
    if (bytes(value) > VALUE_MAX_BYTES) {
      errors.add("must be no more than " + VALUE_MAX_BYTES + " characters");
    }
    if (!value.isEmpty() && !NAME.matcher(value).matches()) {
      errors.add(regexError("a valid label must be an empty string or consist of alphanumeric "
          + "characters, '-', '_' or '.', and must start and end with an alphanumeric character",
          "(" + NAME_FMT + ")?", "MyValue", "my_value", "12345"));
    }
    return errors;
  }

  /**
   * {@code ValidateLabels}: a map of label keys to string values at {@code field}
   * ({@code metadata.labels}, {@code spec.selector}, ...); every cause is named by that path.
   */
  static void check(String field, JsonNode labels, List<ApiError.Cause> causes) {
    if (labels.isMissingNode() || labels.isNull()) {
      return;
    }
    if (!labels.isObject()) {
      causes.add(invalid(field, labels.toString(), "must be a map of string keys to string "
          + "values"));
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      keyErrors(e.getKey()).forEach(m -> causes.add(invalid(field, quoted(e.getKey()), m)));
      JsonNode value = e.getValue();
      if (!value.isTextual()) {
        causes.add(invalid(field, value.toString(), "the value of label " + quoted(e.getKey())
            + " must be a string"));
      } else {
        valueErrors(value.asText()).forEach(m -> causes.add(invalid(field,
            quoted(value.asText()), m)));
      }
    }
  }

  /** {@code ValidateAnnotations}' key rule: a qualified name, case ignored. */
  static void checkAnnotationKeys(JsonNode annotations, List<ApiError.Cause> causes) {
    for (Iterator<String> it = annotations.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      keyErrors(key.toLowerCase(java.util.Locale.ROOT)).forEach(m -> causes.add(
          invalid("metadata.annotations", quoted(key), m)));
    }
  }

  private static ApiError.Cause invalid(String field, String shown, String message) {
    return new ApiError.Cause(field, "FieldValueInvalid", "Invalid value: " + shown + ": "
        + message);
  }

  private static String quoted(String s) {
    return Json.MAPPER.getNodeFactory().textNode(s).toString();
  }

  private static int bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  /** apimachinery's {@code RegexError}: the message, examples and the pattern. */
  private static String regexError(String message, String fmt, String... examples) {
    StringBuilder s = new StringBuilder(message).append(" (e.g. ");
    for (int i = 0; i < examples.length; i++) {
      s.append(i > 0 ? "or " : "").append('\'').append(examples[i]).append("', ");
    }
    return s.append("regex used for validation is '").append(fmt).append("')").toString();
  }
}
