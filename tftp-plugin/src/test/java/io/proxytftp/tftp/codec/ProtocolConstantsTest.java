package io.proxytftp.tftp.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProtocolConstantsTest {

  @Test
  void opcodesHaveTheirRfcValues() {
    assertEquals(1, Opcode.RRQ.code());
    assertEquals(2, Opcode.WRQ.code());
    assertEquals(3, Opcode.DATA.code());
    assertEquals(4, Opcode.ACK.code());
    assertEquals(5, Opcode.ERROR.code());
    assertEquals(6, Opcode.OACK.code());
  }

  @Test
  void everyKnownErrorCodeMapsBackToItsError() {
    for (TftpError error : TftpError.values()) {
      assertEquals(error, TftpError.of(error.code()));
    }
    assertEquals(8, TftpError.OPTION_REFUSED.code());
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 9, 42, 65535})
  void unknownErrorCodeIsNotDefined(int code) {
    assertEquals(TftpError.NOT_DEFINED, TftpError.of(code));
  }

  @Test
  void transferModesParseCaseInsensitively() {
    assertEquals(Optional.of(TransferMode.NETASCII), TransferMode.parse("NetASCII"));
    assertEquals(Optional.of(TransferMode.OCTET), TransferMode.parse("octet"));
    assertEquals(Optional.of(TransferMode.MAIL), TransferMode.parse("MAIL"));
    assertTrue(TransferMode.parse("binary").isEmpty());
    assertEquals("netascii", TransferMode.NETASCII.wireName());
  }
}
