"""The one rule of a password a person sets or is given: 8 to 128 characters, not one of the 30,000 most common
passwords (zxcvbn's list), and not holding the account's username or a word of the person's name. Applied wherever
a password is set: the admin's Buat pengguna and reset, the CLI, Ganti kata sandi, and the first-login passwords
the product makes (which are generated until they pass).
"""
from __future__ import annotations

import re
import secrets
from functools import cache

from models.umum.penolakan import Ditolak

MIN_SANDI = 8
MAKS_SANDI = 128
HURUF_SANDI = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/l/I to misread
PANJANG_SANDI_AWAL = 10

PESAN_PENDEK = f"Kata sandi sedikitnya {MIN_SANDI} karakter."
PESAN_PANJANG = f"Kata sandi paling banyak {MAKS_SANDI} karakter."
PESAN_UMUM = "Kata sandi ini terlalu umum dan mudah ditebak; pilih yang lain."
PESAN_NAMA = "Kata sandi tidak boleh memuat nama pengguna atau nama Anda."
PESAN_TIDAK_SAH = "Kata sandi memuat karakter yang tidak sah."


@cache
def _umum() -> frozenset[str]:
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(p.lower() for p in FREQUENCY_LISTS["passwords"])


def _kata_pribadi(username: str, nama: str) -> list[str]:
    """The username and every part of it or word of the name of four letters or more, lower case.

    >>> _kata_pribadi("sri.dau", "Sri Wahyuni, S.Sos")
    ['sri.dau', 'wahyuni']
    """
    kata = [username.lower()] if username else []
    kata += [k for k in re.split(r"[^a-z0-9]+", f"{username} {nama}".lower()) if len(k) >= 4]
    return list(dict.fromkeys(kata))


def periksa_sandi(password: object, *, username: str = "", nama: str = "") -> str:
    """The password if it may be set; Ditolak with the reason otherwise.

    >>> periksa_sandi("rahasia-baru-1", username="sri.dau", nama="Sri Wahyuni")
    'rahasia-baru-1'
    >>> periksa_sandi("12345678")
    Traceback (most recent call last):
    models.umum.penolakan.Ditolak: Kata sandi ini terlalu umum dan mudah ditebak; pilih yang lain.
    >>> periksa_sandi("wahyuni-2026", username="sri.dau", nama="Sri Wahyuni")
    Traceback (most recent call last):
    models.umum.penolakan.Ditolak: Kata sandi tidak boleh memuat nama pengguna atau nama Anda.
    """
    if not isinstance(password, str) or len(password) < MIN_SANDI:
        raise Ditolak(PESAN_PENDEK)
    if len(password) > MAKS_SANDI:
        raise Ditolak(PESAN_PANJANG)
    if "\x00" in password or not password.isprintable() and any(ord(c) < 32 for c in password):
        raise Ditolak(PESAN_TIDAK_SAH)
    try:
        password.encode("utf-8")
    except UnicodeEncodeError:
        raise Ditolak(PESAN_TIDAK_SAH) from None
    kecil = password.lower()
    if kecil in _umum():
        raise Ditolak(PESAN_UMUM)
    if any(k in kecil for k in _kata_pribadi(username or "", nama or "")):
        raise Ditolak(PESAN_NAMA)
    return password


def sandi_awal(*, username: str = "", nama: str = "") -> str:
    """A first-login password: 10 characters nobody misreads when it is handed over on paper, and one that passes
    the rule above."""
    while True:
        sandi = "".join(secrets.choice(HURUF_SANDI) for _ in range(PANJANG_SANDI_AWAL))
        try:
            return periksa_sandi(sandi, username=username, nama=nama)
        except Ditolak:
            continue
