package io.proxytftp.tftp.upstream;

/**
 * The receiving half of RFC 7440: which DATA block comes next and when a window is complete.
 *
 * <p>Blocks are counted with a {@code long}; the wire carries the low 16 bits, rolling over from
 * 65535 to 0. A wire number is read relative to the next expected block: up to half the number
 * space ahead is a gap (a block was lost), behind is an old block sent again.
 */
final class ReceiveWindow {
  /** Where an arriving block stands relative to the next expected one. */
  enum Arrival { NEXT, OLD, AHEAD }

  private static final int WIRE_MASK = 0xFFFF;
  private static final int HALF = 0x8000;

  private final int windowSize;
  private long received;
  private long acknowledged;

  ReceiveWindow(int windowSize) {
    this.windowSize = windowSize;
  }

  Arrival classify(int wireBlock) {
    int distance = (wireBlock - (int) ((received + 1) & WIRE_MASK)) & WIRE_MASK;
    return distance == 0 ? Arrival.NEXT : distance < HALF ? Arrival.AHEAD : Arrival.OLD;
  }

  /** Takes the next block; true when it completes a window, which must then be acknowledged. */
  boolean accept() {
    received++;
    return received - acknowledged >= windowSize;
  }

  /** The last block received in order; 0 before the first. */
  long received() {
    return received;
  }

  /** The wire number of the last block received in order, as an ACK carries it. */
  int wireReceived() {
    return (int) (received & WIRE_MASK);
  }

  /** Notes that the last block received in order has been acknowledged; the next window starts after it. */
  void acknowledged() {
    acknowledged = received;
  }
}
