package io.plumbline.raft.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * A golden scenario file: blocks of comment lines, one command, a {@code ----} line and the
 * expected transcript (no blank lines inside), separated by blank lines; after etcd's datadriven.
 */
record ScenarioScript(List<Block> blocks) {
  record Block(List<String> comments, String command, String expected, int line) {}

  static ScenarioScript parse(String text) {
    List<Block> blocks = new ArrayList<>();
    List<String> comments = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i];
      if (l.isBlank()) {
        continue;
      }
      if (l.startsWith("#")) {
        comments.add(l);
        continue;
      }
      int commandLine = i + 1;
      StringBuilder expected = new StringBuilder();
      if (i + 1 < lines.length && lines[i + 1].equals("----")) {
        i += 2;
        while (i < lines.length && !lines[i].isBlank()) {
          expected.append(lines[i]).append('\n');
          i++;
        }
      }
      blocks.add(new Block(List.copyOf(comments), l.strip(), expected.toString().stripTrailing(),
          commandLine));
      comments.clear();
    }
    return new ScenarioScript(blocks);
  }

  /** The file text with {@code actual} transcripts in place of the expected ones. */
  String render(List<String> actual) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < blocks.size(); i++) {
      Block blk = blocks.get(i);
      blk.comments().forEach(c -> b.append(c).append('\n'));
      b.append(blk.command()).append("\n----\n").append(actual.get(i)).append("\n\n");
    }
    return b.toString().stripTrailing() + "\n";
  }
}
