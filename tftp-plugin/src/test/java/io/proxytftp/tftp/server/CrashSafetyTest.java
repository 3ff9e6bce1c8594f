package io.proxytftp.tftp.server;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.proxytftp.cache.CacheEntry;
import io.proxytftp.cache.ContentCache;
import io.proxytftp.config.CacheSettings;
import io.proxytftp.config.GatewaySettings;
import io.proxytftp.config.IdentitySource;
import io.proxytftp.config.RemoteCluster;
import io.proxytftp.resolve.ResolvedFile;
import io.proxytftp.testing.RunningGateway;
import io.proxytftp.testing.TestConfigs;
import io.proxytftp.testing.TestIdentity;
import io.proxytftp.testing.TftpdHpa;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.commons.net.tftp.TFTP;
import org.apache.commons.net.tftp.TFTPClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the real gateway, in a JVM of its own, at seeded random moments while phones
 * download device files and loads that it fetches from three tftpd-hpa clusters: cache writes
 * (large and small, new versions of the same size replacing old ones, evictions) and device-index
 * saves (phones moving between clusters) are in flight. After every kill the data directory must
 * hold only whole cache entries whose bytes are a version a cluster served, and a device index
 * whose every line parses and names a cluster that had that phone's file; the next round's
 * gateway starts on what the kill left. At the end a gateway started in this JVM on that folder
 * serves every file byte for byte and has cleaned up every temporary file.
 *
 * <p>The rounds take turns in where the kill lands, so that each kind is there whatever the
 * machine's speed: at a seeded moment while phones download, while a large load is being written
 * to the cache (the kill waits until its temporary file is partly written), and during the start.
 *
 * <p>{@code -Dcrash.rounds=N} (default 8) and {@code -Dcrash.seed=S} run a longer or another soak.
 */
class CrashSafetyTest {
  private static final int ROUNDS = Integer.getInteger("crash.rounds", 8);
  private static final long SEED = Long.getLong("crash.seed", 20_250_806L);
  private static final int CLUSTERS = 3;
  private static final int PHONES = 40;
  private static final int LOADS_PER_ROUND = 3;
  private static final int DRIVERS = 6;
  private static final long DISK_BYTES = 12L << 20;
  private static final Duration KILL_WINDOW = Duration.ofMillis(2_000);
  /** A load large enough that its cache write lasts long after the kill aimed at it is decided. */
  private static final int LARGE_LOAD = 4 << 20;
  /** The kill aimed at a cache write comes once the large load's temporary file holds this much. */
  private static final long LARGE_LOAD_KILL_AT = 2 << 20;

  /** Where a round's kill lands. */
  private enum KillMoment {
    WHILE_SERVING, DURING_CACHE_WRITE, DURING_START, DURING_CACHE_WRITE_AGAIN;

    static KillMoment of(int round) {
      return values()[round % values().length];
    }

    boolean aimsAtCacheWrite() {
      return this == DURING_CACHE_WRITE || this == DURING_CACHE_WRITE_AGAIN;
    }
  }

  @TempDir Path directory;
  private final List<TftpdHpa> clusters = new ArrayList<>();
  private final List<Path> clusterRoots = new ArrayList<>();
  /** Every content (its SHA-256) a cluster ever served under a name. */
  private final Map<String, Set<String>> versions = new ConcurrentHashMap<>();
  /** What the clusters serve under each name now. */
  private final Map<String, byte[]> current = new ConcurrentHashMap<>();
  /** Every cluster that ever had a phone's device file, by MAC. */
  private final Map<String, Set<String>> homes = new HashMap<>();
  private final Map<String, Integer> home = new HashMap<>();
  private final List<String> loads = new CopyOnWriteArrayList<>();
  private final List<String> wrong = new CopyOnWriteArrayList<>();
  private final AtomicInteger downloads = new AtomicInteger();
  private final Random random = new Random(SEED);
  private final ScheduledExecutorService killer = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorService drivers = Executors.newFixedThreadPool(DRIVERS + 1);

  @AfterEach
  void stopAll() throws InterruptedException {
    killer.shutdownNow();
    drivers.shutdownNow();
    for (TftpdHpa cluster : clusters) {
      cluster.close();
    }
  }

