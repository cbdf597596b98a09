package io.healthservice.docs;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every ```java block of README.md, CONTRIBUTING.md and docs/*.md is an excerpt of a source the build
 * compiles: the block is preceded by {@code <!-- snippet: path/to/File.java#name -->} and equals the region
 * between {@code // tag::name[]} and {@code // end::name[]} in that file (common indentation stripped, lines
 * with tag markers left out). A snippet edited in the page, or code changed under it, fails here.
 */
class DocsSnippetsTest {

  private static final Pattern MARKER = Pattern.compile("snippet:\\s*(\\S+)#([\\w.-]+)");
  private static final Pattern TAG_LINE = Pattern.compile("(//|#|<!--)\\s*(tag|end)::[\\w.-]+\\[\\]");

  @Test
  void everyJavaSnippetIsATaggedRegionOfACompiledSource() {
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (Path page : Markdown.pages()) {
      for (Markdown.Block block : Markdown.blocks(page)) {
        if (!block.language().equals("java")) {
          continue;
        }
        checked++;
        String problem = check(block);
        if (problem != null) {
          problems.add(block.where() + ": " + problem);
        }
      }
    }
    assertThat(problems).as("java snippets that are not excerpts of compiled sources").isEmpty();
    assertThat(checked).as("java snippets found (the pages show the embedding API)").isGreaterThanOrEqualTo(5);
  }

  @Test
  void everySnippetMarkerIsFollowedByAJavaBlock() {
    List<String> orphans = new ArrayList<>();
    for (Path page : Markdown.pages()) {
      long markers = Markdown.prose(Markdown.read(page)).stream().filter(l -> MARKER.matcher(l).find()).count();
      long used = Markdown.blocks(page).stream()
        .filter(b -> b.marker().map(m -> MARKER.matcher(m).find()).orElse(false)).count();
      if (markers != used) {
        orphans.add(Markdown.relative(page) + ": " + markers + " snippet markers, " + used + " followed by a block");
      }
    }
    assertThat(orphans).isEmpty();
  }

  /** The check itself fails when it should: no marker, a changed line, an unknown tag. */
  @Test
  void theCheckCatchesDrift() {
    Path page = Markdown.root().resolve("docs/self-test.md");
    String source = "health-example/src/main/java/io/healthservice/example/QuickStart.java";
    String region = region(Markdown.read(Markdown.root().resolve(source)), "quickstart");
    assertThat(check(block(page, "", region))).contains("no <!-- snippet: path#tag --> marker");
    assertThat(check(block(page, "snippet: " + source + "#quickstart", region))).isNull();
    assertThat(check(block(page, "snippet: " + source + "#quickstart", region.replace("8080", "8081"))))
      .contains("differs from " + source + "#quickstart").contains("listen(8081)");
    assertThat(check(block(page, "snippet: " + source + "#nope", region))).contains("no tag::nope[]");
    assertThat(check(block(page, "snippet: no/such/File.java#x", region))).contains("no such file");
    assertThatThrownBy(() -> region("// tag::a[]\nx\n", "a")).hasMessageContaining("never ends");
  }

  private static Markdown.Block block(Path page, String marker, String body) {
    String text = (marker.isEmpty() ? "" : "<!-- " + marker + " -->\n") + "```java\n" + body + "```\n";
    return Markdown.blocks(page, text).get(0);
  }

  /** Null when the block is the region its marker names; else what is wrong. */
  static String check(Markdown.Block block) {
    Matcher marker = block.marker().map(MARKER::matcher).filter(Matcher::find).orElse(null);
    if (marker == null) {
      return "no <!-- snippet: path#tag --> marker before this java block";
    }
    Path source = Markdown.root().resolve(marker.group(1));
    if (!Files.isRegularFile(source)) {
      return "no such file " + marker.group(1);
    }
    String region;
    try {
      region = region(Markdown.read(source), marker.group(2));
    } catch (IllegalArgumentException e) {
      return marker.group(1) + ": " + e.getMessage();
    }
    String expected = dedent(region);
    String actual = dedent(block.text());
    if (expected.equals(actual)) {
      return null;
    }
    return "differs from " + marker.group(1) + "#" + marker.group(2) + firstDifference(expected, actual);
  }

  /** The lines between {@code tag::name[]} and {@code end::name[]}, without the lines of any tag marker. */
  static String region(String source, String name) {
    String[] lines = source.split("\n", -1);
    StringBuilder out = new StringBuilder();
    boolean inside = false;
    boolean found = false;
    for (String line : lines) {
      if (line.contains("tag::" + name + "[]")) {
        if (found) {
          throw new IllegalArgumentException("tag::" + name + "[] appears twice");
        }
        inside = true;
        found = true;
        continue;
      }
      if (line.contains("end::" + name + "[]")) {
        if (!inside) {
          throw new IllegalArgumentException("end::" + name + "[] before its tag");
        }
        inside = false;
        continue;
      }
      if (inside && !TAG_LINE.matcher(line).find()) {
        out.append(line).append('\n');
      }
    }
    if (!found) {
      throw new IllegalArgumentException("no tag::" + name + "[]");
    }
    if (inside) {
      throw new IllegalArgumentException("tag::" + name + "[] never ends");
    }
    return out.toString();
  }

  /** Trailing white space and blank edge lines dropped, the indentation all lines share removed. */
  static String dedent(String text) {
    List<String> lines = new ArrayList<>(text.stripTrailing().lines().map(String::stripTrailing).toList());
    while (!lines.isEmpty() && lines.get(0).isBlank()) {
      lines.remove(0);
    }
    int indent = lines.stream().filter(l -> !l.isBlank())
      .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
    return String.join("\n", lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList());
  }

  private static String firstDifference(String expected, String actual) {
    String[] e = expected.split("\n", -1);
    String[] a = actual.split("\n", -1);
    for (int i = 0; i < Math.max(e.length, a.length); i++) {
      String want = i < e.length ? e[i] : "<end>";
      String got = i < a.length ? a[i] : "<end>";
      if (!want.equals(got)) {
        return " at snippet line " + (i + 1) + ":\n  source:  " + want + "\n  snippet: " + got;
      }
    }
    return "";
  }
}
