"""The NIP (Nomor Induk Pegawai) of a civil servant: 18 digits, printed in its four groups."""
from __future__ import annotations

from models.umum.penolakan import Ditolak


def format_nip(nip: str | None) -> str | None:
    """An 18-digit NIP as it is printed: birth date, appointment month, sex, serial; anything else as it is.

    >>> format_nip("196102191981031007"), format_nip(None)
    ('19610219 198103 1 007', None)
    """
    if not nip or len(nip) != 18 or not nip.isdigit():
        return nip
    return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"


def baca_nip(teks: str | None) -> str | None:
    """A NIP as typed (spaces and dots allowed) → its 18 digits; nothing typed → None; Ditolak otherwise.

    >>> baca_nip("19610219 198103 1 007"), baca_nip("  ")
    ('196102191981031007', None)
    """
    nip = "".join(ch for ch in (teks or "") if not ch.isspace() and ch != ".")
    if not nip:
        return None
    if len(nip) != 18 or not nip.isdigit():
        raise Ditolak(f'NIP "{" ".join((teks or "").split())}" harus 18 angka.')
    return nip
