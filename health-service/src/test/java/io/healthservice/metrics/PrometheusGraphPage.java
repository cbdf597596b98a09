package io.healthservice.metrics;

import io.healthservice.support.Exec;
import io.healthservice.support.Processes;
import io.healthservice.support.Processes.Result;
import io.healthservice.support.Tools;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Prometheus' own graph page in headless Chromium (Debian package {@code chromium}): a picture of the
 * dashboard's queries on real data without a Grafana, and the page's text as a person would read it.
 */
final class PrometheusGraphPage {

  static final String CHROMIUM = "/usr/bin/chromium";
  /**
   * Room for one graph at 1400 px wide, its legend included, and for the page header. The window must
   * hold the whole page: the page focuses its last query field and would scroll the top out of view.
   */
  private static final int GRAPH_PX = 800;
  private static final int HEADER_PX = 120;

  private PrometheusGraphPage() {
  }

  /** A picture is a bonus on a developer machine, but CI installs Chromium and must produce it. */
  static boolean wanted() {
    return Files.isExecutable(Path.of(CHROMIUM)) || "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /** /graph with one graph per expression over the last {@code range}. */
  static String url(String prometheus, List<String> exprs, String range) {
    StringBuilder url = new StringBuilder(prometheus).append("/graph?");
    for (int i = 0; i < exprs.size(); i++) {
      url.append(i == 0 ? "" : "&").append("g").append(i).append(".expr=").append(PrometheusServer.encode(exprs.get(i)))
        .append("&g").append(i).append(".tab=0&g").append(i).append(".range_input=").append(range);
    }
    return url.toString();
  }

  /**
   * Loads {@code url} once: saves a PNG with room for {@code graphs} graphs (so nothing scrolls out of
   * view) and returns the DOM after the page's scripts ran, i.e. the text a person reads on it.
   */
  static String render(String url, int graphs, Path png) throws Exception {
    Files.createDirectories(png.getParent());
    Files.deleteIfExists(png);
    String dom = run(List.of("--hide-scrollbars", "--window-size=1400," + (HEADER_PX + graphs * GRAPH_PX),
      "--dump-dom", "--screenshot=" + png, url));
    cropBlankBottom(png);
    return dom;
  }

  /** The window is taller than the page: cut the white strip below it. */
  private static void cropBlankBottom(Path png) throws IOException {
    BufferedImage image = ImageIO.read(png.toFile());
    int bottom = image.getHeight() - 1;
    while (bottom > 0 && blankRow(image, bottom)) {
      bottom--;
    }
    ImageIO.write(image.getSubimage(0, 0, image.getWidth(), Math.min(image.getHeight(), bottom + 16)), "png", png.toFile());
  }

  private static boolean blankRow(BufferedImage image, int y) {
    for (int x = 0; x < image.getWidth(); x++) {
      if ((image.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
        return false;
      }
    }
    return true;
  }

  private static String run(List<String> args) throws Exception {
    String chromium = Tools.require(CHROMIUM, "chromium");
    Path profile = Exec.tempDir("chromium", false);
    try {
      List<String> command = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
        "--user-data-dir=" + profile, "--virtual-time-budget=10000"));
      command.addAll(args);
      Result result = Processes.run(new ProcessBuilder(command), 90);
      if (result.exitCode() != 0) {
        throw new AssertionError("chromium exited " + result.exitCode() + ": " + result.output());
      }
      return result.output();
    } finally {
      Exec.deleteTree(profile);
    }
  }
}
