package io.proxytftp.tftp.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PortBudgetTest {
  @Test
  void aLimitWithinThePortRangeAndTheOpenFilesLimitSaysNothing() {
    assertEquals(Optional.empty(), PortBudget.shortfall(4096, "32768\t60999", 20_000));
  }

  @Test
  void aLimitBeyondTheKernelsPortRangeNamesTheRange() {
    String warning = PortBudget.shortfall(40_000, "32768\t60999\n", 1 << 20).orElseThrow();
    assertEquals("limits.max-transfers 40000 is more than this machine lets the gateway hold: the kernel hands out"
        + " 28232 UDP ports (net.ipv4.ip_local_port_range 32768 60999); transfers past that are answered"
        + " \"server busy\"", warning);
  }

  @Test
  void aLimitBeyondTheOpenFilesLimitNamesIt() {
    String warning = PortBudget.shortfall(20_000, "1024 65535", 20_000).orElseThrow();
    assertTrue(warning.contains("the process may open 20000 files"), warning);
  }

  @Test
  void anUnknownPortRangeIsNoReasonToWarn() {
    assertEquals(Optional.empty(), PortBudget.shortfall(20_000, "", 1 << 20));
    assertEquals(Optional.empty(), PortBudget.shortfall(20_000, "not numbers", 1 << 20));
  }
}
