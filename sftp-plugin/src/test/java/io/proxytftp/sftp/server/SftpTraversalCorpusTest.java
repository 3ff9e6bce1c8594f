package io.proxytftp.sftp.server;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxytftp.testing.TraversalCorpus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every name of the shared traversal corpus under the SFTP view's {@code /local} (the store) and
 * its root, through the SSHD client: stat, open and read, readDir are refused with "no such file"
 * or "permission denied" (never a message naming the store's real folder), and canonicalPath stays
 * inside the view; only names that are the view's own root or store folder (such as
 * {@code /local/..}) are listed, and never show the secret. The secrets planted beside the
 * store never come back, and the session still works after the last payload.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SftpTraversalCorpusTest {
  static final Set<Integer> CLEAN_REFUSALS =
      Set.of(SftpConstants.SSH_FX_NO_SUCH_FILE, SftpConstants.SSH_FX_PERMISSION_DENIED);
  /** What a name may canonicalise to and still be listed: the view's root and the store's folder. */
  static final Set<String> VIEW_FOLDERS = Set.of("/", "/local");

  @TempDir static Path directory;
  SftpFixture fixture;
  SftpClient sftp;

  @BeforeAll
  void start() throws Exception {
    TraversalCorpus.plantSecrets(directory);
    fixture = new SftpFixture(directory);
    fixture.start(fixture.config());
    sftp = fixture.sftp();
  }

  @AfterAll
  void stop() throws IOException {
    sftp.close();
    fixture.close();
  }

  @ParameterizedTest
  @MethodSource("io.proxytftp.testing.TraversalCorpus#payloads")
  void everyTraversalNameIsRefusedAndNeverLeavesTheView(TraversalCorpus.Payload payload) throws IOException {
    for (String path : List.of("/local/" + payload.text(), "/" + payload.text(), payload.text())) {
      if (VIEW_FOLDERS.contains(canonical(path))) {
        assertTrue(sftp.stat(path).isDirectory(), path); // such as /local/.. : the view's own root
        assertFalse(names(path).contains(TraversalCorpus.SECRET_NAME), path);
        continue;
      }
      assertRefused(path, () -> sftp.stat(path));
      assertRefused(path, () -> read(path));
      assertRefused(path, () -> names(path));
    }
    assertTrue(sftp.isOpen());
    assertTrue(sftp.stat("/local/XMLDefault.cnf.xml").isRegularFile(), "the session still serves");
  }

  /** The canonical form the server gives {@code path}, always inside the view; empty when refused cleanly. */
  private String canonical(String path) throws IOException {
    try {
      String canonical = sftp.canonicalPath(path);
      assertTrue(canonical.startsWith("/") && !canonical.contains(directory.toString()), canonical);
      return canonical;
    } catch (SftpException refused) {
      assertTrue(CLEAN_REFUSALS.contains(refused.getStatus()), refused.getMessage());
      return "";
    }
  }

  private List<String> names(String path) throws IOException {
    try (SftpClient.CloseableHandle folder = sftp.openDir(path)) {
      return sftp.readDir(folder).stream().map(SftpClient.DirEntry::getFilename).toList();
    }
  }

  private byte[] read(String path) throws IOException {
    try (InputStream in = sftp.read(path)) {
      byte[] content = in.readAllBytes();
      assertFalse(new String(content, StandardCharsets.UTF_8).contains(TraversalCorpus.SECRET), path);
      return content;
    }
  }

  /** Refused with a clean status, and the message does not tell where the store really is. */
  private static void assertRefused(String path, Executable operation) {
    SftpException refused = assertThrows(SftpException.class, operation, path);
    assertTrue(CLEAN_REFUSALS.contains(refused.getStatus()), refused.getStatus() + ": " + refused.getMessage());
    assertFalse(refused.getMessage().contains(directory.toString()), refused.getMessage());
  }
}
