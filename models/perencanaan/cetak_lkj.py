"""The Laporan Kinerja printed as Word (.docx) and PDF (A4 portrait): a cover, a table of contents, page numbers,
the chapters "BAB I PENDAHULUAN" to "BAB IV PENUTUP" and the "LAMPIRAN", tables, each IKU's five-year trend as a
chart (a PNG drawn here with Pillow, which fpdf2 already needs), and the Camat's signature block.

Both files are written from one `Naskah`: a list of blocks (headings, paragraphs, tables, charts) read from the
report `models.perencanaan.laporan_kinerja.susun_lkj` assembles, so the Word file and the PDF say the same.
"""
from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from models.perencanaan.anggaran import rupiah
from models.perencanaan.laporan_kinerja import (
    BELUM_REALISASI,
    AnalisisIku,
    AnalisisSasaran,
    Lkj,
    Teks,
    keterangan,
)
from models.perencanaan.perjanjian_kinerja import teks_target
from models.umum.angka import format_angka, tulis_angka, tulis_persen, tulis_realisasi, tulis_target
from models.umum.pdf import FONTA, GAYA_KEPALA, LembarPdf, tanda_tangan
from models.umum.periode import hari_ini
from models.umum.status import StatusLaporan, StatusPerjanjian
from models.umum.tanggal import tanggal_panjang

BAB = ("BAB I PENDAHULUAN", "BAB II PERENCANAAN KINERJA", "BAB III AKUNTABILITAS KINERJA", "BAB IV PENUTUP",
       "LAMPIRAN")
BELUM_DITULIS = "(belum ditulis)"


def persen(x: float | None) -> str:
    """A percentage as every page prints it (models.umum.angka.tulis_persen).

    >>> persen(94.7368), persen(None)
    ('94,74%', '-')
    """
    return tulis_persen(x)


def _atau_belum(x: float | None) -> str:
    """A percentage in a sentence: "belum tersedia" rather than a bare "-".

    >>> _atau_belum(None), _atau_belum(65.4921)
    ('belum tersedia', '65,49%')
    """
    return "belum tersedia" if x is None else persen(x)


def _angka(x: float | None, satuan: str = "") -> str:
    return "-" if x is None else f"{tulis_angka(x)} {satuan}".strip()


# ---------------------------------------------------------------- the chart


@lru_cache(maxsize=4)
def _fonta(ukuran: int, tebal: bool = False) -> Any:
    nama = "DejaVuSansCondensed-Bold.ttf" if tebal else "DejaVuSansCondensed.ttf"
    return ImageFont.truetype(str(FONTA / nama), ukuran)


def grafik_tren(iku: AnalisisIku) -> bytes:
    """The IKU's capaian per year as a bar chart (PNG, 1200 × 480 px), with the 100 % line; a year without a
    capaian shows "-" and no bar (empty is not zero). Drawn once per process for the same code and figures (the
    Word file and the PDF of a report show the same charts)."""
    return _grafik_tren(iku.kode, tuple((t.tahun, t.ukuran.capaian) for t in iku.tren))


@lru_cache(maxsize=64)  # a chart's PNG is some tens of KB
def _grafik_tren(kode: str, tren: tuple[tuple[int, float | None], ...]) -> bytes:
    w, h, kiri, kanan, atas, bawah = 1200, 480, 90, 30, 60, 70
    img = Image.new("RGB", (w, h), "white")
    d = ImageDraw.Draw(img)
    d.text((kiri, 15), f"Tren capaian {kode} (%)", fill="#212529", font=_fonta(26, True))
    nilai = [v for _, v in tren]
    puncak = max([120.0, *[v for v in nilai if v is not None]])
    tinggi = h - atas - bawah
    y0 = h - bawah

    def y(v: float) -> float:
        return y0 - v / puncak * tinggi

    for garis in range(0, int(puncak) + 1, 20):
        d.line([(kiri, y(garis)), (w - kanan, y(garis))], fill="#e9ecef", width=1)
        d.text((kiri - 10, y(garis)), str(garis), fill="#6c757d", font=_fonta(18), anchor="rm")
    d.line([(kiri, y(100)), (w - kanan, y(100))], fill="#dc3545", width=2)
    d.text((w - kanan, y(100) - 4), "100%", fill="#dc3545", font=_fonta(18), anchor="rb")
    n = max(1, len(tren))
    lebar = (w - kiri - kanan) / n
    for i, (tahun, v) in enumerate(tren):
        x = kiri + i * lebar + lebar / 2
        if v is not None:
            d.rectangle([x - min(lebar * 0.3, 60), y(v), x + min(lebar * 0.3, 60), y0], fill="#0d6efd")
        d.text((x, (y(v) if v is not None else y0) - 6), format_angka(v, 2) if v is not None else "-",
               fill="#212529", font=_fonta(20, True), anchor="mb")
        d.text((x, y0 + 10), str(tahun), fill="#212529", font=_fonta(20), anchor="mt")
    d.line([(kiri, y0), (w - kanan, y0)], fill="#212529", width=2)
    keluaran = io.BytesIO()
    img.save(keluaran, format="PNG")
    return keluaran.getvalue()


