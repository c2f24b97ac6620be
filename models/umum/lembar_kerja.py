"""Spreadsheets written and read by the product.

Read: an uploaded workbook is opened only within bounds (its size, and what its zip holds once unpacked), so a
small file that unpacks to gigabytes is refused before anything parses it; then its parts are streamed once,
counting the rows of each sheet, the cells of each row and the shared texts, so that a small sheet whose one row
holds half a million cells (which openpyxl would build whole, even to read its first columns) is refused too. Every
upload of a workbook goes through buka_xlsx: Isi Realisasi, Impor Pegawai, the targets' and the budget's templates.

Written: every text a person typed stays text when the file is opened.

A recommendation or a note that begins with "=", "+", "-" or "@" would otherwise be read by a spreadsheet as a
formula (and a formula can fetch or run things). In an xlsx such a cell is stored as a string; in a CSV it is
preceded by an apostrophe, which spreadsheets take as "this is text" and do not show.
"""
from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Sequence

from lxml import etree
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

from models.umum.angka import tulis_angka
from models.umum.batas_unggah import BatasUnggah
from models.umum.penolakan import Ditolak

MAKS_BERKAS = 2 * 1024 * 1024  # an uploaded workbook, as sent
UNGGAH_XLSX = BatasUnggah(MAKS_BERKAS, ("xlsx",))  # the upload field of a workbook and its server check
MAKS_TERBUKA = 8 * 1024 * 1024  # everything its zip holds, unpacked (the template: about 20 KB)
MAKS_BAGIAN = 100  # files inside the zip
# Counted while the parts stream, before openpyxl reads anything. The templates read back hold at most 500 rows
# under a header of up to 12 columns (MAKS_BARIS of each import) and a few thousand texts: twenty times that and
# more, for the rows people format beyond the data; a hostile sheet holds hundreds of thousands.
MAKS_BARIS_LEMBAR = 10_000  # rows of one sheet
MAKS_SEL_BARIS = 200  # cells of one row
MAKS_TEKS_BERSAMA = 100_000  # shared texts of the workbook

_SML = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_BARIS, _SEL, _TEKS = f"{_SML}row", f"{_SML}c", f"{_SML}si"




# What a damaged or hostile sheet raises while openpyxl parses it lazily (read-only mode reads a row when asked).
GALAT_BACA = (ValueError, OverflowError, SyntaxError, KeyError, TypeError, EOFError, zipfile.BadZipFile, zlib.error)


def buku_templat(*, lembar: str, judul: str, isian: Sequence[tuple[str, object]], catatan: Sequence[str],
                 kolom: Sequence[str], baris_judul: int, bungkus: bool = False) -> tuple[Workbook, Worksheet]:
    """A template workbook as the product's uploads read it back: its title in A1, the period's fields (label,
    value) from A2 down, the notes from D2 down, the header row at `baris_judul` (wrapped with `bungkus`)."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None  # a new workbook has its sheet
    ws.title = lembar
    ws["A1"] = judul
    ws["A1"].font = Font(bold=True, size=13)
    for n, (label, nilai) in enumerate(isian, start=2):
        ws.cell(row=n, column=1, value=label)
        ws.cell(row=n, column=2, value=nilai)
    for n, teks in enumerate(catatan, start=2):
        ws.cell(row=n, column=4, value=teks)
    for i, teks in enumerate(kolom, start=1):
        c = ws.cell(row=baris_judul, column=i, value=teks)
        c.font = Font(bold=True)
        c.fill = PatternFill("solid", fgColor="DDEBF7")
        if bungkus:
            c.alignment = Alignment(wrap_text=True, vertical="top")
    return wb, ws


def baris_templat(data: bytes, *, lembar: str, kolom: Sequence[str], baris_judul: int, maks_baris: int,
                  nama_baris: str, halaman: str = "halaman ini") -> list[tuple]:
    """The rows of an uploaded copy of a template made by buku_templat, up to one past `maks_baris` below its header:
    refused, with the reason, when the sheet is missing, its header is not the template's or it holds more rows
    (`nama_baris`: what a row is, "sub kegiatan"; `halaman`: where the template is downloaded)."""
    wb = buka_xlsx(data)
    if lembar not in wb.sheetnames:
        raise Ditolak(f'Lembar "{lembar}" tidak ada; gunakan templat yang diunduh dari {halaman}.')
    semua = baca_baris(wb, lembar, baris=baris_judul + maks_baris + 1, kolom=len(kolom))
    if len(semua) < baris_judul or [" ".join(str(x or "").split()) for x in semua[baris_judul - 1]] != list(kolom):
        raise Ditolak(f"Baris judul (baris {baris_judul}) tidak sesuai templat; unduh templat baru.")
    if len(semua) > baris_judul + maks_baris:
        raise Ditolak(f"Lembar berisi lebih dari {maks_baris} baris {nama_baris}.")
    return semua


def baca_baris(wb: Workbook, lembar: str, *, baris: int, kolom: int) -> list[tuple]:
    """The sheet's first rows and columns as values; a sheet that cannot be parsed is refused with a message."""
    try:
        return list(wb[lembar].iter_rows(min_row=1, max_row=baris, max_col=kolom, values_only=True))
    except GALAT_BACA:
        raise Ditolak(f'Lembar "{lembar}" rusak atau tidak dapat dibaca; gunakan templat yang diunduh dari '
                            "halaman ini.") from None