  @Test
  void gatewayKilledDuringCacheWritesAndIndexSavesRestartsWholeAndConsistent() throws Exception {
    Path store = Files.createDirectories(directory.resolve("store"));
    for (int i = 0; i < CLUSTERS; i++) {
      Path root = Files.createDirectories(directory.resolve(clusterId(i)));
      clusterRoots.add(root);
      clusters.add(TftpdHpa.start(root));
    }
    for (int phone = 0; phone < PHONES; phone++) {
      int cluster = random.nextInt(CLUSTERS);
      home.put(mac(phone), cluster);
      publish(cluster, deviceFile(phone), phone % 8 == 0 ? 100_000 + random.nextInt(200_000) : 500 + random.nextInt(20_000));
    }
    Path config = writeConfig(store);
    int killedMidCacheWrite = 0;
    int killedServing = 0;
    int entriesChecked = 0;
    int indexLines = 0;
    for (int round = 0; round < ROUNDS; round++) {
      if (round > 0) {
        changeSources();
      }
      for (int i = 0; i < LOADS_PER_ROUND; i++) {
        String load = "load-" + round + "-" + i + ".bin";
        publish(random.nextInt(CLUSTERS), load, 200_000 + random.nextInt(1_000_000));
        loads.add(load);
      }
      KillMoment moment = KillMoment.of(round);
      if (moment.aimsAtCacheWrite()) {
        publish(random.nextInt(CLUSTERS), largeLoad(round), LARGE_LOAD);
      }
      runUntilKilled(config, round, moment);
      boolean served = moment != KillMoment.DURING_START;
      killedServing += served ? 1 : 0;
      killedMidCacheWrite += served && temporaryFiles(data().resolve("cache")) > 0 ? 1 : 0;
      entriesChecked += checkCache(round);
      indexLines += checkIndex(round);
      assertEquals(List.of(), wrong, "files served with wrong bytes");
    }
    checkRestartServesEverything(store);
    System.out.printf("crash safety: %d kills (%d while serving, %d with cache writes in flight), %d downloads verified,"
        + " %d cache entries and %d index lines checked after the kills%n", ROUNDS, killedServing, killedMidCacheWrite,
        downloads.get(), entriesChecked, indexLines);
    assertTrue(killedServing >= ROUNDS / 2, "too few kills landed while the gateway served: " + killedServing);
    assertTrue(killedMidCacheWrite >= ROUNDS / 4, "too few kills landed during a cache write: " + killedMidCacheWrite);
    assertTrue(downloads.get() > ROUNDS, "too few downloads completed: " + downloads.get());
  }

