#!/bin/sh
# Regenerates the signed-file test vectors without the gateway's own writer: openssl makes the key and
# certificate and signs, python3 (standard library only) lays out the bytes as certutils does. Re-running
# makes a new key, so every output changes together; commit them all.
#
# Outputs, next to this script:
#   vector-cert.pem          self-signed RSA 2048 signer certificate (the private key is thrown away)
#   vector-body.xml          the original file inside each .sgn
#   vector-sha512.sgn        hash code 3, SHA-512 (current certutils)
#   vector-sha1.sgn          hash code 1, SHA-1
#   vector-code2-sha256.sgn  hash code 2 meaning SHA-256 (older certutils sgnfile)
#   vector-code2-sha512.sgn  hash code 2 meaning SHA-512 (what some documents say old tools wrote)
#   vector-code3-sha384.sgn  hash code 3 meaning SHA-384 (older certutils sgnfile)
#   vector-code4-sha512.sgn  hash code 4 meaning SHA-512 (older certutils sgnfile)
#   vector-itl.tlv           ITL, SHA-512, signer version 1.1: SAST, TFTP and a TVS record with DNS name
#                            and IP address, all for the vector certificate
set -eu
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 36500 -keyout "$work/key.pem" -out vector-cert.pem \
  -subj "/C=NZ/O=Example Vector/OU=Voice/CN=vector-signer" -set_serial 0x5A17C0DE01 2>/dev/null
openssl x509 -in vector-cert.pem -outform DER -out "$work/cert.der"
openssl rsa -in "$work/key.pem" -RSAPublicKey_out -outform DER -out "$work/public.der" 2>/dev/null

printf '<device>\n  <loadInformation>SIP78xx.14-2-1-0001-14</loadInformation>\n</device>\n' > vector-body.xml

python3 - "$work" <<'PY'
import struct
import subprocess
import sys

work = sys.argv[1]
NAME = b'C=NZ;O=Example Vector;OU=Voice;CN=vector-signer\0'
SERIAL = bytes.fromhex('5A17C0DE01')
TIMESTAMP = 1700000000
SIGNATURE_LENGTH = 256


def tlv(tag, value):
    return struct.pack('>BH', tag, len(value)) + value


def container(tag, children):
    return struct.pack('>BH', tag, len(children)) + children


def sign(content, digest):
    return subprocess.run(['openssl', 'dgst', '-' + digest, '-sign', work + '/key.pem'],
                          input=content, stdout=subprocess.PIPE, check=True).stdout


def signed(body, code, digest, filename, signer_version=b''):
    signer = tlv(28, signer_version) if signer_version else b''
    signer += container(3, tlv(4, NAME) + tlv(5, SERIAL) + tlv(6, NAME))
    signer += container(7, tlv(8, bytes([code])) + container(9, tlv(10, b'\x00') + tlv(11, b'\x02')))
    after = tlv(14, filename + b'\0') + tlv(15, struct.pack('>I', TIMESTAMP))
    unpadded = 10 + len(signer) + 3 + SIGNATURE_LENGTH + len(after)
    after += b'\x0d' * (-unpadded % 4)
    before = tlv(1, b'\x01\x02') + tlv(2, struct.pack('>H', unpadded + (-unpadded % 4))) + signer
    signature = sign(before + after + body, digest)
    assert len(signature) == SIGNATURE_LENGTH
    return before + tlv(12, signature) + after + body


def der_children(der):
    """The (start, end) of each element inside a DER SEQUENCE's value."""
    def header(offset):
        length = der[offset + 1]
        if length < 0x80:
            return offset + 2, length
        size = length & 0x7f
        return offset + 2 + size, int.from_bytes(der[offset + 2:offset + 2 + size], 'big')
    start, length = header(0)
    children, offset = [], start
    while offset < start + length:
        value, size = header(offset)
        children.append((value, value + size))
        offset = value + size
    return children


def record(function, extra=b''):
    with open(work + '/cert.der', 'rb') as f:
        cert = f.read()
    with open(work + '/public.der', 'rb') as f:
        public = f.read()
    start, end = der_children(cert)[2]
    signature = cert[start + 1:end]  # a BIT STRING: skip its unused-bits byte
    elements = (extra + tlv(3, NAME) + tlv(4, struct.pack('>H', function)) + tlv(5, NAME) + tlv(6, SERIAL)
                + tlv(7, public) + tlv(8, signature) + tlv(9, cert))
    return tlv(1, struct.pack('>H', 5 + len(elements))) + elements


with open('vector-body.xml', 'rb') as f:
    body = f.read()
for name, code, digest in [('vector-sha512.sgn', 3, 'sha512'), ('vector-sha1.sgn', 1, 'sha1'),
                           ('vector-code2-sha256.sgn', 2, 'sha256'), ('vector-code2-sha512.sgn', 2, 'sha512'),
                           ('vector-code3-sha384.sgn', 3, 'sha384'), ('vector-code4-sha512.sgn', 4, 'sha512')]:
    with open(name, 'wb') as f:
        f.write(signed(body, code, digest, b'SEP001122334455.cnf.xml'))

records = record(0) + record(3) + record(21, tlv(2, b'tvs.example.com\0') + tlv(10, bytes([192, 0, 2, 10])))
with open('vector-itl.tlv', 'wb') as f:
    f.write(signed(records, 3, 'sha512', b'ITLFile.tlv', b'\x01\x01'))
PY
