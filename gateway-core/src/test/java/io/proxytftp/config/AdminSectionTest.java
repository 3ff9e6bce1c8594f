package io.proxytftp.config;

import static io.proxytftp.config.Loading.MINIMAL;
import static io.proxytftp.config.Loading.onlyProblem;
import static io.proxytftp.config.Loading.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdminSectionTest {

  @Test
  void absentSectionLeavesTheAdminApiOff() throws Exception {
    assertFalse(parse(MINIMAL).admin().configured());
  }

  @Test
  void tokenAndBasicCredentialsComeFromTheEnvironment() throws Exception {
    AdminSettings admin = parse(MINIMAL + """
        admin:
          token: ${TOKEN}
          username: ops
          password: ${PASSWORD}
        """, Map.of("TOKEN", "0123456789abcdef0123", "PASSWORD", "correct horse battery")).admin();
    assertEquals(Optional.of("0123456789abcdef0123"), admin.token());
    assertEquals(Optional.of(new AdminSettings.BasicCredentials("ops", "correct horse battery")), admin.basic());
    assertTrue(admin.configured());
  }

  @Test
  void shortTokenIsRefused() {
    ConfigProblem problem = onlyProblem(MINIMAL + "admin: { token: secret }");
    assertEquals("admin.token", problem.field());
    assertEquals("must be at least 16 characters, got 6", problem.message());
  }

  @Test
  void userNameWithoutPasswordIsRefused() {
    assertEquals("admin.password", onlyProblem(MINIMAL + "admin: { username: ops }").field());
  }

  @Test
  void secretsNeverAppearInTheSettingsText() throws Exception {
    String text = parse(MINIMAL + "admin: { token: 0123456789abcdef0123, username: ops, password: correcthorsebattery }")
        .admin().toString();
    assertFalse(text.contains("0123456789abcdef0123") || text.contains("correcthorsebattery"), text);
  }
}
