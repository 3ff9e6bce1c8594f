/**
 * The TFTP client the gateway uses to fetch files it does not hold from the TFTP services of remote
 * clusters (Cisco CUCM, tftpd-hpa, another proxytftp): {@link io.proxytftp.tftp.upstream.TftpFetcher}
 * and the state machine of one fetch behind it.
 */
package io.proxytftp.tftp.upstream;
