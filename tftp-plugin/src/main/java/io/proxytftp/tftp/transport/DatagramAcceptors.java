package io.proxytftp.tftp.transport;

import java.util.concurrent.Executor;
import org.apache.mina.transport.socket.DatagramSessionConfig;
import org.apache.mina.transport.socket.nio.NioDatagramAcceptor;

/**
 * A MINA datagram acceptor as both TFTP roles need one: one I/O thread, TFTP's own session
 * recycler, no address reuse, the buffer sizes the role gives, and outgoing buffers marked for MINA
 * 2.2.5's queued sends ({@link MarkedWrites}). Configured before anything is bound, as MINA requires.
 */
public final class DatagramAcceptors {
  private DatagramAcceptors() {}

  /**
   * @param readBufferSize the largest datagram the role receives, plus one to tell an oversized one
   * @param socketBufferSize the kernel's send and receive buffers
   */
  public static NioDatagramAcceptor create(Executor ioThread, int readBufferSize, int socketBufferSize) {
    NioDatagramAcceptor acceptor = new NioDatagramAcceptor(ioThread);
    acceptor.setSessionRecycler(new TftpSessionRecycler());
    acceptor.getFilterChain().addLast("marked-writes", new MarkedWrites());
    DatagramSessionConfig config = acceptor.getSessionConfig();
    config.setReuseAddress(false);
    config.setReadBufferSize(readBufferSize);
    config.setReceiveBufferSize(socketBufferSize);
    config.setSendBufferSize(socketBufferSize);
    return acceptor;
  }
}
