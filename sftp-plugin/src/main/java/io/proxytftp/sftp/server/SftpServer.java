package io.proxytftp.sftp.server;

import com.github.benmanes.caffeine.cache.Ticker;
import io.proxytftp.config.GatewayConfig;
import io.proxytftp.config.ListenerSettings;
import io.proxytftp.config.SftpSettings;
import io.proxytftp.password.LoginThrottle;
import io.proxytftp.plugin.GatewayService;
import io.proxytftp.plugin.ListenerEndpoint;
import io.proxytftp.plugin.StartException;
import io.proxytftp.sftp.fs.GatewayFileSystemFactory;
import io.proxytftp.sftp.fs.ReadOnlyFileSystemAccessor;
import io.proxytftp.store.AtomicFiles;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.mina.MinaServiceFactoryFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admins' SFTP server on {@code listeners.sftp} (127.0.0.1:2222 by default): Apache SSHD on
 * the MINA transport, offering only the SFTP subsystem over a read-only view of the gateway. No
 * shell, no exec, no port, agent or X11 forwarding; logins by password hash or public key, limited
 * in attempts and time, and repeated wrong passwords from one address slowed down. It does not
 * start without configured users, so the cache is never readable without credentials. The host key
 * is made once, under {@code <data-directory>/sftp/host-key}, so clients can pin it.
 */
public final class SftpServer implements GatewayService {
  private static final Logger LOG = LoggerFactory.getLogger(SftpServer.class);
  static final String LISTENER = "sftp";
  /** The host key's folder under the data directory, and its file there. */
  static final String FOLDER = "sftp";
  static final String HOST_KEY = "host-key";

  private final ListenerSettings listener;
  private final SftpSettings settings;
  private final Path dataDirectory;
  private final GatewayFileSystemFactory fileSystems;
  private final SftpMetrics metrics;

  private SshServer server;
  private volatile List<ListenerEndpoint> endpoints = List.of();

  @Inject
  SftpServer(GatewayConfig config, GatewayFileSystemFactory fileSystems, SftpMetrics metrics) {
    this.listener = config.listeners().sftp();
    this.settings = config.sftp();
    this.dataDirectory = config.gateway().dataDirectory();
    this.fileSystems = fileSystems;
    this.metrics = metrics;
  }

  @Override
  public String name() {
    return "sftp";
  }

  @Override
  public void start() throws IOException, StartException {
    if (!listener.enabled()) {
      return;
    }
    if (settings.users().isEmpty()) {
      LOG.info("sftp: not started: no users are configured (sftp.users); the SFTP view requires credentials");
      return;
    }
    server = SshServer.setUpDefaultServer();
    server.setIoServiceFactoryFactory(new MinaServiceFactoryFactory());
    server.setHost(listener.bindAddress().getHostAddress());
    server.setPort(listener.port());
    server.setKeyPairProvider(hostKeys());
    server.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE, UserAuthPasswordFactory.INSTANCE));
    server.setPasswordAuthenticator(
        new HashPasswordAuthenticator(settings.users(), metrics, new LoginThrottle(Ticker.systemTicker())));
    server.setPublickeyAuthenticator(new AuthorizedKeysAuthenticator(settings.users(), metrics));
    server.setKeyboardInteractiveAuthenticator(null);
    server.setGSSAuthenticator(null);
    server.setHostBasedAuthenticator(null);
    server.setForwardingFilter(RejectAllForwardingFilter.INSTANCE);
    server.setAgentFactory(null);
    CoreModuleProperties.MAX_AUTH_REQUESTS.set(server, settings.maxAuthAttempts());
    CoreModuleProperties.AUTH_TIMEOUT.set(server, settings.authTimeout());
    CoreModuleProperties.IDLE_TIMEOUT.set(server, settings.idleTimeout());
    CoreModuleProperties.SERVER_IDENTIFICATION.set(server, "proxytftp");
    server.setFileSystemFactory(fileSystems);
    SftpSubsystemFactory sftp = new SftpSubsystemFactory.Builder()
        .withFileSystemAccessor(new ReadOnlyFileSystemAccessor())
        .build();
    sftp.addSftpEventListener(new WriteRefusingListener());
    sftp.addSftpEventListener(new MetricsListener(metrics));
    server.setSubsystemFactories(List.of(sftp));
    try {
      server.start();
    } catch (IOException e) {
      throw StartException.cannotListen(LISTENER, listener.socketAddress(), e);
    }
    InetSocketAddress bound = server.getBoundAddresses().stream()
        .filter(InetSocketAddress.class::isInstance).map(InetSocketAddress.class::cast)
        .findFirst().orElseThrow(() -> new IOException("the SFTP server bound no address"));
    endpoints =
        List.of(new ListenerEndpoint(LISTENER, "sftp", new InetSocketAddress(listener.bindAddress(), bound.getPort())));
    LOG.info("sftp: listening on {} for {} user(s), transport {}", endpoints.get(0).url(), settings.users().size(),
        transport());
  }

  /** The SSHD transport in use; MINA by design, never SSHD's NIO2 fallback. */
  String transport() {
    return server == null ? "none" : server.getIoServiceFactory().getClass().getSimpleName();
  }

  /** Admins' sessions are interactive and can reconnect: stopping closes them at once. */
  @Override
  public void stop(Duration grace) throws IOException {
    endpoints = List.of();
    if (server != null) {
      server.stop(true);
    }
  }

  @Override
  public List<ListenerEndpoint> endpoints() {
    return endpoints;
  }

  /** An EC P-256 host key, created on first start in an owner-only folder and kept. */
  private SimpleGeneratorHostKeyProvider hostKeys() throws IOException {
    Path folder = dataDirectory.resolve(FOLDER);
    Files.createDirectories(folder);
    AtomicFiles.restrictToOwner(folder);
    Path file = folder.resolve(HOST_KEY);
    SimpleGeneratorHostKeyProvider keys = new SimpleGeneratorHostKeyProvider(file);
    keys.setAlgorithm("EC");
    keys.setKeySize(256);
    keys.loadKeys(null);
    AtomicFiles.restrictToOwner(file);
    return keys;
  }
}
