package io.proxytftp.plugin;

import com.google.inject.Binder;
import com.google.inject.multibindings.Multibinder;

/** The one place plugins and the core add {@link GatewayService}s to the container. */
public final class GatewayServices {
  private GatewayServices() {}

  /** The multibinder of services; bind with {@code binder(binder()).addBinding().to(X.class)}. */
  public static Multibinder<GatewayService> binder(Binder binder) {
    return Multibinder.newSetBinder(binder, GatewayService.class);
  }
}
