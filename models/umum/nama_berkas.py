"""The name a downloaded file is offered under: a slug of lower-case letters, digits and dashes plus its
extension, so that no name typed into the product (an SOP's, an office's, an attachment's) can add a parameter to
Content-Disposition or pick another extension."""
from __future__ import annotations

import re
import unicodedata

MAKS_SLUG = 120  # characters before the extension
_BUKAN_SLUG = re.compile(r"[^A-Za-z0-9]+")
_EKSTENSI = re.compile(r"[a-z0-9]{1,10}")


def slug(teks: str) -> str:
    """Letters (lower case, accents dropped) and digits of `teks`, every other run of characters one dash; "berkas"
    if none.

    >>> slug("SOP Poncokusumo Penyusunan Renja (revisi 2)")
    'sop-poncokusumo-penyusunan-renja-revisi-2'
    >>> slug('Renja2";filename*=UTF-8\\'\\'laporan.html;x="')
    'renja2-filename-utf-8-laporan-html-x'
    >>> slug("Kecamatan Ngantang – Évaluasi"), slug("\\";\\r\\n"), slug("a\\ud800b")
    ('kecamatan-ngantang-evaluasi', 'berkas', 'ab')
    """
    huruf = unicodedata.normalize("NFKD", teks).encode("ascii", "ignore").decode("ascii")
    hasil = _BUKAN_SLUG.sub("-", huruf.lower()).strip("-")[:MAKS_SLUG].strip("-")
    return hasil or "berkas"


def nama_unduhan(nama: str, ekstensi: str | None = None) -> str:
    """The file name a download is offered under: `slug(nama)` and the extension (given, else the name's own when
    it is letters and digits).

    >>> nama_unduhan("Laporan Kinerja Poncokusumo 2025", "pdf")
    'laporan-kinerja-poncokusumo-2025.pdf'
    >>> nama_unduhan("bukti rapat.PDF"), nama_unduhan("foto"), nama_unduhan("x.h tml")
    ('bukti-rapat.pdf', 'foto', 'x-h-tml')
    """
    if ekstensi is None:
        dasar, titik, akhir = nama.rpartition(".")
        if titik and dasar and _EKSTENSI.fullmatch(akhir.lower()):
            nama, ekstensi = dasar, akhir
    ekstensi = (ekstensi or "").lower()
    if ekstensi and not _EKSTENSI.fullmatch(ekstensi):
        raise ValueError(f"ekstensi tidak sah: {ekstensi!r}")
    return f"{slug(nama)}.{ekstensi}" if ekstensi else slug(nama)
