package io.proxytftp.tftp.upstream;

import io.proxytftp.tftp.transport.TransferPortPool;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.mina.transport.socket.nio.NioDatagramAcceptor;

/** What every fetch of one started fetcher shares. */
record FetchContext(
    TftpFetcherSettings settings,
    NioDatagramAcceptor acceptor,
    TransferPortPool ports,
    FetchRegistry registry,
    ScheduledExecutorService timer,
    Executor workers) {}