# ---------------------------------------------------------------- the text, once for both files


@dataclass(frozen=True)
class Judul:
    teks: str
    tingkat: int  # 1: a chapter (a new page, in the table of contents), 2 and 3: its sections


@dataclass(frozen=True)
class Paragraf:
    teks: str
    catatan: bool = False  # small and grey: who wrote it, carried over, an explanation


@dataclass(frozen=True)
class Tabel:
    kepala: tuple[str, ...]
    baris: tuple[tuple[str, ...], ...]
    lebar: tuple[float, ...]  # millimetres (170 between the margins)
    kanan: frozenset[int] = frozenset()  # columns of numbers
    kosong: str = "Tidak ada data."


@dataclass(frozen=True)
class Gambar:
    png: bytes
    lebar: float  # millimetres


@dataclass(frozen=True)
class TandaTangan:
    pass


Blok = Judul | Paragraf | Tabel | Gambar | TandaTangan


@dataclass(frozen=True)
class Naskah:
    judul: str
    kecamatan: str
    kabupaten: str
    tahun: int
    camat: Any
    tanggal: str  # the date under the signature
    draf: str | None  # why it is not final yet, printed on the cover
    blok: list[Blok] = field(default_factory=list)
    nama_berkas: str = ""


def _teks(blok: list[Blok], t: Teks) -> None:
    if t.isi is None:
        blok.append(Paragraf(BELUM_DITULIS, catatan=True))
        return
    for bagian in t.isi.split("\n"):
        if bagian.strip():
            blok.append(Paragraf(bagian.strip()))
    asal = f" (dibawa dari Laporan Kinerja {t.tahun_asal})" if t.dibawa else ""
    oleh = f"Ditulis oleh {t.oleh}" if t.oleh else "Ditulis"
    pada = f", {tanggal_panjang(t.pada.date())}" if t.pada else ""
    blok.append(Paragraf(f"{oleh}{pada}{asal}.", catatan=True))


def _bab_i(lkj: Lkj, blok: list[Blok]) -> None:
    blok.append(Judul(BAB[0], 1))
    for n, t in enumerate(lkj.bab1, start=1):
        blok.append(Judul(f"1.{n} {t.judul}", 2))
        _teks(blok, t)


def _bab_ii(lkj: Lkj, blok: list[Blok]) -> None:
    blok.append(Judul(BAB[1], 1))
    blok.append(Judul("2.1 Rencana Strategis", 2))
    blok.append(Paragraf("Sasaran strategis dan indikator kinerja utama Renstra kecamatan dengan target akhir "
                         "periodenya."))
    baris = []
    for s in lkj.renstra:
        for n, i in enumerate(s.indikator):
            baris.append((s.sasaran if n == 0 else "", i.kode, i.nama, i.satuan,
                          f"{_angka(i.target_akhir)} ({i.periode})" if i.periode else "belum ditetapkan"))
    blok.append(Tabel(("Sasaran", "Kode", "Indikator Kinerja", "Satuan", "Target akhir Renstra"), tuple(baris),
                      (45, 15, 60, 18, 32), kosong="Kantor ini belum memiliki IKU."))
    blok.append(Judul(f"2.2 Perjanjian Kinerja Tahun {lkj.tahun}", 2))
    _pk(lkj.pk, blok)


