/**
 * The TFTP wire format (RFC 1350, with the option extension of RFC 2347-2349 and 7440) and the
 * netascii conversion.
 *
 * <p>This package deliberately depends on nothing but {@link java.nio.ByteBuffer}: the MINA-based
 * server and the upstream TFTP client share it, and it is tested without any network.
 */
package io.proxytftp.tftp.codec;
