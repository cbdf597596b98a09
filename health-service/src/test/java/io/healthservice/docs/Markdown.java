package io.healthservice.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The documentation as the docs tests read it: README.md, CONTRIBUTING.md and docs/*.md, found from the
 * repository root; their fenced blocks (with the HTML comment just before each, the block's marker), their
 * headings and their links, all with line numbers. Small on purpose: the pages use a plain subset of
 * GitHub-flavoured Markdown.
 */
final class Markdown {

  /** A fenced block: its info string ({@code java}, {@code yaml}), its text, the line of its opening fence. */
  record Block(Path file, int line, String language, String text, Optional<String> marker) {
    String where() {
      return Markdown.relative(file) + ":" + line;
    }
  }

  /** An inline link or image, outside code: its target as written, and its line. */
  record Link(Path file, int line, String target) {
    String where() {
      return Markdown.relative(file) + ":" + line;
    }
  }

  private static final Pattern FENCE = Pattern.compile("^(\\s*)(`{3,}|~{3,})\\s*([^`\\s]*).*$");
  private static final Pattern COMMENT = Pattern.compile("^\\s*<!--\\s*(.*?)\\s*-->\\s*$");
  private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
  /** {@code [text](target)} and {@code ![alt](target "title")}; text without nested brackets, which the pages do not use. */
  private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
  private static final Pattern CODE_SPAN = Pattern.compile("(`+)(.+?)\\1");

  private static Path root;

  private Markdown() {
  }

  /** The repository root: up from the working directory to the first pom.xml that lists {@code <modules>}. */
  static synchronized Path root() {
    if (root == null) {
      Path dir = Path.of("").toAbsolutePath();
      while (dir != null) {
        Path pom = dir.resolve("pom.xml");
        if (Files.isRegularFile(pom) && read(pom).contains("<modules>")) {
          root = dir;
          return root;
        }
        dir = dir.getParent();
      }
      throw new IllegalStateException("no pom.xml with <modules> above " + Path.of("").toAbsolutePath());
    }
    return root;
  }

  static String relative(Path file) {
    return root().relativize(file.toAbsolutePath()).toString();
  }

  /** README.md, CONTRIBUTING.md and every docs/*.md, in that order. */
  static List<Path> pages() {
    List<Path> pages = new ArrayList<>();
    pages.add(root().resolve("README.md"));
    pages.add(root().resolve("CONTRIBUTING.md"));
    try (Stream<Path> docs = Files.list(root().resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Path page : pages) {
      if (!Files.isRegularFile(page)) {
        throw new IllegalStateException("missing page " + page);
      }
    }
    return pages;
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Block> blocks(Path file) {
    return blocks(file, read(file));
  }

  /** Every fenced block of {@code text}; an unclosed fence is an error (it would swallow the rest of the page). */
  static List<Block> blocks(Path file, String text) {
    List<Block> blocks = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher open = FENCE.matcher(lines[i]);
      if (!open.matches()) {
        continue;
      }
      String fence = open.group(2);
      String language = open.group(3).toLowerCase(Locale.ROOT);
      int start = i;
      StringBuilder body = new StringBuilder();
      i++;
      while (i < lines.length && !lines[i].strip().equals(fence)) {
        body.append(lines[i]).append('\n');
        i++;
      }
      if (i == lines.length) {
        throw new IllegalStateException(relative(file) + ":" + (start + 1) + ": fence never closed");
      }
      blocks.add(new Block(file, start + 1, language, body.toString(), marker(lines, start)));
    }
    return blocks;
  }

  /** The HTML comment on the last non-blank line before line {@code fence}, if that line is one. */
  private static Optional<String> marker(String[] lines, int fence) {
    for (int j = fence - 1; j >= 0; j--) {
      if (lines[j].isBlank()) {
        continue;
      }
      Matcher comment = COMMENT.matcher(lines[j]);
      return comment.matches() ? Optional.of(comment.group(1)) : Optional.empty();
    }
    return Optional.empty();
  }

  /** The lines outside fenced blocks, with code spans blanked out; index i is line i + 1. */
  static List<String> prose(String text) {
    List<String> out = new ArrayList<>();
    boolean inFence = false;
    String fence = null;
    for (String line : text.split("\n", -1)) {
      Matcher open = FENCE.matcher(line);
      if (!inFence && open.matches()) {
        inFence = true;
        fence = open.group(2);
        out.add("");
      } else if (inFence) {
        if (line.strip().equals(fence)) {
          inFence = false;
        }
        out.add("");
      } else {
        out.add(CODE_SPAN.matcher(line).replaceAll(m -> " ".repeat(m.group().length())));
      }
    }
    return out;
  }

  static List<Link> links(Path file) {
    return links(file, read(file));
  }

  static List<Link> links(Path file, String text) {
    List<Link> links = new ArrayList<>();
    List<String> lines = prose(text);
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = LINK.matcher(lines.get(i));
      while (m.find()) {
        links.add(new Link(file, i + 1, m.group(1)));
      }
    }
    return links;
  }

  /** The anchors GitHub gives the page's headings (outside code), duplicates numbered {@code -1}, {@code -2}. */
  static List<String> anchors(String text) {
    List<String> anchors = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    boolean inFence = false;
    String fence = null;
    for (String line : text.split("\n", -1)) {
      Matcher open = FENCE.matcher(line);
      if (!inFence && open.matches()) {
        inFence = true;
        fence = open.group(2);
        continue;
      }
      if (inFence) {
        inFence = !line.strip().equals(fence);
        continue;
      }
      Matcher heading = HEADING.matcher(line);
      if (heading.matches()) {
        String slug = slug(heading.group(1));
        long before = seen.stream().filter(slug::equals).count();
        seen.add(slug);
        anchors.add(before == 0 ? slug : slug + "-" + before);
      }
    }
    return anchors;
  }

  /**
   * GitHub's heading anchor: the heading's text as rendered (code spans keep their text literally, bold loses its
   * marks, a link keeps its text, HTML tags go), lower-cased, every character but letters, digits, '_', '-' and spaces dropped,
   * spaces turned into '-'.
   */
  static String slug(String heading) {
    StringBuilder text = new StringBuilder();
    Matcher code = CODE_SPAN.matcher(heading);
    int at = 0;
    while (code.find()) {
      text.append(renderedText(heading.substring(at, code.start()))).append(code.group(2));
      at = code.end();
    }
    text.append(renderedText(heading.substring(at)));
    return text.toString().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{M}\\p{N}_\\- ]", "").replace(' ', '-');
  }

  /** Text outside code spans as GitHub renders it: links keep their text, HTML tags and bold marks go. */
  private static String renderedText(String markdown) {
    return markdown.replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replaceAll("<[^>]+>", "").replace("*", "");
  }
}
