package io.proxytftp.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NameClassifierTest {

  @ParameterizedTest
  @CsvSource({
      "SEP001956A3A472.cnf.xml, 001956A3A472",
      "SEP001956A3A472.cnf.xml.sgn, 001956A3A472",
      "SEP001956a3a472.cnf.xml.enc.sgn, 001956A3A472",
      "sep001956a3a472.cnf.xml, 001956A3A472",
      "CTLSEP001956A3A472.tlv, 001956A3A472",
      "ITLSEP001956A3A472.tlv, 001956A3A472",
      "ATA0011223344AB.cnf.xml, 0011223344AB"})
  void deviceFilesYieldTheirMacInUpperCase(String name, String mac) {
    assertEquals(Optional.of(mac), NameClassifier.deviceMac(name));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ITLFile.tlv", "CTLFile.tlv", "XMLDefault.cnf.xml", "RingList.xml", "P0030801SR02.loads",
      "SK2b3c4d5e-0000-1111-2222-333344445555.xml.sgn", "English_United_States/mk-sip.jar",
      "SEP001956A3A47.cnf.xml", "SEP001956A3A4722.cnf.xml", "SEP001956A3A47G.cnf.xml", "SEP001956A3A472",
      "dir/SEP001956A3A472.cnf.xml"})
  void otherFilesHaveNoMac(String name) {
    assertEquals(Optional.empty(), NameClassifier.deviceMac(name));
  }
}
