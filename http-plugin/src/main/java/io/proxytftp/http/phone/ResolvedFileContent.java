package io.proxytftp.http.phone;

import io.proxytftp.resolve.ResolvedFile;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import org.eclipse.jetty.http.CompressedContentFormat;
import org.eclipse.jetty.http.DateGenerator;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.http.content.HttpContent;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.resource.Resource;

/**
 * A resolved file as Jetty {@link HttpContent}: what {@link org.eclipse.jetty.server.ResourceService}
 * needs to answer conditional and range requests for it (validators, length, type) and to send
 * its bytes.
 *
 * <p>The entity tag is strong and is the content's SHA-256 ({@link ResolvedFile#sha256()}), quoted:
 * the same bytes get the same tag whichever source serves them and however often a cluster's copy
 * is fetched again, so a download resumes with {@code If-Range} and a phone revalidates with
 * {@code If-None-Match}. {@code Last-Modified} is when the content was first stored, which the
 * cache keeps while a fetch brings the same bytes.
 *
 * <p>A file still arriving from a cluster has no digest yet: its answers carry neither an entity
 * tag nor a date, rather than ones that would name the bytes differently once they are all in
 * (a client that resumes with a validator the file no longer has would get the whole file again,
 * and one whose validator outlived a broken-off transfer could splice two versions). Without
 * validators a resume sends no {@code If-Range} and gets its range; conditional requests are
 * answered as {@link PhoneResources} says.
 *
 * <p>{@code Last-Modified} is written by Jetty's {@link DateGenerator}: IMF-fixdate (RFC 9110,
 * 5.6.7), two-digit day, English names, GMT, whatever the JVM's zone and language. Not by
 * {@code HttpDateTime.format} or {@code DateTimeFormatter.RFC_1123_DATE_TIME}, which write a
 * one-digit day on the 1st to the 9th of a month.
 */
final class ResolvedFileContent implements HttpContent {
  private final ResolvedFile file;
  private final ByteBufferPool pool;
  private final ResolvedFileResource resource;
  private final HttpField contentType;
  private final HttpField contentLength;
  private final HttpField lastModified;
  private final HttpField etag;
  private final Instant modified;

  ResolvedFileContent(ResolvedFile file, ByteBufferPool pool, Executor executor) {
    this.file = file;
    this.pool = pool;
    this.resource = new ResolvedFileResource(file, executor);
    this.contentType = new HttpField(HttpHeader.CONTENT_TYPE, ContentTypes.of(file.name()));
    this.contentLength = new HttpField.LongValueHttpField(HttpHeader.CONTENT_LENGTH, file.size());
    Optional<String> digest = file.sha256();
    this.modified = digest.isPresent() ? file.lastModified() : null;
    this.lastModified = digest.isPresent()
        ? new HttpField(HttpHeader.LAST_MODIFIED, DateGenerator.formatDate(modified)) : null;
    this.etag = digest.map(sha256 -> new HttpField(HttpHeader.ETAG, "\"" + sha256 + "\"")).orElse(null);
  }

  /** Whether the answer carries validators: only once the content's digest is known. */
  boolean validated() {
    return etag != null;
  }

  @Override
  public HttpField getContentType() {
    return contentType;
  }

  @Override
  public HttpField getContentEncoding() {
    return null;
  }

  @Override
  public HttpField getContentLength() {
    return contentLength;
  }

  @Override
  public HttpField getLastModified() {
    return lastModified;
  }

  @Override
  public HttpField getETag() {
    return etag;
  }

  @Override
  public String getCharacterEncoding() {
    return null;
  }

  @Override
  public MimeTypes.Type getMimeType() {
    return MimeTypes.CACHE.get(contentType.getValue());
  }

  @Override
  public Instant getLastModifiedInstant() {
    return modified;
  }

  @Override
  public long getContentLengthValue() {
    return file.size();
  }

  @Override
  public Resource getResource() {
    return resource;
  }

  /** Sends {@code length} bytes from {@code offset}; a negative length means to the end. */
  @Override
  public void writeTo(Content.Sink sink, long offset, long length, Callback callback) {
    Content.Source source = resource.newContentSource(
        new ByteBufferPool.Sized(pool, false, ResolvedFileSource.DEFAULT_CHUNK), offset, length);
    Content.copy(source, sink, callback);
  }

  /** Never compressed: phone files are mostly signed or already compressed, and phones ask for none. */
  @Override
  public Set<CompressedContentFormat> getPreCompressedContentFormats() {
    return Set.of();
  }
}
