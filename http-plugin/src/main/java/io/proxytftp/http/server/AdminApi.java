package io.proxytftp.http.server;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.inject.Qualifier;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Marks the Jetty {@link org.eclipse.jetty.server.Handler}s that serve the admin API on the admin
 * listener: the seam through which the admin API (under {@code /api/v1}) joins the HTTP server
 * without the server knowing it.
 *
 * <p>The HTTP plugin declares the set; a module adds to it with
 * {@code Multibinder.newSetBinder(binder(), Handler.class, AdminApi.class).addBinding().to(X.class)}.
 * Each handler is asked in turn, after {@code /metrics}, {@code /health} and {@code /ready} and
 * before the admin listener's 404, and only for requests that arrived on the admin listener, never
 * for the phones' one. A handler answers {@code false} from {@code handle} for any path that is not
 * its own, so the next one is asked; one that takes a request completes its callback. They run on
 * the HTTP server's own threads and must not block them for long.
 */
@Qualifier
@Retention(RUNTIME)
@Target({FIELD, PARAMETER, METHOD})
public @interface AdminApi {}
