package io.healthservice.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * HTTP statuses counted as healthy, from {@code low} to {@code high} inclusive. Written as {@code 200},
 * {@code 200-299} or {@code 2xx}; a list separates them with commas ({@code 200,204,3xx}).
 */
public record StatusRange(int low, int high) {

  /** 200-299: what a check expects unless told otherwise. */
  public static final StatusRange SUCCESS = new StatusRange(200, 299);

  public StatusRange {
    if (low < 100 || high > 599 || low > high) {
      throw new IllegalArgumentException("status range must lie within 100-599, low first: " + low + "-" + high);
    }
  }

  public boolean contains(int status) {
    return status >= low && status <= high;
  }

  /** One range: {@code 200}, {@code 200-299} or {@code 2xx}. */
  public static StatusRange parse(String text) {
    String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    try {
      if (value.length() == 3 && value.endsWith("xx")) {
        int hundreds = Integer.parseInt(value.substring(0, 1)) * 100;
        return new StatusRange(hundreds, hundreds + 99);
      }
      int dash = value.indexOf('-');
      if (dash > 0) {
        return new StatusRange(Integer.parseInt(value.substring(0, dash).trim()),
          Integer.parseInt(value.substring(dash + 1).trim()));
      }
      int status = Integer.parseInt(value);
      return new StatusRange(status, status);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a status, range or class such as 200, 200-299, 2xx: \"" + text + "\"");
    }
  }

  /** A comma-separated list of ranges; blank means {@link #SUCCESS}. */
  public static List<StatusRange> parseList(String text) {
    if (text == null || text.isBlank()) {
      return List.of(SUCCESS);
    }
    List<StatusRange> ranges = new ArrayList<>();
    for (String part : text.split(",")) {
      ranges.add(parse(part));
    }
    return List.copyOf(ranges);
  }

  @Override
  public String toString() {
    return low == high ? Integer.toString(low) : low + "-" + high;
  }
}