def _pk(pk: dict[str, Any], blok: list[Blok]) -> None:
    status = ("ditandatangani" if pk.get("status") == StatusPerjanjian.DITANDATANGANI
              else "draf (belum ditandatangani)")
    tanggal = f" pada {tanggal_panjang(date.fromisoformat(pk['tanggal']))}" if pk.get("tanggal") else ""
    pertama, kedua = pk["pihak_pertama"], pk["pihak_kedua"]
    blok.append(Paragraf(f"Perjanjian Kinerja {pertama['jabatan']} ({pertama['nama'] or '-'}) dengan "
                         f"{kedua['jabatan']} ({kedua['nama'] or '-'}), {status}{tanggal}."))
    baris, program = [], []
    for s in pk.get("sasaran", []):
        for n, i in enumerate(s["indikator"]):
            baris.append((s["sasaran"] if n == 0 else "", i["nama"], teks_target(i["target"], i["satuan"])))
        for n, p in enumerate(s["program"]):
            program.append((s["sasaran"] if n == 0 else "", f"{p['kode']} {p['program']}", rupiah(p["pagu"])))
    blok.append(Tabel(("Sasaran", "Indikator Kinerja", "Target"), tuple(baris), (60, 80, 30), frozenset({2}),
                      "Belum ada indikator."))
    if program:
        program.append(("", "Jumlah", rupiah(pk.get("total_pagu"))))
    blok.append(Tabel(("Sasaran", "Program", "Anggaran"), tuple(program), (60, 75, 35), frozenset({2}),
                      "Belum ada program DPA yang dikaitkan dengan sasaran."))


def _iku(lkj: Lkj, i: AnalisisIku, nomor: str, blok: list[Blok]) -> None:
    blok.append(Judul(f"{nomor} {i.kode} {i.nama}", 3))
    blok.append(Paragraf(f"Satuan: {i.satuan}. Rumus capaian: {i.rumus}.", catatan=True))
    u = i.tahun
    blok.append(Paragraf(f"a. Target dan realisasi {lkj.tahun}: target {tulis_target(i.target, i.satuan)}, realisasi "
                         f"{tulis_realisasi(u.realisasi, i.satuan)}, capaian {persen(u.capaian)}"
                         + (f" ({u.predikat})." if u.predikat else f" ({keterangan(u)}).")))
    if len(i.tren) > 1:
        b = f"b. Dibandingkan tahun-tahun sebelumnya ({i.tren[0].tahun}–{i.tren[-1].tahun}):"
    elif i.tren:  # one year only: nothing earlier is recorded, and the heading says so rather than "2025–2025"
        b = f"b. Dibandingkan tahun-tahun sebelumnya: belum ada data sebelum {i.tren[0].tahun}."
    else:
        b = "b. Dibandingkan tahun-tahun sebelumnya: belum ada data."
    blok.append(Paragraf(b))
    blok.append(Tabel(("Tahun", "Target", "Realisasi", "Capaian", "Keterangan"),
                      tuple((str(t.tahun), _angka(t.target), _angka(t.ukuran.realisasi), persen(t.ukuran.capaian),
                             keterangan(t.ukuran) or (t.ukuran.predikat or "")) for t in i.tren),
                      (20, 28, 28, 28, 66), frozenset({1, 2, 3})))
    if i.tren:
        blok.append(Gambar(grafik_tren(i), 150))
    r = i.terhadap_renstra
    blok.append(Paragraf(
        f"c. Terhadap target akhir Renstra {i.renstra}: target {tulis_target(i.target_renstra, i.satuan)}, capaian "
        f"{persen(r.capaian if r else None)}." if i.renstra else
        "c. Terhadap target akhir Renstra: belum ada target Renstra yang mencakup tahun ini."))
    p = i.pembanding
    if p is None:
        blok.append(Paragraf("d. Pembanding: indikator khusus kecamatan ini, tidak dibandingkan dengan kecamatan "
                             "lain."))
    else:
        urutan = (f"peringkat {p.posisi.peringkat} dari {p.posisi.jumlah} kecamatan yang memiliki capaian"
                  if p.posisi.peringkat else f"kecamatan ini belum memiliki capaian; {p.posisi.jumlah} kecamatan "
                                             "memiliki capaian")
        selisih = (u.capaian - p.median if u.capaian is not None and p.median is not None else None)
        blok.append(Paragraf(f"d. Pembanding Kabupaten {lkj.kabupaten}: median capaian {persen(p.median)}, capaian "
                             f"tertinggi {persen(p.tertinggi)}; {urutan}"
                             + (f", selisih dari median {format_angka(selisih, 2)} poin." if selisih is not None
                                else ".")))
    for huruf, t in (("e", i.penyebab), ("f", i.upaya), ("g", i.hambatan)):
        blok.append(Paragraf(f"{huruf}. {t.judul}:"))
        _teks(blok, t)
    if i.rencana_aksi:
        blok.append(Paragraf("h. Rencana Aksi yang mendukung:"))
        blok.append(Tabel(("TW", "Kegiatan", "Terlaksana"),
                          tuple((str(k.triwulan), k.kegiatan, k.terlaksana or "-") for k in i.rencana_aksi),
                          (12, 84, 74)))


