package io.proxytftp.tftp.transport;

import io.proxytftp.tftp.codec.ErrorPacket;
import io.proxytftp.tftp.codec.MalformedPacketException;
import io.proxytftp.tftp.codec.TftpCodec;
import io.proxytftp.tftp.codec.TftpError;
import java.nio.ByteBuffer;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;

/**
 * Answers a datagram that belongs to no transfer or fetch: from an address other than the peer's,
 * or on a port nobody holds. It gets ERROR 5 (RFC 1350) and touches nothing else; an ERROR is
 * never answered, so two peers cannot bounce errors forever. Used by both roles.
 */
public final class ForeignPackets {
  private ForeignPackets() {}

  /**
   * Answers {@code datagram} and closes its session.
   *
   * @return whether an ERROR 5 was sent
   */
  public static boolean refuse(IoSession session, ByteBuffer datagram) {
    boolean answer = !isError(datagram);
    if (answer) {
      session.write(IoBuffer.wrap(TftpCodec.error(TftpError.UNKNOWN_TRANSFER_ID, "unknown transfer ID")));
    }
    session.closeOnFlush();
    return answer;
  }

  private static boolean isError(ByteBuffer datagram) {
    try {
      return TftpCodec.decode(datagram) instanceof ErrorPacket;
    } catch (MalformedPacketException e) {
      return false;
    }
  }
}
