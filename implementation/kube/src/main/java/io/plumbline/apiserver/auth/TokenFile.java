package io.plumbline.apiserver.auth;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.plumbline.common.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * kube-apiserver's {@code --token-auth-file}: a CSV file of {@code token,user,uid,"group1,group2"}
 * lines (the groups column optional). Read once at start, as kube-apiserver reads it: a user
 * removed from the file loses access when the server restarts. Parsed with Jackson's CSV module
 * (quoted fields, as Go's encoding/csv reads them) rather than by splitting on commas. Tokens
 * never appear in messages or logs; errors name the line.
 */
public final class TokenFile {
  private final Map<String, UserInfo> users;

  private TokenFile(Map<String, UserInfo> users) {
    this.users = Map.copyOf(users);
  }

  public static TokenFile read(Path file) {
    try {
      return parse(Files.readString(file), file.toString());
    } catch (IOException e) {
      throw new UserError("--token-auth-file " + file + ": " + e.getMessage(), e);
    }
  }

  static TokenFile parse(String csv, String source) {
    CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY)
        .enable(CsvParser.Feature.TRIM_SPACES);
    Map<String, UserInfo> users = new HashMap<>();
    try (MappingIterator<String[]> rows = mapper.readerFor(String[].class).readValues(csv)) {
      int line = 0;
      while (rows.hasNext()) {
        line++;
        String[] row = rows.next();
        if (row.length == 0 || row.length == 1 && row[0].isBlank()) {
          continue;
        }
        if (row.length < 3 || row[0].isEmpty() || row[1].isEmpty()) {
          throw new UserError(source + " line " + line
              + ": want token,user,uid[,\"group1,group2\"], got " + row.length + " fields");
        }
        List<String> groups = row.length > 3 && !row[3].isBlank()
            ? Arrays.stream(row[3].split(",")).map(String::strip).filter(g -> !g.isEmpty()).toList()
            : List.of();
        if (users.put(row[0], new UserInfo(row[1], row[2], groups)) != null) {
          throw new UserError(source + " line " + line + ": duplicate token (user " + row[1] + ")");
        }
      }
    } catch (IOException e) {
      throw new UserError(source + ": not a token CSV file: " + e.getMessage(), e);
    }
    return new TokenFile(users);
  }

  /** The user a bearer token stands for. */
  public Optional<UserInfo> user(String token) {
    return Optional.ofNullable(users.get(token));
  }

  public int size() {
    return users.size();
  }
}
