package io.plumbline.common.setup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Every external program the repository's Java code (main and test) and bash scripts start. */
final class RepositoryPrograms {
  private RepositoryPrograms() {}

  static List<ProgramReference> scan(Path root) throws IOException {
    List<Path> java = files(root, p -> p.toString().endsWith(".java") && p.toString().contains("/src/"));
    List<Path> shell = files(root, RepositoryPrograms::isShellScript);
    Map<String, String> constants = new HashMap<>();
    for (Path p : java) {
      JavaProgramScanner.constants(Files.readString(p)).forEach(constants::putIfAbsent);
    }
    Set<String> functions = new HashSet<>();
    for (Path p : shell) {
      functions.addAll(ShellProgramScanner.functions(Files.readString(p)));
    }
    List<ProgramReference> out = new ArrayList<>();
    for (Path p : java) {
      out.addAll(JavaProgramScanner.scan(root.relativize(p).toString(), Files.readString(p), constants));
    }
    for (Path p : shell) {
      out.addAll(ShellProgramScanner.scan(root.relativize(p).toString(), Files.readString(p), functions));
    }
    return out;
  }

  /** The references whose program neither the set-up nor a bare Debian machine provides. */
  static List<ProgramReference> unprovided(List<ProgramReference> refs, Set<String> setUp, Set<String> base) {
    return refs.stream().filter(r -> !setUp.contains(r.program()) && !base.contains(r.program()))
        .collect(Collectors.toList());
  }

  private static boolean isShellScript(Path p) {
    String name = p.getFileName().toString();
    if (name.endsWith(".sh")) {
      return true;
    }
    if (name.contains(".") || !Files.isRegularFile(p)) {
      return false;
    }
    try {
      return Files.readString(p).startsWith("#!/usr/bin/env bash") || Files.readString(p).startsWith("#!/bin/bash");
    } catch (IOException | java.io.UncheckedIOException e) {
      return false; // not text
    }
  }

  private static List<Path> files(Path root, java.util.function.Predicate<Path> keep) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(p -> {
        String rel = root.relativize(p).toString();
        return !rel.startsWith(".git") && !rel.contains("target/") && !rel.startsWith("runs/");
      }).filter(Files::isRegularFile).filter(keep).sorted().collect(Collectors.toList());
    }
  }
}