  /** Starts the child gateway and kills it: during its start (and so its recovery from the previous kill) or while it serves. */
  private void runUntilKilled(Path config, int round, KillMoment moment) throws Exception {
    ChildGateway child = ChildGateway.start(config, directory.resolve("round-" + round + ".log"));
    try (child) {
      if (moment == KillMoment.DURING_START) {
        killer.schedule(() -> {
          child.kill();
          return null;
        }, random.nextInt(1_500), TimeUnit.MILLISECONDS).get(30, TimeUnit.SECONDS);
        return;
      }
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
          .until(() -> child.tftpAddress().isPresent());
      InetSocketAddress gateway = child.tftpAddress().orElseThrow();
      Future<?> kill = moment.aimsAtCacheWrite()
          ? killer.submit(() -> {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(1)).until(this::largeLoadPartlyWritten);
            child.kill();
            return null;
          })
          : killer.schedule(() -> {
            child.kill();
            return null;
          }, 100 + random.nextInt((int) KILL_WINDOW.toMillis()), TimeUnit.MILLISECONDS);
      List<Future<?>> running = new ArrayList<>();
      for (int i = 0; i < DRIVERS; i++) {
        Random choices = new Random(SEED ^ (round * 31L + i));
        running.add(drivers.submit(() -> drive(gateway, choices, kill)));
      }
      if (moment.aimsAtCacheWrite()) {
        running.add(drivers.submit(() -> fetchUntilKilled(gateway, largeLoad(round), kill)));
      }
      kill.get(30, TimeUnit.SECONDS);
      for (Future<?> driver : running) {
        driver.get(30, TimeUnit.SECONDS);
      }
    }
  }

  /** Whether a cache write holds more than {@link #LARGE_LOAD_KILL_AT} bytes, which only the large load reaches. */
  private boolean largeLoadPartlyWritten() throws IOException {
    Path cache = data().resolve("cache");
    if (!Files.isDirectory(cache)) {
      return false;
    }
    try (Stream<Path> files = Files.list(cache)) {
      return files.filter(file -> file.getFileName().toString().endsWith(".tmp"))
          .anyMatch(file -> sizeOrZero(file) > LARGE_LOAD_KILL_AT);
    }
  }

  private static long sizeOrZero(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0; // committed or deleted since it was listed
    }
  }

  /** Asks for one name until the gateway is killed, so that its fetch goes on however often a download gives up. */
  private void fetchUntilKilled(InetSocketAddress gateway, String name, Future<?> kill) {
    while (!kill.isDone()) {
      try {
        check(name, download(gateway, name, 1));
      } catch (IOException e) {
        // The gateway was killed, or this phone gave up while the file arrived: fine.
      }
    }
  }

  /** Downloads device files and loads until the gateway is killed; checks every completed one. */
  private void drive(InetSocketAddress gateway, Random choices, Future<?> kill) {
    while (!kill.isDone()) {
      String name = choices.nextInt(10) < 7 ? deviceFile(choices.nextInt(PHONES))
          : loads.get(Math.max(0, loads.size() - 1 - choices.nextInt(2 * LOADS_PER_ROUND)));
      try {
        check(name, download(gateway, name, 1));
      } catch (IOException e) {
        // The gateway was killed, or refused: fine; only wrong bytes are not.
      }
    }
  }

  private void check(String name, byte[] got) {
    downloads.incrementAndGet();
    if (!versions.get(name).contains(sha256(got))) {
      wrong.add(name + " (" + got.length + " bytes)");
    }
  }

  /**
   * Opens a copy of what the kill left with a cache of its own (so that the next round's gateway
   * recovers the original): every entry it keeps is a whole version a cluster served, nothing
   * else stays in the folder.
   */
  private int checkCache(int round) throws IOException {
    Path copy = directory.resolve("check-" + round);
    copyTree(data(), copy);
    ContentCache cache = new ContentCache(new GatewaySettings("check", copy, directory.resolve("store")),
        new CacheSettings(1L << 20, DISK_BYTES, Duration.ofSeconds(30)), Clock.systemUTC(), new SimpleMeterRegistry());
    cache.start();
    List<CacheEntry> entries = cache.entries();
    for (CacheEntry entry : entries) {
      byte[] content;
      try (ResolvedFile file = cache.open(entry.name()).orElseThrow()) {
        content = file.readAll(Integer.MAX_VALUE);
      }
      String digest = sha256(content);
      assertEquals(entry.sha256(), digest, () -> "round " + round + ": cached " + entry.name() + " differs from its record");
      assertEquals(entry.size(), content.length, () -> "round " + round + ": cached " + entry.name() + " has another size");
      assertTrue(versions.getOrDefault(entry.name(), Set.of()).contains(digest),
          () -> "round " + round + ": cached " + entry.name() + " is no version any cluster served");
    }
    long files;
    try (Stream<Path> walk = Files.walk(copy.resolve("cache"))) {
      files = walk.filter(Files::isRegularFile).count();
    }
    assertEquals(2L * entries.size(), files, () -> "round " + round + ": files beside the entries' blobs and sidecars");
    cache.stop(Duration.ZERO);
    deleteTree(copy);
    return entries.size();
  }

  /** The device index as the kill left it: every line whole, naming a cluster that had the phone's file. */
  private int checkIndex(int round) throws IOException {
    Path file = data().resolve("device-index.tsv");
    if (!Files.exists(file)) {
      return 0;
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (String line : lines) {
      String[] fields = line.split("\t", -1);
      assertEquals(5, fields.length, () -> "round " + round + ": torn index line " + line);
      assertTrue(homes.getOrDefault(fields[0], Set.of()).contains(fields[1]),
          () -> "round " + round + ": index names a cluster that never had the phone's file: " + line);
      InetSocketAddress cluster = clusters.get(Integer.parseInt(fields[1].substring("cluster-".length()))).address();
      assertEquals(cluster.getAddress().getHostAddress() + ":" + cluster.getPort(), fields[2], () -> "round " + round + ": " + line);
      Instant.parse(fields[4]);
    }
    return lines.size();
  }

  /** A gateway started on what the last kill left serves every device file and this round's loads, and left no temporary file. */
  private void checkRestartServesEverything(Path store) throws Exception {
    List<RemoteCluster> remote = new ArrayList<>();
    for (int i = 0; i < CLUSTERS; i++) {
      remote.add(TestConfigs.cluster(clusterId(i), clusters.get(i).address()));
    }
    try (RunningGateway gateway = RunningGateway.start(TestConfigs.withClusters(TestConfigs.gateway(directory, store), remote))) {
      assertEquals(0, temporaryFiles(data()), "temporary files left by the kills are still there after a start");
      List<String> names = new ArrayList<>();
      for (int phone = 0; phone < PHONES; phone++) {
        names.add(deviceFile(phone));
      }
      names.addAll(loads.subList(loads.size() - LOADS_PER_ROUND, loads.size()));
      for (String name : names) {
        try {
          assertArrayEquals(current.get(name), download(gateway.address("tftp"), name, 5), name);
        } catch (IOException e) {
          throw new AssertionError("the restarted gateway does not serve " + name + " from " + clusterOf(name), e);
        }
      }
    }
  }

  /** Between rounds: some phones move to another cluster, some get a new file of the same size. */
  private void changeSources() throws IOException {
    for (int i = 0; i < 3; i++) {
      int phone = random.nextInt(PHONES);
      int from = home.get(mac(phone));
      int to = (from + 1 + random.nextInt(CLUSTERS - 1)) % CLUSTERS;
      int size = current.get(deviceFile(phone)).length;
      Files.delete(clusterRoots.get(from).resolve(deviceFile(phone)));
      home.put(mac(phone), to);
      publish(to, deviceFile(phone), size);
    }
    for (int i = 0; i < 3; i++) {
      int phone = random.nextInt(PHONES);
      publish(home.get(mac(phone)), deviceFile(phone), current.get(deviceFile(phone)).length);
    }
  }

  /** Writes new content under a name into a cluster's folder, whole before tftpd-hpa can see it. */
  private void publish(int cluster, String name, int size) throws IOException {
    byte[] content = TftpTestFiles.randomBytes(size, random.nextLong());
    Path staged = Files.write(directory.resolve("staged"), content);
    Files.move(staged, clusterRoots.get(cluster).resolve(name), StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    current.put(name, content);
    versions.computeIfAbsent(name, any -> ConcurrentHashMap.newKeySet()).add(sha256(content));
    if (name.startsWith("SEP")) {
      homes.computeIfAbsent(name.substring(3, 15), any -> new HashSet<>()).add(clusterId(cluster));
    }
  }

  private String clusterOf(String name) {
    for (int i = 0; i < CLUSTERS; i++) {
      if (Files.exists(clusterRoots.get(i).resolve(name))) {
        return clusterId(i);
      }
    }
    return "no cluster";
  }

  private Path writeConfig(Path store) throws IOException {
    IdentitySource.PemFiles identity = TestIdentity.shared();
    StringBuilder yaml = new StringBuilder()
        .append("gateway: { id: crash-child, data-directory: ").append(data()).append(", local-store: ").append(store).append(" }\n")
        .append("listeners:\n")
        .append("  tftp: { enabled: true, bind-address: 127.0.0.1, port: 0 }\n")
        .append("  http: { enabled: false }\n  sftp: { enabled: false }\n  admin: { enabled: false }\n")
        .append("limits: { retransmit-timeout: 200ms }\n")
        .append("caches: { memory-size: 1MiB, disk-size: ").append(DISK_BYTES).append(", negative-ttl: 1s }\n")
        .append("upstream: { timeout: 200ms, search-timeout: 2s }\n")
        .append("identity: { certificate: ").append(identity.certificate()).append(", private-key: ")
        .append(identity.privateKey()).append(" }\n")
        .append("remote-clusters:\n");
    for (int i = 0; i < CLUSTERS; i++) {
      InetSocketAddress address = clusters.get(i).address();
      yaml.append("  - cluster-id: ").append(clusterId(i)).append('\n')
          .append("    services:\n")
          .append("      tftp: { enabled: true, remote-activated: true, addresses: manual, address-1: \"")
          .append(address.getAddress().getHostAddress()).append(':').append(address.getPort()).append("\" }\n");
    }
    return Files.writeString(directory.resolve("gateway.yaml"), yaml);
  }

  private static byte[] download(InetSocketAddress gateway, String name, int tries) throws IOException {
    TFTPClient client = new TFTPClient();
    client.setMaxTimeouts(tries);
    client.open();
    try {
      client.setSoTimeout(Duration.ofMillis(500));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      client.receiveFile(name, TFTP.BINARY_MODE, out, gateway.getAddress(), gateway.getPort());
      return out.toByteArray();
    } finally {
      client.close();
    }
  }

  private Path data() {
    return directory.resolve("data");
  }

  private static long temporaryFiles(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return 0;
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(file -> file.getFileName().toString().endsWith(".tmp")).count();
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path source : walk.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  private static String largeLoad(int round) {
    return "large-" + round + ".bin";
  }

  private static String clusterId(int cluster) {
    return "cluster-" + cluster;
  }

  private static String mac(int phone) {
    return String.format("%012X", 0x001956A30000L + phone);
  }

  private static String deviceFile(int phone) {
    return "SEP" + mac(phone) + ".cnf.xml";
  }

  private static String sha256(byte[] content) {
    try {
      return TftpTestFiles.sha256Hex(content);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