def buka_xlsx(data: bytes) -> Workbook:
    """Open an uploaded .xlsx read-only, after checking it stays within the bounds."""
    if len(data) > MAKS_BERKAS:
        raise Ditolak("Berkas Excel lebih dari 2 MB; gunakan templat yang diunduh dari halaman ini.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            bagian = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise Ditolak("Berkas bukan buku kerja Excel (.xlsx) yang dapat dibaca.") from None
    if len(bagian) > MAKS_BAGIAN or sum(b.file_size for b in bagian) > MAKS_TERBUKA:
        raise Ditolak("Isi berkas Excel terlalu besar setelah dibuka (lebih dari 8 MB); gunakan templat yang "
                            "diunduh dari halaman ini.")
    _periksa_isi(data)
    try:
        return load_workbook(io.BytesIO(data), data_only=True, read_only=True)
    except (InvalidFileException, zipfile.BadZipFile, OSError, KeyError, ValueError):
        raise Ditolak("Berkas bukan buku kerja Excel (.xlsx) yang dapat dibaca.") from None


def _lebih(apa: str, batas: int, satuan: str, per: str = "") -> Ditolak:
    angka = tulis_angka(batas)
    return Ditolak(f"{apa} lebih dari {angka} {satuan} (paling banyak {angka} {satuan}{per}); gunakan templat yang "
                   "diunduh dari halaman ini.")


class _Penghitung:
    """A parser target (nothing is built: each element is counted as it opens and forgotten) that refuses a part
    at the first bound passed: rows of a sheet, cells of a row, shared texts of the workbook."""

    def __init__(self) -> None:
        self.baris = self.sel = self.teks = 0
        self.nomor = ""  # the row as the sheet numbers it, for the message

    def start(self, tag: str, attrib) -> None:
        if tag == _SEL:
            self.sel += 1
            if self.sel > MAKS_SEL_BARIS:
                raise _lebih(f"Baris {self.nomor} lembar kerja berisi", MAKS_SEL_BARIS, "sel", " per baris")
        elif tag == _BARIS:
            self.baris, self.sel = self.baris + 1, 0
            r = attrib.get("r", "")
            self.nomor = r if r.isdigit() and len(r) < 8 else str(self.baris)
            if self.baris > MAKS_BARIS_LEMBAR:
                raise _lebih("Lembar kerja berisi", MAKS_BARIS_LEMBAR, "baris", " per lembar")
        elif tag == _TEKS:
            self.teks += 1
            if self.teks > MAKS_TEKS_BERSAMA:
                raise _lebih("Berkas Excel berisi", MAKS_TEKS_BERSAMA, "teks")

    def close(self) -> None:  # no end() nor data(): lxml then does not call back for them
        pass


def _periksa_isi(data: bytes) -> None:
    """Stream every part of the workbook's zip (whatever its name: a sheet is known by its elements, not by where
    the workbook says it is) through _Penghitung, in chunks, before openpyxl opens anything; memory stays flat
    whatever a part holds. A part that is not XML (a picture) is left to openpyxl, which refuses what it cannot
    read."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for info in z.infolist():
            pengurai = etree.XMLParser(target=_Penghitung(), resolve_entities=False, no_network=True,
                                       load_dtd=False, huge_tree=False)
            try:
                with z.open(info) as isi:
                    while potongan := isi.read(64 * 1024):
                        pengurai.feed(potongan)
                pengurai.close()
            except etree.XMLSyntaxError:
                continue
            except (zipfile.BadZipFile, OSError, EOFError, zlib.error, RuntimeError, NotImplementedError):
                # RuntimeError: a part protected by a password; NotImplementedError: a compression zipfile lacks
                raise Ditolak("Berkas bukan buku kerja Excel (.xlsx) yang dapat dibaca.") from None


def simpan_xlsx(wb: Workbook) -> bytes:
    """The workbook's bytes, with no cell a formula: the product writes values only."""
    for ws in wb.worksheets:
        for baris in ws.iter_rows():
            for sel in baris:
                if sel.data_type == "f":
                    sel.data_type = "s"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
