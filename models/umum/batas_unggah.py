"""What an upload field takes: the largest file and the kinds of file, with the messages that name them.

One value per field serves three places: the page's dcc.Upload (max_size, accept), the browser's message before
anything is sent (assets/unggah.js fills in the templates given to it) and the server's refusal, which is checked
again whatever the browser did. The limits themselves stay where the files are read: attachments in
models.umum.berkas, workbooks in models.umum.lembar_kerja, Word SOPs in models.sop.docx_baca.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from models.umum.angka import tulis_angka
from models.umum.penolakan import Ditolak

MB = 1024 * 1024


def ukuran_teks(byte: int) -> str:
    """A file's size in MB as the messages print it, one decimal rounded up (a file just over 5 MB is "5,1 MB",
    never "5 MB"); assets/unggah.js prints it the same way.

    >>> ukuran_teks(20 * MB), ukuran_teks(5 * MB + 1), ukuran_teks(2 * MB), ukuran_teks(3_000_000)
    ('20 MB', '5,1 MB', '2 MB', '2,9 MB')
    """
    return f"{tulis_angka(math.ceil(byte * 10 / MB) / 10, 1)} MB"


@dataclass(frozen=True)
class BatasUnggah:
    maks_byte: int
    jenis: tuple[str, ...]  # extensions, lower case, without the dot

    @property
    def accept(self) -> str:
        """dcc.Upload's accept: ".pdf,.jpg"."""
        return ",".join(f".{j}" for j in self.jenis)

    @property
    def jenis_teks(self) -> str:
        """ "PDF, PNG atau XLSX"."""
        nama = [j.upper() for j in self.jenis]
        return nama[0] if len(nama) == 1 else f"{', '.join(nama[:-1])} atau {nama[-1]}"

    @property
    def templat_besar(self) -> str:
        return f"Berkas {{nama}} {{ukuran}}; paling besar {ukuran_teks(self.maks_byte)}."

    @property
    def templat_jenis(self) -> str:
        return f"Berkas {{nama}} tidak diterima; hanya berkas {self.jenis_teks}."

    def periksa(self, nama: str, ukuran: int) -> None:
        """Refuse a file of another kind or over the size, naming the file and the limit.

        >>> BatasUnggah(5 * MB, ("pdf", "png")).periksa("laporan.pdf", 20 * MB)
        Traceback (most recent call last):
        models.umum.penolakan.Ditolak: Berkas laporan.pdf 20 MB; paling besar 5 MB.
        >>> BatasUnggah(8 * MB, ("docx", "txt")).periksa("sop.PDF", 100)
        Traceback (most recent call last):
        models.umum.penolakan.Ditolak: Berkas sop.PDF tidak diterima; hanya berkas DOCX atau TXT.
        """
        ext = nama.rsplit(".", 1)[-1].lower() if "." in nama else ""
        if ext not in self.jenis:
            raise Ditolak(self.templat_jenis.format(nama=nama))
        if ukuran > self.maks_byte:
            raise Ditolak(self.templat_besar.format(nama=nama, ukuran=ukuran_teks(ukuran)))
