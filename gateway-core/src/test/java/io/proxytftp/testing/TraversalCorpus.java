package io.proxytftp.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shared corpus of names that try to leave the store ({@code traversal-corpus.txt} beside this
 * class), so that TFTP, HTTP and SFTP are all tried with exactly the same bytes. The file says how
 * payloads are written.
 */
public final class TraversalCorpus {
  /** The file every traversal attempt points at, in the store's parent and in a sibling folder. */
  public static final String SECRET_NAME = "secret.txt";
  /** The secret's content: a test that ever sees it has found a way out of the store. */
  public static final String SECRET = "TOP-SECRET-8f3a1c: this file is outside the store";

  private static final Pattern ESCAPE = Pattern.compile("\\\\(?:x\\{([0-9a-fA-F]{2})}|u\\{([0-9a-fA-F]{4,6})}|r\\{(\\d+),([^}]*)})");

  private TraversalCorpus() {}

  /** One name: the line as written (shortened for long ones) and the exact bytes it stands for. */
  public record Payload(String label, byte[] bytes) {
    /** The bytes read as UTF-8, as a server that decodes them sees the name. */
    public String text() {
      return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      return label;
    }
  }

  public static List<Payload> payloads() {
    try (InputStream in = TraversalCorpus.class.getResourceAsStream("traversal-corpus.txt")) {
      if (in == null) {
        throw new IllegalStateException("traversal-corpus.txt is not on the class path");
      }
      List<Payload> payloads = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isEmpty() && !line.startsWith("#")) {
          payloads.add(new Payload(label(line), decode(line)));
        }
      }
      return List.copyOf(payloads);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Places the secret in {@code directory} (the store's parent) and in its sibling folder {@code outside/}. */
  public static void plantSecrets(Path directory) throws IOException {
    Files.writeString(directory.resolve(SECRET_NAME), SECRET);
    Path outside = Files.createDirectories(directory.resolve("outside"));
    Files.writeString(outside.resolve(SECRET_NAME), SECRET);
  }

  static byte[] decode(String line) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Matcher escape = ESCAPE.matcher(line);
    int at = 0;
    while (escape.find()) {
      out.writeBytes(line.substring(at, escape.start()).getBytes(StandardCharsets.UTF_8));
      if (escape.group(1) != null) {
        out.write(Integer.parseInt(escape.group(1), 16));
      } else if (escape.group(2) != null) {
        out.writeBytes(Character.toString(Integer.parseInt(escape.group(2), 16)).getBytes(StandardCharsets.UTF_8));
      } else {
        out.writeBytes(escape.group(4).repeat(Integer.parseInt(escape.group(3))).getBytes(StandardCharsets.UTF_8));
      }
      at = escape.end();
    }
    out.writeBytes(line.substring(at).getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  private static String label(String line) {
    return line.length() > 40 ? line.substring(0, 40) + "..." : line;
  }
}
