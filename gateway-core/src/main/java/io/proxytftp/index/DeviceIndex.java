package io.proxytftp.index;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.proxytftp.config.GatewaySettings;
import io.proxytftp.lifecycle.WorkerPool;
import io.proxytftp.plugin.GatewayService;
import io.proxytftp.store.AtomicFiles;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's memory of where each phone belongs (MAC to home cluster), learned whenever a
 * cluster serves a device file, so that a phone's next boot goes straight to its home cluster
 * instead of searching them all.
 *
 * <p>It survives restarts: every change is written, coalesced, to {@code device-index.tsv} under
 * the data directory through a temporary file renamed into place, so a crash leaves either the old
 * or the new index, never a torn one. A line that does not parse is skipped with a warning.
 */
public final class DeviceIndex implements GatewayService {
  private static final Logger LOG = LoggerFactory.getLogger(DeviceIndex.class);
  public static final String FILE_NAME = "device-index.tsv";

  private final Path file;
  private final WorkerPool workers;
  private final Map<String, DeviceRecord> byMac = new ConcurrentHashMap<>();
  private final Map<String, String> macByClient = new ConcurrentHashMap<>();
  private final AtomicBoolean saveQueued = new AtomicBoolean();
  private final Object saveLock = new Object();

  @Inject
  public DeviceIndex(GatewaySettings gateway, WorkerPool workers, MeterRegistry meters) {
    this.file = gateway.dataDirectory().resolve(FILE_NAME);
    this.workers = workers;
    Gauge.builder("index.devices", byMac, Map::size).description("Phones whose home cluster the gateway knows")
        .register(meters);
  }

  @Override
  public String name() {
    return "device-index";
  }

  @Override
  public void start() throws IOException {
    Files.createDirectories(file.getParent());
    int leftovers = AtomicFiles.deleteLeftovers(file);
    if (leftovers > 0) {
      LOG.info("deleted {} temporary files of index saves a crash interrupted", leftovers);
    }
    if (!Files.exists(file)) {
      return;
    }
    int line = 0;
    for (String text : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      line++;
      try {
        put(parse(text));
      } catch (RuntimeException e) {
        LOG.warn("{}:{}: skipped an unreadable index line: {}", file, line, e.getMessage());
      }
    }
    LOG.info("device index: {} phones known", byMac.size());
  }

  @Override
  public void stop(Duration grace) {
    save();
  }

  public Optional<DeviceRecord> lookup(String mac) {
    return Optional.ofNullable(byMac.get(mac));
  }

  /** The home cluster of the phone that last asked from {@code clientAddress}, if known. */
  public Optional<DeviceRecord> byClient(String clientAddress) {
    String mac = macByClient.get(clientAddress);
    return mac == null ? Optional.empty() : lookup(mac);
  }

  public List<DeviceRecord> records() {
    return new ArrayList<>(byMac.values());
  }

  /** Remembers where a phone's device file was found, and saves the index in the background. */
  public void learn(DeviceRecord record) {
    DeviceRecord previous = byMac.get(record.mac());
    put(record);
    if (!record.equals(previous)) {
      queueSave();
    }
  }

  /** Forgets a phone, such as one whose home cluster no longer has its file. */
  public void forget(String mac) {
    if (byMac.remove(mac) != null) {
      macByClient.values().removeIf(mac::equals);
      queueSave();
    }
  }

  private void put(DeviceRecord record) {
    byMac.put(record.mac(), record);
    macByClient.put(record.client(), record.mac());
  }

  private void queueSave() {
    if (saveQueued.compareAndSet(false, true)) {
      workers.execute(() -> {
        saveQueued.set(false);
        try {
          save();
        } catch (UncheckedIOException e) {
          LOG.warn("{}; the index is kept in memory and saved again with the next change", e.getMessage());
        }
      });
    }
  }

  private void save() {
    synchronized (saveLock) {
      StringBuilder text = new StringBuilder();
      for (DeviceRecord record : byMac.values()) {
        text.append(record.mac()).append('\t').append(record.clusterId()).append('\t').append(record.address())
            .append('\t').append(record.client()).append('\t').append(record.learnedAt()).append('\n');
      }
      try {
        AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot save the device index: local write failed at " + file + ": " + e.getMessage(), e);
      }
    }
  }

  private static DeviceRecord parse(String line) {
    String[] fields = line.split("\t", -1);
    if (fields.length != 5) {
      throw new IllegalArgumentException("expected 5 tab-separated fields, got " + fields.length);
    }
    return new DeviceRecord(fields[0], fields[1], fields[2], fields[3], Instant.parse(fields[4]));
  }
}
