package io.proxytftp.tftp.transport;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.WriteRequest;

/**
 * Marks every outgoing datagram's buffer at its start, as MINA 2.0's head filter did: MINA 2.2.5's
 * {@code NioDatagramAcceptor.flush} calls {@code reset()} on each buffer it sends from a session's
 * write queue, and nothing in MINA 2.2.5 marks one any more, so each such send threw {@code
 * InvalidMarkException} (and left the rest of the queue, a close request included, unflushed). A
 * write goes through that queue when the kernel refused the datagram at once (socket send buffer
 * full) or when the session's queue was not empty. The mark is set on the write request's own
 * duplicate of the buffer, the one MINA sends and resets.
 */
final class MarkedWrites extends IoFilterAdapter {
  @Override
  public void filterWrite(NextFilter nextFilter, IoSession session, WriteRequest writeRequest) {
    if (writeRequest.getMessage() instanceof IoBuffer buffer) {
      buffer.mark();
    }
    nextFilter.filterWrite(session, writeRequest);
  }
}
