package io.proxytftp.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxytftp.plugin.GatewayService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class GatewayTest {
  final List<String> events = new ArrayList<>();

  final class RecordingService implements GatewayService {
    private final String name;
    private final boolean failsToStart;
    Duration grace;

    RecordingService(String name, boolean failsToStart) {
      this.name = name;
      this.failsToStart = failsToStart;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void start() throws Exception {
      events.add("start " + name);
      if (failsToStart) {
        throw new IllegalStateException(name + " cannot start");
      }
    }

    @Override
    public void stop(Duration grace) {
      this.grace = grace;
      events.add("stop " + name);
    }
  }

  private Gateway gateway(GatewayService... services) {
    return new Gateway(new LinkedHashSet<>(List.of(services)));
  }

  @Test
  void servicesStartInBindingOrderAndStopInReverse() throws Exception {
    Gateway gateway = gateway(new RecordingService("core", false), new RecordingService("tftp", false));
    gateway.start();
    gateway.stop(Duration.ofSeconds(3));
    assertEquals(List.of("start core", "start tftp", "stop tftp", "stop core"), events);
  }

  @Test
  void failedStartStopsWhatWasStartedAndRethrows() {
    Gateway gateway = gateway(new RecordingService("core", false), new RecordingService("tftp", true),
        new RecordingService("http", false));
    IllegalStateException failure = assertThrows(IllegalStateException.class, gateway::start);
    assertEquals("tftp cannot start", failure.getMessage());
    assertEquals(List.of("start core", "start tftp", "stop tftp", "stop core"), events);
  }

  @Test
  void stopIsIdempotent() throws Exception {
    Gateway gateway = gateway(new RecordingService("core", false));
    gateway.start();
    gateway.stop(Duration.ZERO);
    gateway.stop(Duration.ZERO);
    assertEquals(List.of("start core", "stop core"), events);
  }

  @Test
  void graceIsSharedNotMultiplied() throws Exception {
    RecordingService first = new RecordingService("core", false);
    RecordingService second = new RecordingService("tftp", false);
    Gateway gateway = gateway(first, second);
    gateway.start();
    gateway.stop(Duration.ofSeconds(10));
    assertTrue(second.grace.compareTo(Duration.ofSeconds(10)) <= 0);
    assertTrue(second.grace.compareTo(Duration.ofSeconds(9)) > 0);
    assertTrue(first.grace.compareTo(second.grace) <= 0);
  }

  @Test
  void aGatewayStartsOnce() throws Exception {
    Gateway gateway = gateway(new RecordingService("core", false));
    gateway.start();
    assertThrows(IllegalStateException.class, gateway::start);
    assertEquals(List.of("start core"), events);
  }
}
