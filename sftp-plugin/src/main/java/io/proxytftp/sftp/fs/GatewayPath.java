package io.proxytftp.sftp.fs;

import java.io.IOException;
import java.nio.file.LinkOption;
import java.util.List;
import org.apache.sshd.common.file.util.BasePath;

/** A path of the gateway's view: names separated by {@code /}, absolute from {@code /}. */
final class GatewayPath extends BasePath<GatewayPath, GatewayFileSystem> {

  GatewayPath(GatewayFileSystem fileSystem, String root, List<String> names) {
    super(fileSystem, root, names);
  }

  /** The names from the view's root, {@code ..} and {@code .} resolved. */
  List<String> absoluteNames() {
    return toAbsolutePath().normalize().names;
  }

  /** The view has no links: the real path is the normalised absolute path of something that exists. */
  @Override
  public GatewayPath toRealPath(LinkOption... options) throws IOException {
    GatewayPath absolute = toAbsolutePath().normalize();
    getFileSystem().provider().checkAccess(absolute);
    return absolute;
  }
}
