package io.proxytftp.http.phone;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.proxytftp.cache.CacheWriter;
import io.proxytftp.cache.ContentCache;
import io.proxytftp.config.CacheSettings;
import io.proxytftp.config.GatewaySettings;
import io.proxytftp.resolve.ResolvedFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file still arriving from a remote cluster (the core's cache writer and its arrival, as a
 * search fills them) is sent as its bytes arrive, never ahead of them, and the send fails when the
 * upstream transfer breaks off.
 */
class ArrivingFileContentTest {
  static final int CHUNK = 1024;

  @TempDir Path directory;
  ContentCache cache;
  ExecutorService executor;
  final ByteBufferPool pool = new ArrayByteBufferPool();
  final byte[] content = new byte[10_000];

  @BeforeEach
  void start() throws IOException {
    cache = new ContentCache(new GatewaySettings("test", directory, directory.resolve("store")),
        new CacheSettings(1 << 20, 64 << 20, Duration.ofSeconds(30)), Clock.systemUTC(), new SimpleMeterRegistry());
    cache.start();
    executor = Executors.newFixedThreadPool(2);
    new Random(7).nextBytes(content);
  }

  @AfterEach
  void stop() {
    executor.shutdownNow();
    cache.stop(Duration.ZERO);
  }

  private CacheWriter arriving() throws IOException {
    CacheWriter writer = cache.writer("SIP88xx.14-2-1SR1-1.sbn", "cluster-a 127.0.0.1:69");
    writer.begin(OptionalLong.of(content.length));
    return writer;
  }

  private void arrive(CacheWriter writer, int from, int to) throws IOException {
    writer.write(ByteBuffer.wrap(content, from, to - from));
  }

  private ResolvedFileSource source(ResolvedFile file) {
    return new ResolvedFileSource(file, new ByteBufferPool.Sized(pool, false, CHUNK), executor, 0, content.length);
  }

  /** Completes when the source says a read would give something. */
  private static CompletableFuture<Void> demanded(Content.Source source) {
    CompletableFuture<Void> readable = new CompletableFuture<>();
    source.demand(() -> readable.complete(null));
    return readable;
  }

  @Test
  void aChunkIsReadableOnlyOnceItsBytesHaveArrived() throws Exception {
    try (CacheWriter writer = arriving(); ResolvedFile file = writer.arrival().orElseThrow().open()) {
      ResolvedFileSource source = source(file);
      arrive(writer, 0, CHUNK - 1);
      CompletableFuture<Void> readable = demanded(source);

      assertFalse(readable.isDone(), "the first chunk is not all there yet");
      arrive(writer, CHUNK - 1, CHUNK + 10);
      readable.get(10, TimeUnit.SECONDS);
      Content.Chunk chunk = source.read();

      byte[] bytes = new byte[chunk.remaining()];
      chunk.get(bytes, 0, bytes.length);
      chunk.release();
      assertArrayEquals(Arrays.copyOfRange(content, 0, CHUNK), bytes);
    }
  }

  @Test
  void theWholeFileIsWrittenAsItArrives() throws Exception {
    try (CacheWriter writer = arriving(); ResolvedFile file = writer.arrival().orElseThrow().open()) {
      ResolvedFileContent httpContent = new ResolvedFileContent(file, pool, executor);
      ByteArrayOutputStream sent = new ByteArrayOutputStream();
      CompletableFuture<Void> done = new CompletableFuture<>();
      httpContent.writeTo(Content.Sink.from(sent), 0, -1, Callback.from(done));

      for (int at = 0; at < content.length; at += 700) {
        assertFalse(done.isDone(), "sent before " + content.length + " bytes arrived");
        arrive(writer, at, Math.min(content.length, at + 700));
      }
      assertFalse(done.isDone(), "the end was sent before the file was committed");
      writer.commit(); // only now are the last bytes known to end the file
      done.get(10, TimeUnit.SECONDS);

      assertArrayEquals(content, sent.toByteArray());
    }
  }

  @Test
  void aTransferThatBreaksOffFailsTheSend() throws Exception {
    CacheWriter writer = arriving();
    try (ResolvedFile file = writer.arrival().orElseThrow().open()) {
      ResolvedFileContent httpContent = new ResolvedFileContent(file, pool, executor);
      CompletableFuture<Void> done = new CompletableFuture<>();
      httpContent.writeTo(Content.Sink.from(new ByteArrayOutputStream()), 0, -1, Callback.from(done));
      arrive(writer, 0, 3 * CHUNK);

      writer.abort();

      ExecutionException failure = assertThrows(ExecutionException.class, () -> done.get(10, TimeUnit.SECONDS));
      assertInstanceOf(IOException.class, failure.getCause());
      assertTrue(failure.getCause().getMessage().contains("broke off"), failure.getCause().getMessage());
    }
  }

  @Test
  void aRangeReadsOnlyItsBytes() throws Exception {
    try (CacheWriter writer = arriving(); ResolvedFile file = writer.arrival().orElseThrow().open()) {
      arrive(writer, 0, content.length);
      ResolvedFileSource range = new ResolvedFileSource(file, new ByteBufferPool.Sized(pool, false, CHUNK), executor,
          5_000, 2_500);

      ByteArrayOutputStream read = new ByteArrayOutputStream();
      CompletableFuture<Void> done = new CompletableFuture<>();
      Content.copy(range, Content.Sink.from(read), Callback.from(done));
      done.get(10, TimeUnit.SECONDS);

      assertEquals(2_500, range.getLength());
      assertArrayEquals(Arrays.copyOfRange(content, 5_000, 7_500), read.toByteArray());
    }
  }
}
