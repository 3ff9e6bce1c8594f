package io.proxytftp.tftp.upstream;

import io.proxytftp.tftp.codec.ErrorPacket;
import io.proxytftp.tftp.codec.MalformedPacketException;
import io.proxytftp.tftp.codec.TftpCodec;
import io.proxytftp.tftp.codec.TftpError;
import java.nio.ByteBuffer;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IoSession;

/**
 * Answers a datagram that belongs to no fetch: from an address other than the fetch's upstream, or
 * on a port no fetch holds. It gets ERROR 5 (RFC 1350) and touches no fetch; an ERROR is never
 * answered, so two peers cannot bounce errors forever.
 */
final class ForeignPackets {
  private ForeignPackets() {}

  static void refuse(IoSession session, ByteBuffer datagram) {
    if (!isError(datagram)) {
      session.write(IoBuffer.wrap(TftpCodec.error(TftpError.UNKNOWN_TRANSFER_ID, "unknown transfer ID")));
    }
    session.closeOnFlush();
  }

  private static boolean isError(ByteBuffer datagram) {
    try {
      return TftpCodec.decode(datagram) instanceof ErrorPacket;
    } catch (MalformedPacketException e) {
      return false;
    }
  }
}
