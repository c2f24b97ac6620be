"""Hostile uploads within the size limits, for the tests and tests/bench/bench_unggah.py: a small .docx whose
document.xml unpacks to tens of megabytes of step rows, and a small .xlsx with one row of hundreds of thousands of
cells. Built from the real shapes (a seed procedure written as Word does; the product's own template), so only
their size is hostile."""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

SEED = Path(__file__).resolve().parents[1] / "seed" / "dokumen"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_seed(nama: str = "002_2eba5d60cbbee145.txt") -> bytes:
    """A seed document written as Word with its flowchart shapes (every step marked in its first column)."""
    from models.sop.dokumen import baca_dokumen
    from tests.docx_contoh import Tanda, tulis_docx

    prosedur = baca_dokumen((SEED / nama).read_text(encoding="utf-8-sig"), nama)
    return tulis_docx([(p, [Tanda((p.pelaksana[0],), lk.keputusan) for lk in p.langkah]) for p in prosedur])


def docx_banyak_langkah(langkah: int) -> bytes:
    """A seed procedure's Word document whose procedure table holds `langkah` step rows, each a copy of a real step
    row (cells, text and flowchart shapes) numbered in order: 11,000 steps unpack to about 60 MB."""
    from tests.docx_contoh import ganti_bagian

    asli = docx_seed()
    with zipfile.ZipFile(io.BytesIO(asli)) as z:
        xml = z.read("word/document.xml").decode()
    tabel = [m for m in re.finditer(r"<w:tbl>.*?</w:tbl>", xml, re.S)]
    prosedur = next(m for m in tabel if "Kelengkapan" in m.group(0))  # the procedure table, not the identity's
    baris = re.findall(r"<w:tr[ >].*?</w:tr>", prosedur.group(0), re.S)
    langkah_ke = [i for i, b in enumerate(baris) if re.match(r"<w:tr[ >].*?<w:tc>.*?<w:t(?: [^>]*)?>\d+</w:t>.*?</w:tc>", b, re.S)
                  and re.match(r"<w:tr[ >](?:(?!</w:tc>).)*?<w:t(?: [^>]*)?>\d+</w:t>", b, re.S)]
    contoh = baris[langkah_ke[-1]]  # the last step row (the total follows it)
    awal, _no, akhir = re.match(r"(.*?<w:t(?: [^>]*)?>)(\d+)(</w:t>.*)", contoh, re.S).groups()
    isi = "".join(f"{awal}{n}{akhir}" for n in range(1, langkah + 1))
    pembuka = prosedur.group(0)[: prosedur.group(0).index(baris[0])]
    tabel_baru = (pembuka + "".join(baris[: langkah_ke[0]]) + isi + "".join(baris[langkah_ke[-1] + 1:])
                  + "</w:tbl>")
    xml = xml[: prosedur.start()] + tabel_baru + xml[prosedur.end():]
    return ganti_bagian(asli, "word/document.xml", xml.encode())


def xlsx_lembar(data_lembar: str, *, lembar: str | None = None, teks_bersama: int = 0) -> bytes:
    """A workbook whose first sheet (named `lembar`, by default the Isi Realisasi template's) holds `data_lembar`
    as its sheetData, with `teks_bersama` shared texts: small compressed, large unpacked."""
    from openpyxl import Workbook

    from models.kinerja.excel import LEMBAR

    wb = Workbook()
    wb.active.title = lembar or LEMBAR
    asli = io.BytesIO()
    wb.save(asli)
    sml = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    ganti = {"xl/worksheets/sheet1.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet '
                                         f'xmlns="{sml}"><sheetData>{data_lembar}</sheetData></worksheet>'}
    if teks_bersama:
        ganti["xl/sharedStrings.xml"] = (f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{sml}">'
                                         + "<si><t>x</t></si>" * teks_bersama + "</sst>")
    keluar = io.BytesIO()
    with zipfile.ZipFile(asli) as masuk, zipfile.ZipFile(keluar, "w", zipfile.ZIP_DEFLATED) as z:
        for b in masuk.infolist():
            z.writestr(b.filename, ganti.pop(b.filename, None) or masuk.read(b))
        for nama, isi in ganti.items():
            z.writestr(nama, isi)
    return keluar.getvalue()


def xlsx_satu_baris(sel: int, *, lembar: str | None = None) -> bytes:
    """One row of `sel` bare cells (`<c/>`): 500,000 of them are a 7 KB file of 2 MB unpacked, under the 8 MB."""
    return xlsx_lembar(f'<row r="1">{"<c/>" * sel}</row>', lembar=lembar)


def bersandi(data: bytes, nama: str) -> bytes:
    """The zip with one part marked as protected by a password (bit 0 of its flags in the central directory), which
    zipfile refuses to open without one."""
    buf = bytearray(data)
    awal = 0
    while (awal := buf.find(b"PK\x01\x02", awal)) >= 0:
        panjang = int.from_bytes(buf[awal + 28:awal + 30], "little")
        if buf[awal + 46:awal + 46 + panjang].decode() == nama:
            buf[awal + 8] |= 1
            return bytes(buf)
        awal += 4
    raise KeyError(nama)


def ukur(fungsi, *, tangkap: type[BaseException] | tuple[type[BaseException], ...] = ()):
    """(what the call returned, or the `tangkap` exception it raised; its seconds; the peak of Python's allocations
    in MB during a second call): timed untraced, since tracemalloc slows every allocation."""
    import time
    import tracemalloc

    def coba():
        try:
            return fungsi()
        except tangkap as e:
            return e

    mulai = time.perf_counter()
    hasil = coba()
    detik = time.perf_counter() - mulai
    tracemalloc.start()
    coba()
    puncak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return hasil, detik, puncak
