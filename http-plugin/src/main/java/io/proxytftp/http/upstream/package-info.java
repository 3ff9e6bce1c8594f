/**
 * The HTTP client the gateway uses to fetch files from remote clusters that also serve them over
 * HTTP ({@code services.tftp.http-port}, CUCM's port 6970): {@link
 * io.proxytftp.http.upstream.HttpFetcher}, and {@link io.proxytftp.http.upstream.HttpFetcherModule}
 * that contributes it to the core.
 */
package io.proxytftp.http.upstream;
