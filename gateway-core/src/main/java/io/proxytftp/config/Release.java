package io.proxytftp.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A remote cluster's software release, such as {@code 14.0.1.13900-155} or {@code 12.5(1)SU3}.
 * Common files come from the cluster on the highest release, because locale and ring list files
 * are backward compatible. Releases compare by their runs of digits, left to right, so every way
 * of writing a release sorts as an admin expects.
 *
 * @param text as configured
 */
public record Release(String text) implements Comparable<Release> {
  private static final Pattern NUMBER = Pattern.compile("[0-9]+");

  public Release {
    if (!NUMBER.matcher(Objects.requireNonNull(text, "text")).find()) {
      throw new IllegalArgumentException("a release has at least one number, got \"" + text + "\"");
    }
  }

  @Override
  public int compareTo(Release other) {
    List<Long> mine = numbers();
    List<Long> theirs = other.numbers();
    for (int i = 0; i < Math.min(mine.size(), theirs.size()); i++) {
      int order = Long.compare(mine.get(i), theirs.get(i));
      if (order != 0) {
        return order;
      }
    }
    return Integer.compare(mine.size(), theirs.size());
  }

  private List<Long> numbers() {
    List<Long> numbers = new ArrayList<>();
    Matcher matcher = NUMBER.matcher(text);
    while (matcher.find()) {
      String digits = matcher.group().replaceFirst("^0+(?=.)", "");
      numbers.add(digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits));
    }
    return numbers;
  }
}
