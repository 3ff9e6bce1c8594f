package io.proxytftp.http.phone;

import io.proxytftp.resolve.ResolvedFile;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Executor;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.resource.Resource;

/**
 * A {@link ResolvedFile} as a Jetty {@link Resource}, so that Jetty's own range machinery (the
 * parts of a {@code multipart/byteranges} answer) reads it through {@link ResolvedFileSource},
 * which honours content still arriving. It has no path on disk and no children: a served name is
 * always a single file.
 */
final class ResolvedFileResource extends Resource implements Content.Source.Factory {
  private final ResolvedFile file;
  private final Executor executor;

  ResolvedFileResource(ResolvedFile file, Executor executor) {
    this.file = file;
    this.executor = executor;
  }

  @Override
  public Content.Source newContentSource(ByteBufferPool.Sized pool, long first, long length) {
    return new ResolvedFileSource(file, pool, executor, first, length < 0 ? file.size() - first : length);
  }

  @Override
  public Path getPath() {
    return null;
  }

  @Override
  public boolean exists() {
    return true;
  }

  @Override
  public boolean isDirectory() {
    return false;
  }

  @Override
  public boolean isReadable() {
    return true;
  }

  @Override
  public Instant lastModified() {
    return file.lastModified();
  }

  @Override
  public long length() {
    return file.size();
  }

  @Override
  public URI getURI() {
    try {
      return new URI("proxytftp", "/" + file.name(), null); // quotes what a URI may not hold
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String getName() {
    return file.name();
  }

  @Override
  public String getFileName() {
    return file.name().substring(file.name().lastIndexOf('/') + 1);
  }

  @Override
  public Resource resolve(String subUriPath) {
    return null;
  }
}
