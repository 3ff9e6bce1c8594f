/**
 * UDP plumbing shared by the TFTP server and the upstream TFTP fetcher: a pool of transfer ports
 * bound in batches on a MINA datagram acceptor, and the session recycler that keeps a transfer's
 * sessions until it closes them.
 */
package io.proxytftp.tftp.transport;
