package io.proxytftp.sftp.fs;

import io.proxytftp.cache.CacheEntry;
import io.proxytftp.cache.ContentCache;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Cache entries shown as files in folders: a cached name such as {@code English_United_States/be-sip.jar}
 * is the file {@code be-sip.jar} in the folder {@code English_United_States}.
 */
final class EntryTree {
  private final List<CacheEntry> entries;
  private final ContentCache cache;
  private final Instant folderTime;

  EntryTree(List<CacheEntry> entries, ContentCache cache, Instant folderTime) {
    this.entries = entries;
    this.cache = cache;
    this.folderTime = folderTime;
  }

  /** The node at {@code names} below this tree's root, which is a folder. */
  Optional<Node> node(List<String> names) {
    if (names.isEmpty()) {
      return Optional.of(new Node.Folder(folderTime));
    }
    String name = String.join("/", names);
    for (CacheEntry entry : entries) {
      if (entry.name().equals(name)) {
        return Optional.of(new Node.Leaf(entry.size(), entry.storedAt(),
            () -> cache.open(name).orElseThrow(() -> new NoSuchFileException(name, null, "no longer cached"))));
      }
    }
    String folder = name + "/";
    return entries.stream().anyMatch(entry -> entry.name().startsWith(folder))
        ? Optional.of(new Node.Folder(folderTime))
        : Optional.empty();
  }

  /** The names directly inside the folder at {@code names}. */
  List<String> children(List<String> names) {
    String prefix = names.isEmpty() ? "" : String.join("/", names) + "/";
    TreeSet<String> children = new TreeSet<>();
    for (CacheEntry entry : entries) {
      if (entry.name().startsWith(prefix) && entry.name().length() > prefix.length()) {
        String rest = entry.name().substring(prefix.length());
        int slash = rest.indexOf('/');
        children.add(slash < 0 ? rest : rest.substring(0, slash));
      }
    }
    return List.copyOf(children);
  }
}
