package io.proxytftp.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.proxytftp.config.GatewaySettings;
import io.proxytftp.lifecycle.WorkerPool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceIndexTest {
  @TempDir Path directory;
  final WorkerPool workers = new WorkerPool();
  final DeviceRecord phone = new DeviceRecord("001956A3A472", "cluster-b", "127.0.0.1:7002", "10.1.1.20",
      Instant.parse("2026-11-29T03:00:00Z"));

  @AfterEach
  void stopWorkers() throws InterruptedException {
    workers.stop(Duration.ofSeconds(1));
  }

  private DeviceIndex started() throws Exception {
    DeviceIndex index = new DeviceIndex(new GatewaySettings("gw", directory, directory.resolve("store")), workers,
        new SimpleMeterRegistry());
    index.start();
    return index;
  }

  @Test
  void learnedPhoneIsFoundByMacAndByClientAddress() throws Exception {
    DeviceIndex index = started();
    index.learn(phone);
    assertEquals(Optional.of(phone), index.lookup("001956A3A472"));
    assertEquals(Optional.of(phone), index.byClient("10.1.1.20"));
    assertEquals(Optional.empty(), index.lookup("001956A3A473"));
  }

  @Test
  void indexSurvivesARestart() throws Exception {
    DeviceIndex index = started();
    index.learn(phone);
    index.stop(Duration.ZERO);
    assertEquals(Optional.of(phone), started().lookup("001956A3A472"));
  }

  @Test
  void startDeletesWhatASaveInterruptedByACrashLeftAndKeepsTheSavedIndex() throws Exception {
    DeviceIndex index = started();
    index.learn(phone);
    index.stop(Duration.ZERO);
    Path leftover = Files.writeString(directory.resolve(DeviceIndex.FILE_NAME + "4711.tmp"), "001956A3A472\tclus");
    assertEquals(Optional.of(phone), started().lookup("001956A3A472"));
    assertTrue(Files.notExists(leftover));
  }

  @Test
  void changesAreSavedInTheBackgroundWithoutAStop() throws Exception {
    DeviceIndex index = started();
    index.learn(phone);
    Path file = directory.resolve(DeviceIndex.FILE_NAME);
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(file)
        && Files.readString(file).contains("001956A3A472\tcluster-b"));
  }

  @Test
  void movedPhoneReplacesItsOldHome() throws Exception {
    DeviceIndex index = started();
    index.learn(phone);
    DeviceRecord moved = new DeviceRecord(phone.mac(), "cluster-a", "127.0.0.1:7001", "10.1.1.20", phone.learnedAt().plusSeconds(60));
    index.learn(moved);
    assertEquals(Optional.of(moved), index.lookup(phone.mac()));
    assertEquals(1, index.records().size());
  }

  @Test
  void forgottenPhoneIsGoneAlsoAfterRestart() throws Exception {
    DeviceIndex index = started();
    index.learn(phone);
    index.forget(phone.mac());
    assertTrue(index.lookup(phone.mac()).isEmpty());
    assertTrue(index.byClient("10.1.1.20").isEmpty());
    index.stop(Duration.ZERO);
    assertTrue(started().lookup(phone.mac()).isEmpty());
  }

  @Test
  void unreadableLinesAreSkippedAndTheRestIsKept() throws Exception {
    Files.writeString(directory.resolve(DeviceIndex.FILE_NAME),
        "garbage\n001956A3A472\tcluster-b\t127.0.0.1:7002\t10.1.1.20\t2026-11-29T03:00:00Z\nA\tB\tC\tD\tnot-a-time\n");
    assertEquals(Optional.of(phone), started().lookup("001956A3A472"));
  }

  @Test
  void leftoverTemporaryFileFromACrashIsIgnored() throws Exception {
    DeviceIndex index = started();
    index.learn(phone);
    index.stop(Duration.ZERO);
    Files.writeString(directory.resolve(DeviceIndex.FILE_NAME + ".tmp"), "001956A3A4"); // torn write of a later save
    assertEquals(Optional.of(phone), started().lookup("001956A3A472"));
  }
}
