package io.plumbline.apiserver.openapi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plumbline.apiserver.api.Json;
import io.plumbline.apiserver.api.ResourceType;
import io.plumbline.apiserver.api.Resources;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The OpenAPI documents of the served resources ({@link Resources#ALL}): one Swagger 2.0 document
 * for {@code /openapi/v2}, and one OpenAPI 3.0 document per group version for
 * {@code /openapi/v3/api/v1} and {@code /openapi/v3/apis/<group>/<version>}, listed with a content
 * hash in the {@code /openapi/v3} index as kube-apiserver lists them. Built once: the served set is
 * fixed.
 */
public final class OpenApiDocuments {
  private static final String TITLE = "Kubernetes";
  private static final String VERSION = "v1.32.0-plumbline";

  private final byte[] v2;
  private final Map<String, byte[]> v3 = new LinkedHashMap<>();
  private final byte[] v3Index;

  public OpenApiDocuments() {
    v2 = Json.bytes(buildV2());
    ObjectNode index = Json.object();
    ObjectNode paths = index.putObject("paths");
    for (String gv : groupVersionPaths()) {
      byte[] doc = Json.bytes(buildV3(gv));
      v3.put(gv, doc);
      paths.putObject(gv).put("serverRelativeURL", "/openapi/v3/" + gv + "?hash=" + hash(doc));
    }
    v3Index = Json.bytes(index);
  }

  public byte[] v2() {
    return v2;
  }

  public byte[] v3Index() {
    return v3Index;
  }

  /** The v3 document of {@code api/v1} or {@code apis/<group>/<version>}, if served. */
  public Optional<byte[]> v3(String groupVersionPath) {
    return Optional.ofNullable(v3.get(groupVersionPath));
  }

  private static List<String> groupVersionPaths() {
    return Resources.ALL.stream().map(OpenApiDocuments::path).distinct().toList();
  }

  private static String path(ResourceType t) {
    return t.group().isEmpty() ? "api/" + t.version() : "apis/" + t.group() + "/" + t.version();
  }

  private static ObjectNode buildV2() {
    TypeSchemas schemas = new TypeSchemas(TypeSchemas.Flavor.V2);
    OpenApiPaths operations = new OpenApiPaths(schemas, TypeSchemas.Flavor.V2);
    ObjectNode doc = Json.object().put("swagger", "2.0");
    doc.putObject("info").put("title", TITLE).put("version", VERSION);
    ObjectNode paths = doc.putObject("paths");
    for (ResourceType t : Resources.ALL) {
      schemas.addResource(t);
      operations.add(paths, t);
    }
    addMeta(schemas);
    doc.putObject("definitions").setAll(schemas.schemas());
    return doc;
  }

  private static ObjectNode buildV3(String groupVersionPath) {
    TypeSchemas schemas = new TypeSchemas(TypeSchemas.Flavor.V3);
    OpenApiPaths operations = new OpenApiPaths(schemas, TypeSchemas.Flavor.V3);
    ObjectNode doc = Json.object().put("openapi", "3.0.0");
    doc.putObject("info").put("title", TITLE).put("version", VERSION);
    ObjectNode paths = doc.putObject("paths");
    for (ResourceType t : Resources.ALL) {
      if (path(t).equals(groupVersionPath)) {
        schemas.addResource(t);
        operations.add(paths, t);
      }
    }
    addMeta(schemas);
    doc.putObject("components").putObject("schemas").setAll(schemas.schemas());
    return doc;
  }

  private static void addMeta(TypeSchemas schemas) {
    schemas.addMeta("Status");
    schemas.addMeta("DeleteOptions");
  }

  private static String hash(byte[] doc) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(doc))
          .toUpperCase();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-512", e);
    }
  }
}