def _sasaran(lkj: Lkj, no: int, s: AnalisisSasaran, blok: list[Blok]) -> None:
    blok.append(Judul(f"3.{no} Sasaran: {s.sasaran}", 2))
    for n, i in enumerate(s.iku, start=1):
        _iku(lkj, i, f"3.{no}.{n}", blok)
    e = s.efisiensi
    if e is not None:
        selisih = e.efisiensi
        blok.append(Paragraf(
            f"Efisiensi sumber daya: capaian rata-rata sasaran {_atau_belum(e.capaian)} dengan penyerapan anggaran "
            f"{_atau_belum(e.penyerapan)} ({rupiah(e.realisasi, kosong=BELUM_REALISASI)} dari pagu {rupiah(e.pagu)})"
            + (f"; selisih {format_angka(selisih, 2)} poin." if selisih is not None else
               "; belum dapat dibandingkan.")))
    if s.program:
        blok.append(Paragraf("Program dan kegiatan yang mendukung sasaran ini:"))
        blok.append(_tabel_anggaran(s.program))


def _tabel_anggaran(baris: Sequence[Any], total: tuple[str, ...] | None = None) -> Tabel:
    isi: list[tuple[str, ...]] = [(b.kode, b.nama if b.tingkat == "program" else f"   {b.nama}", rupiah(b.pagu),
            rupiah(b.realisasi, kosong=BELUM_REALISASI), persen(b.penyerapan)) for b in baris]
    if total:
        isi.append(total)
    return Tabel(("Kode", "Program / Kegiatan", "Pagu", "Realisasi", "Penyerapan"), tuple(isi), (28, 62, 30, 30, 20),
                 frozenset({2, 3, 4}), "Belum ada DPA tahun ini.")


def _bab_iii(lkj: Lkj, blok: list[Blok]) -> None:
    blok.append(Judul(BAB[2], 1))
    blok.append(Judul("A. Capaian Kinerja Organisasi", 2))
    blok.append(Paragraf("Capaian dihitung dari realisasi resmi (disahkan Camat) terhadap target tahun; capaian "
                         "kosong berarti belum tersedia, bukan 0.", catatan=True))
    for no, s in enumerate(lkj.sasaran, start=1):
        _sasaran(lkj, no, s, blok)
    blok.append(Judul("B. Realisasi Anggaran", 2))
    total = (("", "Jumlah", rupiah(lkj.pagu), rupiah(lkj.realisasi, kosong=BELUM_REALISASI), persen(lkj.penyerapan))
             if lkj.pagu is not None else None)
    blok.append(_tabel_anggaran(lkj.anggaran, total))


def _bab_iv(lkj: Lkj, blok: list[Blok]) -> None:
    blok.append(Judul(BAB[3], 1))
    for n, t in enumerate(lkj.bab4, start=1):
        blok.append(Judul(f"4.{n} {t.judul}", 2))
        _teks(blok, t)
    blok.append(TandaTangan())


def _lampiran(lkj: Lkj, blok: list[Blok]) -> None:
    blok.append(Judul(BAB[4], 1))
    blok.append(Judul(f"Lampiran 1. Perjanjian Kinerja Tahun {lkj.tahun}", 2))
    _pk(lkj.pk, blok)
    blok.append(Judul(f"Lampiran 2. Pengukuran Kinerja Tahun {lkj.tahun}", 2))
    th = lkj.tahun
    blok.append(Tabel(
        ("Kode", "Indikator", "Target", "Realisasi", "Capaian", f"Capaian {th - 1}", "Capaian thd Renstra"),
        tuple((b.kode, b.indikator, _angka(b.target), _angka(b.tahun.realisasi), persen(b.tahun.capaian),
               persen(b.lalu.capaian), persen(b.terhadap_renstra.capaian) if b.terhadap_renstra else "-")
              for b in lkj.pengukuran.baris),
        (15, 55, 18, 20, 20, 21, 21), frozenset({2, 3, 4, 5, 6}), "Kantor ini belum memiliki IKU."))


