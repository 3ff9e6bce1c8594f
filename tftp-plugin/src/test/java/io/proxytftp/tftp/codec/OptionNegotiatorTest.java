package io.proxytftp.tftp.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OptionNegotiatorTest {
  private static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(1500);
  private static final Duration NO_CEILING = Duration.ofSeconds(255);
  private static final OptionalLong SIZE = OptionalLong.of(4096);
  private static final OptionalLong UNKNOWN_SIZE = OptionalLong.empty();

  private final OptionNegotiator uncapped =
      new OptionNegotiator(TftpCodec.MAX_BLOCK_SIZE, 65535, DEFAULT_TIMEOUT, NO_CEILING);

  private Negotiation negotiate(String name, String value) throws OptionRefusedException {
    return uncapped.negotiate(Map.of(name, value), SIZE);
  }

  private void assertRefused(String name, String value) {
    OptionRefusedException e =
        assertThrows(OptionRefusedException.class, () -> negotiate(name, value));
    assertEquals(name, e.option());
    assertTrue(e.getMessage().contains(name), e.getMessage());
    assertTrue(e.getMessage().contains("'" + value + "'"), e.getMessage());
  }

  @Test
  void noOptionsGiveTheRfc1350Defaults() throws OptionRefusedException {
    Negotiation negotiation = uncapped.negotiate(Map.of(), SIZE);
    assertEquals(TransferOptions.defaults(DEFAULT_TIMEOUT), negotiation.options());
    assertTrue(negotiation.acknowledged().isEmpty());
  }

  @Test
  void defaultsAre512BytesOneBlockPerWindow() {
    assertEquals(
        new TransferOptions(512, Duration.ofSeconds(3), 1),
        TransferOptions.defaults(Duration.ofSeconds(3)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"8", "512", "1428", "65464", "0008"})
  void blksizeWithinRangeIsGranted(String value) throws OptionRefusedException {
    Negotiation negotiation = negotiate("blksize", value);
    int expected = Integer.parseInt(value);
    assertEquals(expected, negotiation.options().blockSize());
    assertEquals(Map.of("blksize", Integer.toString(expected)), negotiation.acknowledged());
  }

  @Test
  void blksizeBelowEightIsRefused() {
    assertRefused("blksize", "7");
    assertRefused("blksize", "0");
  }

  @ParameterizedTest
  @ValueSource(strings = {"65465", "65535", "99999999999999999999999999"})
  void blksizeAbove65464IsGrantedTheLargestAllowed(String value) throws OptionRefusedException {
    Negotiation negotiation = negotiate("blksize", value);
    assertEquals(TftpCodec.MAX_BLOCK_SIZE, negotiation.options().blockSize());
    assertEquals(Map.of("blksize", "65464"), negotiation.acknowledged());
  }

  @CsvSource({"1428, 1428", "1429, 1428", "65464, 1428", "8, 8"})
  @ParameterizedTest
  void blksizeIsCappedToTheConfiguredMaximum(int requested, int granted)
      throws OptionRefusedException {
    OptionNegotiator capped = new OptionNegotiator(1428, 65535, DEFAULT_TIMEOUT, NO_CEILING);
    Negotiation negotiation = capped.negotiate(Map.of("blksize", "" + requested), SIZE);
    assertEquals(granted, negotiation.options().blockSize());
    assertEquals(Map.of("blksize", "" + granted), negotiation.acknowledged());
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "5", "255"})
  void timeoutWithinRangeIsGrantedAsRequested(String value) throws OptionRefusedException {
    Negotiation negotiation = negotiate("timeout", value);
    assertEquals(Duration.ofSeconds(Long.parseLong(value)), negotiation.options().timeout());
    assertEquals(Map.of("timeout", value), negotiation.acknowledged());
  }

  @ParameterizedTest
  @CsvSource({"1, true", "5, true", "6, false", "255, false"})
  void timeoutAboveTheCeilingIsLeftOutAndTheServersOwnApplies(int requested, boolean granted)
      throws OptionRefusedException {
    OptionNegotiator capped = new OptionNegotiator(1428, 8, DEFAULT_TIMEOUT, Duration.ofSeconds(5));
    Negotiation negotiation = capped.negotiate(Map.of("timeout", "" + requested, "tsize", "0"), SIZE);
    assertEquals(granted ? Duration.ofSeconds(requested) : DEFAULT_TIMEOUT, negotiation.options().timeout());
    assertEquals(granted, negotiation.acknowledged().containsKey("timeout"), negotiation.acknowledged().toString());
    assertEquals("4096", negotiation.acknowledged().get("tsize"));
  }

  @Test
  void timeoutAboveTheRfcRangeIsRefusedEvenAboveTheCeiling() {
    OptionNegotiator capped = new OptionNegotiator(1428, 8, DEFAULT_TIMEOUT, Duration.ofSeconds(5));
    assertThrows(OptionRefusedException.class, () -> capped.negotiate(Map.of("timeout", "256"), SIZE));
  }

  @Test
  void timeoutOfZeroIsRefused() {
    assertRefused("timeout", "0");
  }

  @Test
  void timeoutAbove255IsRefused() {
    assertRefused("timeout", "256");
  }

  @Test
  void tsizeIsAcknowledgedWithTheRealSize() throws OptionRefusedException {
    Negotiation negotiation = negotiate("tsize", "0");
    assertEquals(Map.of("tsize", "4096"), negotiation.acknowledged());
  }

  @Test
  void tsizeIsSilentlyNotAcknowledgedWhenTheSizeIsUnknown() throws OptionRefusedException {
    Negotiation negotiation = uncapped.negotiate(Map.of("tsize", "0"), UNKNOWN_SIZE);
    assertTrue(negotiation.acknowledged().isEmpty());
    assertEquals(TransferOptions.defaults(DEFAULT_TIMEOUT), negotiation.options());
  }

  @Test
  void tsizeUpToLongMaxIsAccepted() throws OptionRefusedException {
    assertEquals(Map.of("tsize", "4096"), negotiate("tsize", "9223372036854775807").acknowledged());
  }

  @ParameterizedTest
  @ValueSource(strings = {"enable", "", "-1", "+0", " 0", "9223372036854775808", "lots"})
  void rrqWithAnyTsizeValueGetsTheRealSizeInTheOack(String value) throws OptionRefusedException {
    assertEquals(Map.of("tsize", "4096"), negotiate("tsize", value).acknowledged());
  }

  @Test
  void rrqWithTsizeEnableGetsTheRealSizeInTheOack()
      throws MalformedPacketException, OptionRefusedException {
    ReadRequest request =
        (ReadRequest) TftpCodec.decode(Datagrams.datagram(1, "f\0octet\0tsize\0enable\0"));
    assertEquals(Map.of("tsize", "4096"), uncapped.negotiate(request.options(), SIZE).acknowledged());
  }

  @Test
  void tsizeOfAnyValueIsSilentlyNotAcknowledgedWhenTheSizeIsUnknown()
      throws OptionRefusedException {
    assertTrue(uncapped.negotiate(Map.of("tsize", "enable"), UNKNOWN_SIZE).acknowledged().isEmpty());
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "16", "65535"})
  void windowsizeWithinRangeIsGranted(String value) throws OptionRefusedException {
    Negotiation negotiation = negotiate("windowsize", value);
    assertEquals(Integer.parseInt(value), negotiation.options().windowSize());
    assertEquals(Map.of("windowsize", value), negotiation.acknowledged());
  }

  @Test
  void windowsizeOfZeroIsRefused() {
    assertRefused("windowsize", "0");
  }

  @ParameterizedTest
  @ValueSource(strings = {"65536", "70000", "4294967297"})
  void windowsizeAbove65535IsGrantedTheLargestAllowed(String value) throws OptionRefusedException {
    Negotiation negotiation = negotiate("windowsize", value);
    assertEquals(65535, negotiation.options().windowSize());
    assertEquals(Map.of("windowsize", "65535"), negotiation.acknowledged());
  }

  @Test
  void windowsizeIsCappedToTheConfiguredMaximum() throws OptionRefusedException {
    OptionNegotiator capped = new OptionNegotiator(1428, 8, DEFAULT_TIMEOUT, NO_CEILING);
    Negotiation negotiation = capped.negotiate(Map.of("windowsize", "64"), SIZE);
    assertEquals(8, negotiation.options().windowSize());
    assertEquals(Map.of("windowsize", "8"), negotiation.acknowledged());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "blksize|abc",
        "blksize|\"\"",
        "blksize|+1024",
        "blksize|-1024",
        "blksize|\" 1024\"",
        "blksize|\"1024 \"",
        "blksize|1024.0",
        "blksize|0x400",
        "blksize|١٠٢٤",
        "timeout|+5",
        "timeout|9223372036854775808",
        "timeout|5s",
        "windowsize|-1",
        "windowsize|1e3"
      })
  void malformedNumbersAreRefusedNotCrashedOn(String name, String value) {
    assertRefused(name, value);
  }

  @Test
  void unknownOptionsAreIgnored() throws OptionRefusedException {
    Map<String, String> requested = new LinkedHashMap<>();
    requested.put("multicast", "");
    requested.put("blksize", "1024");
    requested.put("utimeout", "garbage");
    Negotiation negotiation = uncapped.negotiate(requested, SIZE);
    assertEquals(Map.of("blksize", "1024"), negotiation.acknowledged());
  }

  @Test
  void onlyUnknownOptionsMeanNoOack() throws OptionRefusedException {
    assertTrue(uncapped.negotiate(Map.of("rollover", "0"), SIZE).acknowledged().isEmpty());
  }

  /** The cascade option as the TFTP server answers it: with its own hop, whatever the request's list. */
  private final OptionNegotiator answering = new OptionNegotiator(TftpCodec.MAX_BLOCK_SIZE, 65535, DEFAULT_TIMEOUT,
      NO_CEILING, Map.of("proxytftp-via", "proxytftp-1#k3vq7zma"));

  @Test
  void anOptionOfTheServersOwnIsAnsweredWithItsValueInTheOackBesideTheOthers()
      throws MalformedPacketException, OptionRefusedException {
    ReadRequest request = (ReadRequest) TftpCodec.decode(Datagrams.datagram(1,
        "f\0octet\0blksize\0001428\0Proxytftp-Via\0proxytftp-1#2xw4tq9p,gw-b#2xw4tq9p\0tsize\0000\0"));
    Negotiation negotiation = answering.negotiate(request.options(), SIZE);
    assertEquals(List.of("blksize", "proxytftp-via", "tsize"), List.copyOf(negotiation.acknowledged().keySet()));
    assertEquals("proxytftp-1#k3vq7zma", negotiation.acknowledged().get("proxytftp-via"));
  }

  /** A request whose only option is the server's own keeps the plain RFC 1350 transfer it had. */
  @Test
  void anOptionOfTheServersOwnAloneMeansNoOack() throws OptionRefusedException {
    Negotiation negotiation = answering.negotiate(Map.of("proxytftp-via", "gw-a#2xw4tq9p", "rollover", "0"), SIZE);
    assertTrue(negotiation.acknowledged().isEmpty());
    assertEquals(TransferOptions.defaults(DEFAULT_TIMEOUT), negotiation.options());
  }

  @Test
  void anOptionOfTheServersOwnIsNotAnsweredUnasked() throws OptionRefusedException {
    assertEquals(Map.of("blksize", "1024"), answering.negotiate(Map.of("blksize", "1024"), SIZE).acknowledged());
  }

  @Test
  void acknowledgedOptionsFollowTheRequestOrder() throws OptionRefusedException {
    Map<String, String> requested = new LinkedHashMap<>();
    requested.put("windowsize", "4");
    requested.put("tsize", "0");
    requested.put("timeout", "2");
    requested.put("blksize", "1400");
    Negotiation negotiation = uncapped.negotiate(requested, SIZE);
    assertEquals(
        List.of("windowsize", "tsize", "timeout", "blksize"),
        List.copyOf(negotiation.acknowledged().keySet()));
    assertEquals(new TransferOptions(1400, Duration.ofSeconds(2), 4), negotiation.options());
  }

  @Test
  void optionNamesAreMatchedCaseInsensitively() throws OptionRefusedException {
    Negotiation negotiation = uncapped.negotiate(Map.of("BlkSize", "1024"), SIZE);
    assertEquals(Map.of("blksize", "1024"), negotiation.acknowledged());
  }

  @Test
  void negotiatesWhatAnRrqDecodedFromTheWireCarries()
      throws MalformedPacketException, OptionRefusedException {
    ReadRequest request =
        (ReadRequest)
            TftpCodec.decode(
                Datagrams.datagram(1, "f\0octet\0BLKSIZE\0001428\0TSIZE\0000\0blksize\0008\0"));
    Negotiation negotiation = uncapped.negotiate(request.options(), SIZE);
    assertEquals(Map.of("blksize", "1428", "tsize", "4096"), negotiation.acknowledged());
  }

  @Test
  void acknowledgedOptionsFitInAnOack() throws OptionRefusedException, MalformedPacketException {
    Negotiation negotiation = negotiate("blksize", "1024");
    OptionAckPacket oack = new OptionAckPacket(negotiation.acknowledged());
    assertEquals(oack, TftpCodec.decode(TftpCodec.encode(oack)));
  }

  @Test
  void constructorRejectsLimitsOutsideTheRfcs() {
    assertThrows(IllegalArgumentException.class, () -> new OptionNegotiator(7, 1, DEFAULT_TIMEOUT, NO_CEILING));
    assertThrows(
        IllegalArgumentException.class, () -> new OptionNegotiator(65465, 1, DEFAULT_TIMEOUT, NO_CEILING));
    assertThrows(
        IllegalArgumentException.class, () -> new OptionNegotiator(512, 0, DEFAULT_TIMEOUT, NO_CEILING));
    assertThrows(
        IllegalArgumentException.class, () -> new OptionNegotiator(512, 65536, DEFAULT_TIMEOUT, NO_CEILING));
    assertThrows(IllegalArgumentException.class, () -> new OptionNegotiator(512, 1, Duration.ZERO, NO_CEILING));
    assertThrows(
        IllegalArgumentException.class, () -> new OptionNegotiator(512, 1, Duration.ofSeconds(-1), NO_CEILING));
    assertThrows(
        IllegalArgumentException.class, () -> new OptionNegotiator(512, 1, DEFAULT_TIMEOUT, Duration.ZERO));
  }

  @Test
  void constructorAcceptsTheRfcExtremes() {
    new OptionNegotiator(8, 1, Duration.ofNanos(1), NO_CEILING);
    new OptionNegotiator(65464, 65535, Duration.ofDays(1), NO_CEILING);
  }

  @Test
  void transferOptionsRejectValuesOutsideTheRfcs() {
    Duration second = Duration.ofSeconds(1);
    assertThrows(IllegalArgumentException.class, () -> new TransferOptions(7, second, 1));
    assertThrows(IllegalArgumentException.class, () -> new TransferOptions(65465, second, 1));
    assertThrows(IllegalArgumentException.class, () -> new TransferOptions(512, Duration.ZERO, 1));
    assertThrows(IllegalArgumentException.class, () -> new TransferOptions(512, second, 0));
    assertThrows(IllegalArgumentException.class, () -> new TransferOptions(512, second, 65536));
  }
}
