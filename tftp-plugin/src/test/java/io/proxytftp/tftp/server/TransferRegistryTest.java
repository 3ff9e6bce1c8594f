package io.proxytftp.tftp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Admission, and the wait for a slot of requests past the overall limit. */
class TransferRegistryTest {
  private static InetSocketAddress phone(int port) {
    return new InetSocketAddress("127.0.0.1", port);
  }

  private final Map<InetSocketAddress, Admission> decisions = new ConcurrentHashMap<>();

  private boolean queue(TransferRegistry registry, InetSocketAddress client) {
    return registry.queue(client, admission -> decisions.put(client, admission));
  }

  @Test
  void waitingRequestsGetFreedSlotsInTheOrderTheyCame() {
    TransferRegistry registry = new TransferRegistry(2, 10);
    registry.admit(phone(1));
    registry.admit(phone(2));
    assertEquals(Admission.SERVER_BUSY, registry.admit(phone(3)));
    assertTrue(queue(registry, phone(3)));
    assertTrue(queue(registry, phone(4)));
    registry.release(phone(1));
    assertEquals(Map.of(phone(3), Admission.ADMITTED), decisions);
    registry.release(phone(2));
    assertEquals(Admission.ADMITTED, decisions.get(phone(4)));
    assertEquals(2, registry.active());
  }

  @Test
  void aRetransmittedRequestOfAWaitingClientIsADuplicate() {
    TransferRegistry registry = new TransferRegistry(1, 10);
    registry.admit(phone(1));
    registry.admit(phone(2));
    assertTrue(queue(registry, phone(2)));
    assertEquals(Admission.DUPLICATE, registry.admit(phone(2)));
  }

  @Test
  void aRequestTakenOutOfTheQueueIsNotAdmittedLater() {
    TransferRegistry registry = new TransferRegistry(1, 10);
    registry.admit(phone(1));
    assertTrue(queue(registry, phone(2)));
    assertTrue(registry.unqueue(phone(2)));
    registry.release(phone(1));
    assertTrue(decisions.isEmpty());
    assertFalse(registry.unqueue(phone(2)));
  }

  @Test
  void noMoreRequestsWaitThanThereAreSlots() {
    TransferRegistry registry = new TransferRegistry(2, 10);
    registry.admit(phone(1));
    registry.admit(phone(2));
    assertTrue(queue(registry, phone(3)));
    assertTrue(queue(registry, phone(4)));
    assertFalse(queue(registry, phone(5)));
  }

  @Test
  void aStoppingServerRefusesTheWaitingRequests() {
    TransferRegistry registry = new TransferRegistry(1, 10);
    registry.admit(phone(1));
    assertTrue(queue(registry, phone(2)));
    registry.drain();
    assertEquals(Map.of(phone(2), Admission.SHUTTING_DOWN), decisions);
    assertFalse(queue(registry, phone(3)));
  }

  @Test
  void aWaitingRequestPastItsAddressLimitWhenItsTurnComesIsRefusedForIt() {
    TransferRegistry registry = new TransferRegistry(2, 1);
    registry.admit(phone(1));
    registry.admit(new InetSocketAddress("127.0.0.2", 1));
    assertTrue(queue(registry, phone(2))); // another port of 127.0.0.1, which already has its one transfer
    registry.release(new InetSocketAddress("127.0.0.2", 1));
    assertEquals(Map.of(phone(2), Admission.CLIENT_BUSY), decisions);
  }

  /** With every worker busy an admitted request gives its slot back at once; that must not recurse per waiting request. */
  @Test
  void slotsGivenBackByTheirContinuationsPassDownTheQueueWithoutRecursion() {
    int waiting = 50_000;
    TransferRegistry registry = new TransferRegistry(waiting, waiting);
    List<InetSocketAddress> admitted = new ArrayList<>();
    for (int port = 1; port <= waiting; port++) {
      registry.admit(phone(port));
    }
    for (int port = 1; port <= waiting; port++) {
      InetSocketAddress client = new InetSocketAddress("127.0.0.2", port);
      registry.queue(client, admission -> {
        admitted.add(client);
        registry.release(client);
      });
    }
    registry.release(phone(1));
    assertEquals(waiting, admitted.size());
    assertEquals(waiting - 1, registry.active());
  }
}
