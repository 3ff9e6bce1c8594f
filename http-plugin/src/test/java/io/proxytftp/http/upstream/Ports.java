package io.proxytftp.http.upstream;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Loopback addresses where nobody listens, for clusters that refuse or never answer. */
final class Ports {
  private Ports() {}

  /** A TCP port that was just closed: connecting to it is refused. */
  static InetSocketAddress closedTcp() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
    }
  }

  /** A UDP port that was just closed: a TFTP request sent there gets no answer. */
  static InetSocketAddress unusedUdp() throws IOException {
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
    }
  }
}
