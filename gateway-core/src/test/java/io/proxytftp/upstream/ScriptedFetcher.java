package io.proxytftp.upstream;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An implementation of the fetcher SPI that answers each address as its script says, off the
 * caller's thread as real fetchers do, and remembers what it was asked: the core's search is tested
 * with it, without the network code of the plugins.
 */
final class ScriptedFetcher implements UpstreamFetcher {

  /** How an address answers one request. */
  enum Answer {
    /** Sends the whole content. */
    SERVES,
    /** Says it has no such file. */
    NOT_FOUND,
    /** Fails before sending anything, as a refused connection or an HTTP 503 does. */
    FAILS,
    /** Begins, sends half the content, then fails. */
    BREAKS_OFF,
    /** Never answers; the future only ends when cancelled. */
    SILENT,
    /**
     * Begins and sends half the content at once, as an overloaded cluster does, and the rest only
     * once {@link #finishDripping} is called; until then the future only ends when cancelled.
     */
    DRIPS
  }

  private final String scheme;
  private final byte[] content;
  private final Map<InetSocketAddress, Deque<Answer>> scripts = new ConcurrentHashMap<>();
  private final List<UpstreamRequest> asked = new CopyOnWriteArrayList<>();
  private final List<CompletableFuture<FetchResult>> silent = new CopyOnWriteArrayList<>();
  private final List<CompletableFuture<FetchResult>> dripping = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Void> restOfTheDrip = new CompletableFuture<>();
  private volatile String hop;

  ScriptedFetcher(String scheme, byte[] content) {
    this.scheme = scheme;
    this.content = content.clone();
  }

  /** The address answers these in turn; the last one for every request after. */
  ScriptedFetcher answers(InetSocketAddress address, Answer... answers) {
    scripts.put(address, new ArrayDeque<>(Arrays.asList(answers)));
    return this;
  }

  /** Every address answers as a proxytftp gateway that names itself {@code hop} ({@code id#token}). */
  ScriptedFetcher namedAs(String hop) {
    this.hop = hop;
    return this;
  }

  List<UpstreamRequest> asked() {
    return List.copyOf(asked);
  }

  /** The fetches that were left unanswered. */
  List<CompletableFuture<FetchResult>> silent() {
    return List.copyOf(silent);
  }

  /** The fetches that began dripping, finished or not. */
  List<CompletableFuture<FetchResult>> dripping() {
    return List.copyOf(dripping);
  }

  /** Lets every dripping fetch not yet cancelled send the rest of the content. */
  void finishDripping() {
    restOfTheDrip.complete(null);
  }

  @Override
  public String scheme() {
    return scheme;
  }

  @Override
  public CompletableFuture<FetchResult> fetch(UpstreamRequest request, ContentSink sink) {
    asked.add(request);
    Deque<Answer> script = scripts.get(request.address());
    Answer answer;
    synchronized (script) {
      answer = script.size() > 1 ? script.removeFirst() : script.getFirst();
    }
    if (answer == Answer.SILENT) {
      CompletableFuture<FetchResult> never = new CompletableFuture<>();
      silent.add(never);
      return never;
    }
    if (answer == Answer.DRIPS) {
      return drip(sink);
    }
    return CompletableFuture.supplyAsync(() -> {
      try {
        return answer(answer, request, sink);
      } catch (IOException e) {
        throw new CompletionException(e);
      }
    });
  }

  private CompletableFuture<FetchResult> drip(ContentSink sink) {
    CompletableFuture<FetchResult> fetch = new CompletableFuture<>();
    dripping.add(fetch);
    CompletableFuture.runAsync(() -> {
      try {
        sink.begin(OptionalLong.of(content.length));
        sink.write(ByteBuffer.wrap(content, 0, content.length / 2));
      } catch (IOException e) {
        fetch.completeExceptionally(e);
      }
    });
    restOfTheDrip.thenRunAsync(() -> {
      if (fetch.isDone()) {
        return; // cancelled: the search has let go of the sink
      }
      try {
        sink.write(ByteBuffer.wrap(content, content.length / 2, content.length - content.length / 2));
        fetch.complete(new FetchResult.Fetched(content.length));
      } catch (IOException e) {
        fetch.completeExceptionally(e);
      }
    });
    return fetch;
  }

  private FetchResult answer(Answer answer, UpstreamRequest request, ContentSink sink) throws IOException {
    if (hop != null) {
      sink.answeredBy(hop);
    }
    switch (answer) {
      case SERVES -> {
        sink.begin(OptionalLong.of(content.length));
        sink.write(ByteBuffer.wrap(content));
        return new FetchResult.Fetched(content.length);
      }
      case NOT_FOUND -> {
        return new FetchResult.NotFound(scheme + " has no " + request.name());
      }
      case BREAKS_OFF -> {
        sink.begin(OptionalLong.of(content.length));
        sink.write(ByteBuffer.wrap(content, 0, content.length / 2));
        throw new UpstreamException(scheme + " at " + request.address() + " broke off");
      }
      default -> throw new UpstreamException(scheme + " at " + request.address() + " fails");
    }
  }
}