def naskah(lkj: Lkj, *, dicetak: date | None = None) -> Naskah:
    """The printed report, block by block."""
    p = lkj.perjalanan
    if p.status == StatusLaporan.DITANDATANGANI:
        draf = None
    elif p.status == StatusLaporan.DIREVIU:
        draf = "DRAF — sudah direviu, belum ditandatangani"
    else:
        draf = "DRAF — belum direviu dan belum ditandatangani"
    tanggal = tanggal_panjang(p.tanggal or dicetak or hari_ini())
    blok: list[Blok] = []
    _bab_i(lkj, blok)
    _bab_ii(lkj, blok)
    _bab_iii(lkj, blok)
    _bab_iv(lkj, blok)
    _lampiran(lkj, blok)
    nama = "".join(c for c in f"Laporan Kinerja {lkj.kecamatan} {lkj.tahun}" if c not in '\\/:*?"<>|')
    return Naskah(f"LAPORAN KINERJA TAHUN {lkj.tahun}", lkj.kecamatan, lkj.kabupaten, lkj.tahun, lkj.camat, tanggal,
                  draf, blok, nama)


# ---------------------------------------------------------------- PDF


def _sampul_pdf(pdf: LembarPdf, n: Naskah) -> None:
    pdf.add_page()
    pdf.ln(55)
    pdf.set_font("dejavu", "B", 22)
    pdf.multi_cell(0, 11, f"LAPORAN KINERJA\nTAHUN {n.tahun}", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(12)
    pdf.set_font("dejavu", "B", 16)
    pdf.multi_cell(0, 9, f"KECAMATAN {n.kecamatan.upper()}", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(60)
    pdf.set_font("dejavu", "B", 14)
    pdf.multi_cell(0, 8, f"PEMERINTAH KABUPATEN {n.kabupaten.upper()}\n{n.tahun + 1}", align="C",
                   new_x="LMARGIN", new_y="NEXT")
    if n.draf:
        pdf.ln(10)
        pdf.set_font("dejavu", size=10)
        pdf.set_text_color(220, 53, 69)
        pdf.multi_cell(0, 6, n.draf, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0, 0, 0)


def _daftar_isi(pdf: Any, bagian: list[Any]) -> None:
    pdf.set_font("dejavu", "B", 13)
    pdf.cell(0, 10, "DAFTAR ISI", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    for b in bagian:
        pdf.set_font("dejavu", "B" if b.level == 0 else "", 10 if b.level == 0 else 9)
        pdf.set_x(pdf.l_margin + 6 * b.level)
        lebar = pdf.w - pdf.r_margin - pdf.get_x() - 12
        judul = b.name if pdf.get_string_width(b.name) <= lebar else b.name[:int(len(b.name) * lebar /
                                                                                pdf.get_string_width(b.name)) - 2] + "…"
        pdf.cell(lebar, 6, judul, link=pdf.add_link(page=b.page_number))
        pdf.cell(12, 6, str(b.page_number), align="R", new_x="LMARGIN", new_y="NEXT")


def _tabel_pdf(pdf: LembarPdf, t: Tabel) -> None:
    pdf.set_font("dejavu", size=8)
    skala = 170 / sum(t.lebar)
    with pdf.table(col_widths=[w * skala for w in t.lebar], width=170, align="LEFT", v_align="TOP",
                   line_height=4, padding=1, headings_style=GAYA_KEPALA) as tabel:
        r = tabel.row()
        for k in t.kepala:
            r.cell(k, align="C")
        for baris in t.baris:
            r = tabel.row()
            for i, v in enumerate(baris):
                r.cell(v, align="R" if i in t.kanan else "L")
        if not t.baris:
            tabel.row().cell(t.kosong, colspan=len(t.kepala), align="C")
    pdf.ln(2)


def pdf_lkj(lkj: Lkj, *, dicetak: date | None = None, n: Naskah | None = None) -> bytes:
    """The LKj as an A4 portrait PDF: cover, table of contents with page numbers, chapters, Lampiran. `n`: its text
    already composed (naskah(lkj, dicetak=dicetak)), not composed again."""
    n = naskah(lkj, dicetak=dicetak) if n is None else n
    pdf = LembarPdf(f"Laporan Kinerja {n.kecamatan} {n.tahun}", tegak=True)
    pdf.set_margins(20, 15, 20)
    _sampul_pdf(pdf, n)
    pdf.add_page()
    baris_isi = sum(1 for b in n.blok if isinstance(b, Judul) and b.tingkat <= 2)
    pdf.insert_toc_placeholder(_daftar_isi, pages=1 + baris_isi // 38)
    for b in n.blok:
        if isinstance(b, Judul):
            if b.tingkat == 1:
                pdf.add_page()
                pdf.start_section(b.teks, level=0)
                pdf.set_font("dejavu", "B", 14)
                pdf.multi_cell(0, 8, b.teks, align="C", new_x="LMARGIN", new_y="NEXT")
                pdf.ln(3)
            else:
                if pdf.get_y() > pdf.h - 40:
                    pdf.add_page()
                if b.tingkat == 2:
                    pdf.start_section(b.teks[:120], level=1)
                pdf.ln(2)
                pdf.set_font("dejavu", "B", 11 if b.tingkat == 2 else 10)
                pdf.multi_cell(0, 6, b.teks, new_x="LMARGIN", new_y="NEXT")
        elif isinstance(b, Paragraf):
            if b.catatan:
                pdf.set_font("dejavu", size=8)
                pdf.set_text_color(108, 117, 125)
            else:
                pdf.set_font("dejavu", size=10)
            pdf.multi_cell(0, 5, b.teks, align="L" if b.catatan else "J", new_x="LMARGIN", new_y="NEXT")
            pdf.set_text_color(0, 0, 0)
            pdf.ln(1)
        elif isinstance(b, Tabel):
            _tabel_pdf(pdf, b)
        elif isinstance(b, Gambar):
            tinggi = b.lebar * 0.4
            if pdf.get_y() + tinggi > pdf.h - 15:
                pdf.add_page()
            pdf.image(io.BytesIO(b.png), x=pdf.l_margin + (170 - b.lebar) / 2, w=b.lebar)
            pdf.ln(2)
        else:
            tanda_tangan(pdf, n.kecamatan, n.tanggal, n.camat, garis_bawah=True)
    return bytes(pdf.output())


# ---------------------------------------------------------------- Word


def _medan(par: Any, perintah: str, hasil: str = "") -> None:
    """A Word field (PAGE, TOC) in a paragraph, with the text shown until Word updates it."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def run(*anak: Any) -> None:
        r = OxmlElement("w:r")
        for a in anak:
            r.append(a)
        par._p.append(r)

    def fld(jenis: str) -> Any:
        e = OxmlElement("w:fldChar")
        e.set(qn("w:fldCharType"), jenis)
        if jenis == "begin":
            e.set(qn("w:dirty"), "true")
        return e

    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {perintah} "
    teks = OxmlElement("w:t")
    teks.set(qn("xml:space"), "preserve")
    teks.text = hasil
    run(fld("begin"))
    run(instr)
    run(fld("separate"))
    run(teks)
    run(fld("end"))


def docx_lkj(lkj: Lkj, *, dicetak: date | None = None, n: Naskah | None = None) -> bytes:
    """The LKj as a Word document (A4 portrait): cover, a table of contents Word fills in on opening, page numbers
    in the footer, headings "BAB I PENDAHULUAN" … "LAMPIRAN" as Heading 1. `n`: its text already composed
    (naskah(lkj, dicetak=dicetak)), not composed again."""
    from docx import Document
    from docx.enum.section import WD_SECTION
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt, RGBColor

    n = naskah(lkj, dicetak=dicetak) if n is None else n
    doc = Document()
    gaya = doc.styles["Normal"]
    gaya.font.name, gaya.font.size = "Arial", Pt(10.5)
    for nama, ukuran in (("Heading 1", 14), ("Heading 2", 12), ("Heading 3", 11)):
        doc.styles[nama].font.name, doc.styles[nama].font.size = "Arial", Pt(ukuran)
        doc.styles[nama].font.color.rgb = RGBColor(0, 0, 0)
    bagian = doc.sections[0]
    bagian.page_width, bagian.page_height = Mm(210), Mm(297)
    for sisi, mm in (("left_margin", 20), ("right_margin", 20), ("top_margin", 20), ("bottom_margin", 20)):
        setattr(bagian, sisi, Mm(mm))
    doc.core_properties.title = f"Laporan Kinerja {n.kecamatan} {n.tahun}"
    # Word updates the fields (the table of contents, its page numbers) when the file is opened.
    pembaruan = OxmlElement("w:updateFields")
    pembaruan.set(qn("w:val"), "true")
    doc.settings.element.append(pembaruan)

    def tengah(teks: str, ukuran: float, *, tebal: bool = True, sebelum: float = 0) -> None:
        par = doc.add_paragraph()
        par.alignment = WD_ALIGN_PARAGRAPH.CENTER
        par.paragraph_format.space_before = Pt(sebelum)
        run = par.add_run(teks)
        run.bold, run.font.size = tebal, Pt(ukuran)

    tengah("LAPORAN KINERJA", 24, sebelum=150)
    tengah(f"TAHUN {n.tahun}", 24)
    tengah(f"KECAMATAN {n.kecamatan.upper()}", 18, sebelum=30)
    tengah(f"PEMERINTAH KABUPATEN {n.kabupaten.upper()}", 14, sebelum=160)
    tengah(str(n.tahun + 1), 14)
    if n.draf:
        tengah(n.draf, 10, tebal=False, sebelum=20)
    # The body in a section of its own, numbered from its first page.
    isi = doc.add_section(WD_SECTION.NEW_PAGE)
    kaki = isi.footer
    kaki.is_linked_to_previous = False
    par = kaki.paragraphs[0]
    par.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    par.add_run("Halaman ")
    _medan(par, "PAGE", "1")
    tengah("DAFTAR ISI", 13)
    _medan(doc.add_paragraph(), 'TOC \\o "1-2" \\h \\z \\u',
           "Daftar isi diperbarui ketika dokumen dibuka (atau klik kanan, Update Field).")
    for b in n.blok:
        if isinstance(b, Judul):
            if b.tingkat == 1:
                doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            h = doc.add_heading(b.teks, level=b.tingkat)
            if b.tingkat == 1:
                h.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif isinstance(b, Paragraf):
            par = doc.add_paragraph()
            run = par.add_run(b.teks)
            if b.catatan:
                run.font.size, run.italic = Pt(8.5), True
                run.font.color.rgb = RGBColor(0x6C, 0x75, 0x7D)
            else:
                par.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        elif isinstance(b, Tabel):
            t = doc.add_table(rows=1, cols=len(b.kepala))
            t.style = "Table Grid"
            skala = 170 / sum(b.lebar)
            for i, (sel, teks) in enumerate(zip(t.rows[0].cells, b.kepala, strict=True)):
                sel.text = ""
                r = sel.paragraphs[0].add_run(teks)
                r.bold, r.font.size = True, Pt(9)
                sel.width = Mm(b.lebar[i] * skala)
            for baris in b.baris:
                sel = t.add_row().cells
                for i, teks in enumerate(baris):
                    sel[i].text = ""
                    sel[i].paragraphs[0].add_run(teks).font.size = Pt(9)
                    sel[i].width = Mm(b.lebar[i] * skala)
                    if i in b.kanan:
                        sel[i].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if not b.baris:
                sel = t.add_row().cells
                sel[0].merge(sel[-1]).text = b.kosong
            doc.add_paragraph()
        elif isinstance(b, Gambar):
            par = doc.add_paragraph()
            par.alignment = WD_ALIGN_PARAGRAPH.CENTER
            par.add_run().add_picture(io.BytesIO(b.png), width=Mm(b.lebar))
        else:
            camat = n.camat
            for i, teks in enumerate((f"{n.kecamatan}, {n.tanggal}", f"CAMAT {n.kecamatan.upper()}", "", "", "",
                                      getattr(camat, "nama", None) or "." * 40,
                                      f"NIP. {getattr(camat, 'nip', None) or '.' * 30}")):
                par = doc.add_paragraph()
                par.alignment = WD_ALIGN_PARAGRAPH.CENTER
                par.paragraph_format.left_indent = Mm(90)
                par.paragraph_format.space_after = Pt(0)
                run = par.add_run(teks)
                run.bold = run.underline = i == 5
    keluaran = io.BytesIO()
    doc.save(keluaran)
    return keluaran.getvalue()


def berkas_lkj(lkj: Lkj, *, dicetak: date | None = None) -> list[tuple[str, bytes]]:
    """The LKj as a Word file and a PDF, with their file names."""
    n = naskah(lkj, dicetak=dicetak)
    return [(f"{n.nama_berkas}.docx", docx_lkj(lkj, n=n)), (f"{n.nama_berkas}.pdf", pdf_lkj(lkj, n=n))]
