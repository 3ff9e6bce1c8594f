package io.proxytftp.http.phone;

import io.proxytftp.resolve.ResolvedFile;
import java.time.Instant;
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
 * <p>The entity tag is strong and made of the file's size and its last-modified instant to the
 * nanosecond: {@code "<size>.<seconds>.<nanos>"} in hex. {@link ResolvedFile} exposes no digest
 * of its content (the cache's SHA-256 stays inside the core), so content identity is not available
 * here; every source the core serves from (the local store's files, cache entries, arrivals,
 * signed copies) gets a new instant when its content is replaced, which is what makes the tag
 * change with the bytes. Like Apache httpd's default tags, it may also change without the bytes
 * changing (the same file cached anew), which costs a download, never a wrong answer.
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

  ResolvedFileContent(ResolvedFile file, ByteBufferPool pool, Executor executor) {
    this.file = file;
    this.pool = pool;
    this.resource = new ResolvedFileResource(file, executor);
    this.contentType = new HttpField(HttpHeader.CONTENT_TYPE, ContentTypes.of(file.name()));
    this.contentLength = new HttpField.LongValueHttpField(HttpHeader.CONTENT_LENGTH, file.size());
    this.lastModified = new HttpField(HttpHeader.LAST_MODIFIED, DateGenerator.formatDate(file.lastModified()));
    this.etag = new HttpField(HttpHeader.ETAG, entityTag(file));
  }

  /**
   * The strong entity tag of a file, quoted as in a header. No {@code -} in it: Jetty reads what
   * follows one as the suffix of a compressed variant and ignores it when comparing tags.
   */
  static String entityTag(ResolvedFile file) {
    Instant modified = file.lastModified();
    return "\"" + Long.toHexString(file.size()) + "." + Long.toHexString(modified.getEpochSecond()) + "."
        + Integer.toHexString(modified.getNano()) + "\"";
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
    return file.lastModified();
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
