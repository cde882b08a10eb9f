"""A throw-away certificate authority, made with ``cryptography`` and labelled as a test authority in every
name: a root, a signer, an expired signer, a time-stamping authority, and the .p12 files (one without its
private key).  The tests and ``scorecard-gui --self-test`` sign with it; nothing real ever should."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

PASSWORD = b"clave-de-prueba"


def _name(
    cn: str, org: str = "Autoridad de Certificación de PRUEBA (no válida)", title: str | None = None
) -> x509.Name:
    attrs = [
        x509.NameAttribute(NameOID.COUNTRY_NAME, "EC"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, org),
        x509.NameAttribute(NameOID.COMMON_NAME, cn),
    ]
    if title:
        attrs.append(x509.NameAttribute(NameOID.TITLE, title))
    return x509.Name(attrs)


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _cert(
    subject: x509.Name,
    key: rsa.RSAPrivateKey,
    issuer: x509.Name,
    issuer_key: rsa.RSAPrivateKey,
    *,
    ca: bool,
    start: dt.datetime,
    end: dt.datetime,
    eku: list[x509.ObjectIdentifier] | None = None,
) -> x509.Certificate:
    b = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.KeyUsage(
                digital_signature=not ca,
                content_commitment=not ca,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=ca,
                crl_sign=ca,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
    )
    if eku:
        b = b.add_extension(x509.ExtendedKeyUsage(eku), critical=True)
    return b.sign(issuer_key, hashes.SHA256())


@dataclass(frozen=True)
class ThrowawayPKI:
    root: x509.Certificate
    root_pem: Path
    signer_p12: Path
    expired_p12: Path
    keyless_p12: Path
    other_root_pem: Path
    tsa_cert: x509.Certificate
    tsa_key: rsa.RSAPrivateKey


def build(folder: Path) -> ThrowawayPKI:
    now = dt.datetime.now(dt.UTC)
    root_key = _key()
    root_name = _name("Raíz de PRUEBA del proyecto GPR")
    root = _cert(
        root_name,
        root_key,
        root_name,
        root_key,
        ca=True,
        start=now - dt.timedelta(days=30),
        end=now + dt.timedelta(days=3650),
    )
    signer_key = _key()
    signer = _cert(
        _name("María José Peñafiel Núñez", "Ministerio del Interior", "Ministra del Interior"),
        signer_key,
        root_name,
        root_key,
        ca=False,
        start=now - dt.timedelta(days=1),
        end=now + dt.timedelta(days=365),
    )
    old_key = _key()
    expired = _cert(
        _name("Firmante Caducado"),
        old_key,
        root_name,
        root_key,
        ca=False,
        start=now - dt.timedelta(days=400),
        end=now - dt.timedelta(days=35),
    )
    tsa_key = _key()
    tsa = _cert(
        _name("Sellado de tiempo de PRUEBA"),
        tsa_key,
        root_name,
        root_key,
        ca=False,
        start=now - dt.timedelta(days=1),
        end=now + dt.timedelta(days=365),
        eku=[ExtendedKeyUsageOID.TIME_STAMPING],
    )
    other_key = _key()
    other_name = _name("Otra raíz ajena")
    other = _cert(
        other_name,
        other_key,
        other_name,
        other_key,
        ca=True,
        start=now - dt.timedelta(days=1),
        end=now + dt.timedelta(days=365),
    )
    enc = serialization.BestAvailableEncryption(PASSWORD)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "root.pem").write_bytes(root.public_bytes(serialization.Encoding.PEM))
    (folder / "other.pem").write_bytes(other.public_bytes(serialization.Encoding.PEM))
    (folder / "firmante.p12").write_bytes(
        pkcs12.serialize_key_and_certificates(b"firmante", signer_key, signer, [root], enc)
    )
    (folder / "caducado.p12").write_bytes(
        pkcs12.serialize_key_and_certificates(b"caducado", old_key, expired, [root], enc)
    )
    (folder / "sin-clave.p12").write_bytes(
        pkcs12.serialize_key_and_certificates(b"sin-clave", None, signer, [root], enc)
    )
    return ThrowawayPKI(
        root,
        folder / "root.pem",
        folder / "firmante.p12",
        folder / "caducado.p12",
        folder / "sin-clave.p12",
        folder / "other.pem",
        tsa,
        tsa_key,
    )


def dummy_timestamper(pki: ThrowawayPKI) -> object:
    """pyHanko's own test time-stamper, signing with the test authority's TSA certificate."""
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

    der_key = pki.tsa_key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return DummyTimeStamper(
        tsa_cert=asn1_x509.Certificate.load(pki.tsa_cert.public_bytes(serialization.Encoding.DER)),
        tsa_key=asn1_keys.PrivateKeyInfo.load(der_key),
    )
