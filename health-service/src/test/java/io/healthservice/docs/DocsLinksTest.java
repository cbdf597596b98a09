package io.healthservice.docs;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every relative link and image of README.md, CONTRIBUTING.md and docs/*.md resolves: the file (or
 * directory) exists in the repository, and a {@code #anchor} names a heading of the target page as GitHub
 * renders it. Links inside code spans and fenced blocks are not links; absolute URLs are not checked.
 */
class DocsLinksTest {

  @Test
  void everyRelativeLinkResolves() {
    List<String> broken = new ArrayList<>();
    int checked = 0;
    for (Path page : Markdown.pages()) {
      for (Markdown.Link link : Markdown.links(page)) {
        if (link.target().matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
          continue; // https:, mailto: ...
        }
        checked++;
        String problem = check(page, link.target());
        if (problem != null) {
          broken.add(link.where() + ": " + link.target() + ": " + problem);
        }
      }
    }
    assertThat(broken).as("broken relative links").isEmpty();
    assertThat(checked).as("relative links found (the README links into docs/)").isGreaterThanOrEqualTo(20);
  }

  @Test
  void everyPageIsReachableFromTheReadme() {
    Path readme = Markdown.root().resolve("README.md");
    List<String> linked = Markdown.links(readme).stream().map(l -> l.target().replaceAll("#.*", "")).toList();
    for (Path page : Markdown.pages()) {
      if (!page.equals(readme)) {
        assertThat(linked).as("README links " + Markdown.relative(page)).contains(Markdown.relative(page));
      }
    }
  }

  /** GitHub's anchors, and the check failing when it should. */
  @Test
  void theCheckCatchesBrokenLinks() {
    assertThat(Markdown.slug("`application/health+json`: the draft's format")).isEqualTo("applicationhealthjson-the-drafts-format");
    assertThat(Markdown.slug("Behind a pooler / Sentinel / Cluster")).isEqualTo("behind-a-pooler--sentinel--cluster");
    assertThat(Markdown.slug("Details: `?verbose`")).isEqualTo("details-verbose");
    assertThat(Markdown.slug("`checks.<name>.type`: tcp")).isEqualTo("checksnametype-tcp");
    assertThat(Markdown.anchors("# A\n```sh\n# A\n```\n## A\n")).containsExactly("a", "a-1");
    assertThat(Markdown.links(Markdown.root().resolve("README.md"), "see `[x](nowhere.md)` and [y](docs/a.md)\n```\n[z](b.md)\n```\n"))
      .extracting(Markdown.Link::target).containsExactly("docs/a.md");

    Path readme = Markdown.root().resolve("README.md");
    assertThat(check(readme, "docs/no-such-page.md")).isEqualTo("no such file");
    assertThat(check(readme, "docs/configuration.md#no-such-heading")).startsWith("no heading");
    assertThat(check(readme, "docs/configuration.md")).isNull();
    assertThat(check(readme, "deploy/k8s/")).isNull();
  }

  /** Null when {@code target}, written in {@code page}, resolves. */
  static String check(Path page, String target) {
    int hash = target.indexOf('#');
    String path = hash < 0 ? target : target.substring(0, hash);
    String anchor = hash < 0 ? null : target.substring(hash + 1);
    Path file = path.isEmpty() ? page : page.getParent().resolve(path).normalize();
    if (!file.startsWith(Markdown.root()) || !Files.exists(file)) {
      return "no such file";
    }
    if (anchor == null) {
      return null;
    }
    if (!file.toString().endsWith(".md")) {
      return "an anchor into a file that is not Markdown";
    }
    List<String> anchors = Markdown.anchors(Markdown.read(file));
    return anchors.contains(anchor) ? null : "no heading with anchor #" + anchor + " in " + Markdown.relative(file);
  }
}
