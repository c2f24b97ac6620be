"""An SOP printed in the PermenPAN-RB 35/2012 layout, as PDF and as Word (.docx).

The identity page (the office's heading, Nomor SOP, dates, the signature block of who approved it, Nama SOP, Dasar
Hukum, Kualifikasi Pelaksana, Keterkaitan, Peralatan/Perlengkapan, Peringatan, Pencatatan dan Pendataan), then the
procedure table: No, Kegiatan, one column per pelaksana with the flowchart symbols drawn in them (a capsule for the
start and the end, a rectangle for a process, a diamond for a decision), connected top to bottom, the decision's
"Tidak" path going back to the step that corrects, and the mutu baku columns (Kelengkapan, Waktu, Output) and
Keterangan.

One layout (`tata_prosedur`) gives both files the same columns, row heights, symbols and lines. Every line is cut
into pieces that each lie inside one row, so a page break between rows (the PDF's, or Word's own) never leaves a
line hanging across it. The Word file is the table models.sop.docx_baca reads: its symbols sit in the pelaksana
cells, and their alternative text says the order of the work through a step's columns and where a decision's
"tidak" goes back to, so a document written here and uploaded again gives back the same procedure (round trip).
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from fpdf import FPDF

from models.sop.dokumen import IdentitasSop
from models.sop.durasi import MENIT_PER_HARI_BAKU, format_menit, tulis_waktu
from models.sop.nomor import nomor_langkah
from models.umum.pdf import FONTA, TITIK, LembarPdf
from models.umum.tanggal import BULAN


@dataclass
class LangkahCetak:
    no: str
    kegiatan: str
    kelengkapan: str
    waktu: str
    output: str
    keterangan: str
    pelaksana: list[str]  # printed labels, in the order the work passes through them
    keputusan: bool = False
    kembali_ke: int | None = None  # a decision's "tidak": the step (by position, 1-based) that corrects


@dataclass
class SopCetak(IdentitasSop):
    """An SOP to print: its identity page (the same record the reader gives) and its procedure table."""

    judul_tabel: str
    pelaksana: list[str]
    langkah: list[LangkahCetak]
    total_menit: int
    menit_per_hari: int = MENIT_PER_HARI_BAKU


def tanggal_iso_teks(iso: str | None) -> str:
    """"2019-08-01" → "01 Agustus 2019"; "2022-02" → "Februari 2022"; nothing → "-"."""
    if not iso:
        return "-"
    bagian = iso.split("-")
    if len(bagian) == 2:
        return f"{BULAN[int(bagian[1]) - 1]} {bagian[0]}"
    return f"{int(bagian[2]):02d} {BULAN[int(bagian[1]) - 1]} {bagian[0]}"


# ---------------------------------------------------------------- the layout (mm)

LEBAR_HALAMAN = 277.0  # A4 landscape less 10 mm margins
LEBAR_TETAP = {"no": 8.0, "kegiatan": 58.0, "kelengkapan": 34.0, "waktu": 18.0, "output": 34.0, "keterangan": 26.0}
UKURAN_HURUF = 7.5  # pt, the table's text
JARAK_BARIS = UKURAN_HURUF * 0.3528 * 1.3  # mm per line of text
PADDING = 1.2
TINGGI_SIMBOL = {"terminator": 5.5, "proses": 6.5, "keputusan": 9.0}


@dataclass(frozen=True)
class Simbol:
    langkah: int  # 0-based
    kolom: int  # pelaksana column, 0-based
    jenis: str  # terminator | proses | keputusan
    x: float  # left, from the pelaksana area's left edge
    y: float  # top, from the row's top
    w: float
    h: float
    alt: str  # alternative text: step, pelaksana, order, return

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2


@dataclass(frozen=True)
class Garis:
    """A polyline inside one row (x from the pelaksana area's left, y from the row's top); an arrowhead at its end
    when `panah`."""

    langkah: int
    titik: tuple[tuple[float, float], ...]
    panah: bool = False


@dataclass(frozen=True)
class Label:
    langkah: int
    teks: str
    x: float
    y: float


@dataclass
class TataProsedur:
    lebar_pelaksana: float  # each pelaksana column
    lebar: dict[str, float]  # the other columns
    tinggi: list[float]  # each step's row
    simbol: list[Simbol] = field(default_factory=list)
    garis: list[Garis] = field(default_factory=list)
    label: list[Label] = field(default_factory=list)

    def kolom(self, n: int) -> list[float]:
        """Every column's width, left to right: No, Kegiatan, n pelaksana, Kelengkapan, Waktu, Output, Keterangan."""
        return [self.lebar["no"], self.lebar["kegiatan"], *[self.lebar_pelaksana] * n, self.lebar["kelengkapan"],
                self.lebar["waktu"], self.lebar["output"], self.lebar["keterangan"]]


_ukur: FPDF | None = None


def _pengukur() -> FPDF:
    global _ukur
    if _ukur is None:
        _ukur = FPDF(unit="mm")
        _ukur.add_font("dejavu", "", str(FONTA / "DejaVuSansCondensed.ttf"))
        _ukur.set_font("dejavu", size=UKURAN_HURUF)
    return _ukur


def baris_teks(teks: str, lebar: float) -> int:
    """How many lines a text takes in a column `lebar` mm wide (words wrapped; a word longer than the column
    broken), measured in the printed font and rounded up with a margin, so Word's own font fits in the same height."""
    if not teks:
        return 0
    ukur = _pengukur()
    ruang = lebar - 2 * PADDING
    n, sekarang = 1, 0.0
    spasi = ukur.get_string_width(" ")
    for kata in teks.split():
        w = ukur.get_string_width(kata) * 1.08
        if sekarang and sekarang + spasi + w > ruang:
            n += 1
            sekarang = 0.0
        while w > ruang:
            n += 1
            w -= ruang
        sekarang += (spasi if sekarang else 0) + w
    return n


def tata_prosedur(sop: SopCetak) -> TataProsedur:
    n = len(sop.pelaksana)
    lebar = dict(LEBAR_TETAP)
    lebar_pel = min(24.0, (LEBAR_HALAMAN - sum(lebar.values())) / max(n, 1))
    if lebar_pel < 11:  # many pelaksana: Kegiatan gives way
        lebar["kegiatan"] = max(40.0, lebar["kegiatan"] - (11 - lebar_pel) * n)
        lebar_pel = (LEBAR_HALAMAN - sum(lebar.values())) / n
    tinggi = []
    for lk in sop.langkah:
        teks = max(baris_teks(lk.kegiatan, lebar["kegiatan"]), baris_teks(lk.kelengkapan, lebar["kelengkapan"]),
                   baris_teks(lk.waktu, lebar["waktu"]), baris_teks(lk.output, lebar["output"]),
                   baris_teks(lk.keterangan, lebar["keterangan"]), baris_teks(lk.no, lebar["no"]))
        tinggi.append(max(teks * JARAK_BARIS + 2 * PADDING + 1, 20.0))
    tata = TataProsedur(lebar_pel, lebar, tinggi)
    w_simbol = min(lebar_pel - 4, 16.0)
    terakhir = len(sop.langkah) - 1
    per_langkah: list[list[Simbol]] = []
    for i, lk in enumerate(sop.langkah):
        ini = []
        for k, label in enumerate(lk.pelaksana):
            kol = sop.pelaksana.index(label)
            if lk.keputusan and k == len(lk.pelaksana) - 1:
                jenis = "keputusan"
            elif (i == 0 and k == 0) or (i == terakhir and k == len(lk.pelaksana) - 1):
                jenis = "terminator"
            else:
                jenis = "proses"
            h = TINGGI_SIMBOL[jenis]
            alt = f"Langkah {nomor_langkah(lk.no)}: {label}" + (f" ({k + 1} dari {len(lk.pelaksana)})" if len(lk.pelaksana) > 1
                                                  else "")
            if jenis == "keputusan" and lk.kembali_ke:
                alt += f"; keputusan, jika tidak kembali ke langkah {lk.kembali_ke}"
            ini.append(Simbol(i, kol, jenis, kol * lebar_pel + (lebar_pel - w_simbol) / 2, (tinggi[i] - h) / 2,
                              w_simbol, h, alt))
        per_langkah.append(ini)
        tata.simbol += ini
    for i, ini in enumerate(per_langkah):
        if not ini:
            continue
        for a, b in zip(ini, ini[1:]):  # through the step's columns, side to side
            kanan = b.x > a.x
            tata.garis.append(Garis(i, ((a.x + a.w if kanan else a.x, a.cy), (b.x if kanan else b.x + b.w, b.cy)),
                                    True))
        if i > 0 and per_langkah[i - 1]:  # in from above: down from the previous step's column, across, down
            b, x_asal = ini[0], per_langkah[i - 1][-1].cx
            titik = [(x_asal, 0.0), (b.cx, b.y)] if abs(b.cx - x_asal) < 0.01 else \
                [(x_asal, 0.0), (x_asal, b.y / 2), (b.cx, b.y / 2), (b.cx, b.y)]
            tata.garis.append(Garis(i, tuple(titik), True))
        if i < terakhir and per_langkah[i + 1]:  # out below, straight down to the row's foot
            akhir = ini[-1]
            tata.garis.append(Garis(i, ((akhir.cx, akhir.y + akhir.h), (akhir.cx, tinggi[i]))))
            if akhir.jenis == "keputusan":
                tata.label.append(Label(i, "Ya", akhir.cx + 1, akhir.y + akhir.h + 0.5))
    # Each decision's "tidak": out of the diamond's right corner, up the side, into the correcting step.
    sisi_ke = 0
    for i, lk in enumerate(sop.langkah):
        if not (lk.keputusan and lk.kembali_ke and per_langkah[i] and 1 <= lk.kembali_ke <= i):
            continue
        d = per_langkah[i][-1]
        t_i = lk.kembali_ke - 1
        if not per_langkah[t_i]:
            continue
        t = max(per_langkah[t_i], key=lambda s: s.x)
        x_sisi = min(max(d.x + d.w, t.x + t.w) + 2.5 + 1.5 * sisi_ke, n * lebar_pel - 0.8)
        sisi_ke += 1
        tata.garis.append(Garis(i, ((d.x + d.w, d.cy), (x_sisi, d.cy), (x_sisi, 0.0))))
        tata.label.append(Label(i, "Tidak", d.x + d.w + 0.3, d.cy - 3.2))
        for r in range(t_i + 1, i):
            tata.garis.append(Garis(r, ((x_sisi, tinggi[r]), (x_sisi, 0.0))))
        tata.garis.append(Garis(t_i, ((x_sisi, tinggi[t_i]), (x_sisi, t.cy), (t.x + t.w, t.cy)), True))
    return tata


# ---------------------------------------------------------------- PDF


def _simbol_pdf(pdf: FPDF, s: Simbol, x0: float, y0: float) -> None:
    x, y = x0 + s.x, y0 + s.y
    if s.jenis == "terminator":
        pdf.rect(x, y, s.w, s.h, style="DF", round_corners=True, corner_radius=s.h / 2)
    elif s.jenis == "keputusan":
        pdf.polygon([(x + s.w / 2, y), (x + s.w, y + s.h / 2), (x + s.w / 2, y + s.h), (x, y + s.h / 2)],
                    style="DF")
    else:
        pdf.rect(x, y, s.w, s.h, style="DF")


def _garis_pdf(pdf: FPDF, g: Garis, x0: float, y0: float) -> None:
    titik = [(x0 + x, y0 + y) for x, y in g.titik]
    pdf.polyline(titik)
    if g.panah:
        (xa, ya), (xb, yb) = titik[-2], titik[-1]
        panjang = max(((xb - xa) ** 2 + (yb - ya) ** 2) ** 0.5, 0.01)
        ux, uy = (xb - xa) / panjang, (yb - ya) / panjang
        pdf.polygon([(xb, yb), (xb - 1.6 * ux + 0.7 * uy, yb - 1.6 * uy - 0.7 * ux),
                     (xb - 1.6 * ux - 0.7 * uy, yb - 1.6 * uy + 0.7 * ux)], style="F")


def _identitas_pdf(pdf: LembarPdf, sop: SopCetak) -> None:
    pdf.add_page()
    pdf.set_font("dejavu", "B", 11)
    kiri, kanan_x, lebar_kanan = 10.0, 110.0, 177.0
    y = pdf.get_y()
    pdf.set_xy(kiri, y + 14)
    pdf.multi_cell(100, 6, f"PEMERINTAH KABUPATEN {(sop.kabupaten or '').upper()}\n"
                           f"KECAMATAN {(sop.kecamatan or '').upper()}", align="C")
    pdf.set_font("dejavu", size=9)
    baris = [("Nomor SOP", sop.nomor or "-"), ("Tanggal Pembuatan", tanggal_iso_teks(sop.tanggal_pembuatan)),
             ("Tanggal Revisi", tanggal_iso_teks(sop.tanggal_revisi)),
             ("Tanggal Efektif", tanggal_iso_teks(sop.tanggal_efektif))]
    pdf.set_xy(kanan_x, y)
    for label, nilai in baris:
        pdf.set_x(kanan_x)
        pdf.cell(45, 7, label, border=1)
        pdf.cell(lebar_kanan - 45, 7, nilai, border=1, new_x="LMARGIN", new_y="NEXT")
    pdf.set_x(kanan_x)
    y_sah = pdf.get_y()
    pdf.cell(45, 40, "Disahkan oleh", border=1)
    pdf.rect(kanan_x + 45, y_sah, lebar_kanan - 45, 40)
    tengah = kanan_x + 45
    pdf.set_xy(tengah, y_sah + 2)
    sah = sop.disahkan_oleh
    pdf.cell(lebar_kanan - 45, 5, sah.get("jabatan") or TITIK, align="C",
             new_x="LEFT", new_y="NEXT")
    pdf.set_y(y_sah + 24)
    pdf.set_x(tengah)
    pdf.set_font("dejavu", "BU" if sah.get("nama") else "", 9)
    pdf.cell(lebar_kanan - 45, 5, sah.get("nama") or TITIK, align="C", new_x="LEFT", new_y="NEXT")
    pdf.set_font("dejavu", size=9)
    if sop.pangkat:
        pdf.cell(lebar_kanan - 45, 4.5, sop.pangkat, align="C", new_x="LEFT", new_y="NEXT")
    pdf.cell(lebar_kanan - 45, 4.5, f"NIP. {sah.get('nip') or TITIK}", align="C")
    pdf.rect(kiri, y, 100, y_sah + 40 - y)
    pdf.set_xy(kiri, y_sah + 40)
    pdf.set_font("dejavu", "B", 9)
    pdf.cell(100, 8, "Nama SOP", border=1)
    pdf.cell(lebar_kanan, 8, sop.nama, border=1, new_x="LMARGIN", new_y="NEXT")
    for (kiri_label, isi_kiri), (kanan_label, isi_kanan) in (
            (("Dasar Hukum", sop.dasar_hukum), ("Kualifikasi Pelaksana", sop.kualifikasi_pelaksana)),
            (("Keterkaitan", sop.keterkaitan), ("Peralatan/Perlengkapan", sop.peralatan)),
            (("Peringatan", sop.peringatan), ("Pencatatan dan Pendataan", sop.pencatatan))):
        pdf.set_font("dejavu", "B", 9)
        pdf.cell(138.5, 6, kiri_label, border=1, fill=False)
        pdf.cell(138.5, 6, kanan_label, border=1, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("dejavu", size=8)
        teks = [("\n".join(f"{n}. {b}" for n, b in enumerate(isi, start=1)) if isinstance(isi, list) else (isi or "-"))
                or "-" for isi in (isi_kiri, isi_kanan)]
        y0 = pdf.get_y()
        tinggi = max(len(pdf.pecah_baris(136.5, 4, t)) for t in teks) * 4 + 2
        if y0 + tinggi > pdf.h - 14:
            pdf.add_page()
            y0 = pdf.get_y()
        for x, t in ((10.0, teks[0]), (148.5, teks[1])):
            pdf.rect(x, y0, 138.5, tinggi)
            pdf.set_xy(x + 1, y0 + 1)
            pdf.multi_cell(136.5, 4, t)
        pdf.set_xy(10, y0 + tinggi)


def _kepala_pdf(pdf: LembarPdf, sop: SopCetak, lebar: list[float]) -> None:
    n = len(sop.pelaksana)
    pdf.set_font("dejavu", "B", 7.5)
    pdf.set_fill_color(235, 235, 235)
    x0, y0 = pdf.l_margin, pdf.get_y()
    x = x0
    for teks, w in (("No.", lebar[0]), ("Kegiatan", lebar[1])):
        pdf.set_xy(x, y0)
        pdf.cell(w, 12, teks, border=1, align="C", fill=True)
        x += w
    pdf.set_xy(x, y0)
    pdf.cell(sum(lebar[2:2 + n]), 5, "Pelaksana", border=1, align="C", fill=True)
    pdf.cell(sum(lebar[2 + n:5 + n]), 5, "Mutu Baku", border=1, align="C", fill=True)
    pdf.cell(lebar[-1], 12, "Keterangan", border=1, align="C", fill=True)
    pdf.set_font("dejavu", "B", 6.5)
    for teks, w in zip([*sop.pelaksana, "Kelengkapan", "Waktu", "Output"], lebar[2:-1]):
        pdf.set_xy(x, y0 + 5)
        pdf.multi_cell(w, 7 / max(1, len(pdf.pecah_baris(w, 3, teks))), teks, border=1, align="C", fill=True)
        x += w
    pdf.set_fill_color(255, 255, 255)
    pdf.set_xy(x0, y0 + 12)


def pdf_sop(sop: SopCetak) -> bytes:
    """The SOP as an A4 landscape PDF: the identity page, then the procedure table with its flowchart."""
    pdf = LembarPdf(f"SOP {sop.nama}")
    pdf.set_auto_page_break(False)
    _identitas_pdf(pdf, sop)
    tata = tata_prosedur(sop)
    n = len(sop.pelaksana)
    lebar = tata.kolom(n)
    pdf.add_page()
    pdf.set_font("dejavu", "B", 10)
    pdf.cell(0, 6, sop.judul_tabel or sop.nama, new_x="LMARGIN", new_y="NEXT")
    _kepala_pdf(pdf, sop, lebar)
    x_pel = pdf.l_margin + lebar[0] + lebar[1]
    for i, lk in enumerate(sop.langkah):
        h = tata.tinggi[i]
        if pdf.get_y() + h > pdf.h - 14:
            pdf.add_page()
            _kepala_pdf(pdf, sop, lebar)
        y0 = pdf.get_y()
        x = pdf.l_margin
        pdf.set_font("dejavu", size=UKURAN_HURUF)
        pdf.set_line_width(0.2)
        pdf.set_draw_color(0, 0, 0)
        isi = [lk.no, lk.kegiatan, *[""] * n, lk.kelengkapan, lk.waktu, lk.output, lk.keterangan]
        for teks, w in zip(isi, lebar):
            pdf.rect(x, y0, w, h)
            if teks:
                pdf.set_xy(x + PADDING, y0 + PADDING)
                pdf.multi_cell(w - 2 * PADDING, JARAK_BARIS, teks, align="C" if w == lebar[0] else "L")
            x += w
        pdf.set_line_width(0.25)
        pdf.set_fill_color(255, 255, 255)
        for g in (g for g in tata.garis if g.langkah == i):
            pdf.set_fill_color(0, 0, 0)
            _garis_pdf(pdf, g, x_pel, y0)
        pdf.set_fill_color(255, 255, 255)
        for s in (s for s in tata.simbol if s.langkah == i):
            _simbol_pdf(pdf, s, x_pel, y0)
        pdf.set_font("dejavu", size=5.5)
        for lab in (lab for lab in tata.label if lab.langkah == i):
            pdf.set_xy(x_pel + lab.x, y0 + lab.y)
            pdf.cell(8, 2.5, lab.teks)
        pdf.set_xy(pdf.l_margin, y0 + h)
    if pdf.get_y() + 8 > pdf.h - 14:
        pdf.add_page()
        _kepala_pdf(pdf, sop, lebar)
    pdf.set_font("dejavu", "B", UKURAN_HURUF)
    pdf.cell(sum(lebar[:3 + n]), 7, "JUMLAH WAKTU PENYELESAIAN", border=1)
    pdf.cell(lebar[3 + n] + lebar[4 + n], 7, format_menit(sop.total_menit, menit_per_hari=sop.menit_per_hari),
             border=1)  # over Waktu and Output: "15 hari 20 menit" is wider than the Waktu column
    pdf.cell(lebar[5 + n], 7, "", border=1)
    return bytes(pdf.output())


# ---------------------------------------------------------------- Word

EMU_MM = 36000
TWIP_MM = 56.6929
MARGIN_SEL = 0.8  # mm, left and right inside every table cell
NS_W = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"')
PRESET = {"terminator": "flowChartTerminator", "proses": "flowChartProcess", "keputusan": "flowChartDecision"}


class _Nomor:
    def __init__(self) -> None:
        self.n = 0

    def __call__(self) -> int:
        self.n += 1
        return self.n


def _emu(mm: float) -> int:
    return round(mm * EMU_MM)


def _jangkar(nomor: int, x: float, y: float, w: float, h: float, nama: str, alt: str, badan: str) -> str:
    """A shape floating in a table cell, placed from the cell's text column and its first paragraph (mm)."""
    return (f'<w:r {NS_W}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" '
            f'distL="0" distR="0" simplePos="0" relativeHeight="{251658240 + nomor}" behindDoc="0" locked="0" '
            f'layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column">'
            f'<wp:posOffset>{_emu(x)}</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph">'
            f'<wp:posOffset>{_emu(y)}</wp:posOffset></wp:positionV><wp:extent cx="{_emu(w)}" cy="{_emu(h)}"/>'
            f'<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/><wp:docPr id="{nomor}" name="{escape(nama)}" '
            f'descr="{escape(alt, {chr(34): "&quot;"})}"/><wp:cNvGraphicFramePr/><a:graphic><a:graphicData '
            f'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">{badan}</a:graphicData>'
            f'</a:graphic></wp:anchor></w:drawing></mc:Choice></mc:AlternateContent></w:r>')


def _wsp_simbol(s: Simbol) -> str:
    return (f'<wps:wsp><wps:cNvSpPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{_emu(s.w)}" '
            f'cy="{_emu(s.h)}"/></a:xfrm><a:prstGeom prst="{PRESET[s.jenis]}"><a:avLst/></a:prstGeom><a:solidFill>'
            f'<a:srgbClr val="FFFFFF"/></a:solidFill><a:ln w="9525"><a:solidFill><a:srgbClr val="000000"/>'
            f'</a:solidFill></a:ln></wps:spPr><wps:bodyPr/></wps:wsp>')


def _wsp_garis(titik: list[tuple[float, float]], w: float, h: float, panah: bool) -> str:
    """A polyline as a custom geometry (not a flowchart symbol: a reader does not count it as a mark)."""
    jalur = "".join((f'<a:moveTo><a:pt x="{_emu(x)}" y="{_emu(y)}"/></a:moveTo>' if k == 0 else
                     f'<a:lnTo><a:pt x="{_emu(x)}" y="{_emu(y)}"/></a:lnTo>') for k, (x, y) in enumerate(titik))
    ujung = '<a:tailEnd type="triangle" w="sm" len="sm"/>' if panah else ""
    return (f'<wps:wsp><wps:cNvCnPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{_emu(w)}" cy="{_emu(h)}"/>'
            f'</a:xfrm><a:custGeom><a:avLst/><a:gdLst/><a:ahLst/><a:cxnLst/><a:rect l="0" t="0" r="r" b="b"/>'
            f'<a:pathLst><a:path w="{_emu(w)}" h="{_emu(h)}" fill="none">{jalur}</a:path></a:pathLst></a:custGeom>'
            f'<a:noFill/><a:ln w="9525"><a:solidFill><a:srgbClr val="000000"/></a:solidFill>{ujung}</a:ln>'
            f'</wps:spPr><wps:bodyPr/></wps:wsp>')


def _sel(sel, teks: str, *, tebal: bool = False, tengah: bool = False, ukuran: float = UKURAN_HURUF) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p = sel.paragraphs[0]
    if tengah:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(0)
    if teks:
        r = p.add_run(teks)
        r.bold = tebal or None
        r.font.size = Pt(ukuran)


def _lebar_sel(sel, mm: float) -> None:
    from docx.shared import Mm

    sel.width = Mm(mm)


def _tabel_tetap(tabel, lebar: list[float]) -> None:
    """Fixed column widths (the grid and every cell), no cell margins above and below, thin margins at the sides."""
    from docx.oxml import parse_xml

    tblpr = tabel._tbl.tblPr
    tblpr.append(parse_xml(f'<w:tblLayout {NS_W} w:type="fixed"/>'))
    tblpr.append(parse_xml(f'<w:tblCellMar {NS_W}><w:top w:w="0" w:type="dxa"/><w:left w:w="{round(MARGIN_SEL * TWIP_MM)}" '
                           f'w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="{round(MARGIN_SEL * TWIP_MM)}" '
                           f'w:type="dxa"/></w:tblCellMar>'))
    for col, w in zip(tabel._tbl.tblGrid.findall(f'{{{tabel._tbl.nsmap["w"]}}}gridCol'), lebar):
        col.set(f'{{{tabel._tbl.nsmap["w"]}}}w', str(round(w * TWIP_MM)))
    for row in tabel.rows:
        for sel, w in zip(row.cells, lebar):
            _lebar_sel(sel, w)


def _identitas_docx(doc, sop: SopCetak) -> None:
    from docx.shared import Pt

    t = doc.add_table(rows=12, cols=3)
    t.style = "Table Grid"
    _tabel_tetap(t, [95.0, 45.0, 137.0])
    kantor = t.cell(0, 0).merge(t.cell(4, 0))
    _sel(kantor, f"PEMERINTAH KABUPATEN {(sop.kabupaten or '').upper()}", tebal=True, tengah=True, ukuran=11)
    p = kantor.add_paragraph()
    p.alignment = 1
    r = p.add_run(f"KANTOR KECAMATAN {(sop.kecamatan or '').upper()}")
    r.bold, r.font.size = True, Pt(11)
    for i, (label, nilai) in enumerate((("Nomor SOP", sop.nomor or ""),
                                        ("Tanggal Pembuatan", tanggal_iso_teks(sop.tanggal_pembuatan)),
                                        ("Tanggal Revisi", tanggal_iso_teks(sop.tanggal_revisi)),
                                        ("Tanggal Efektif", tanggal_iso_teks(sop.tanggal_efektif)))):
        _sel(t.cell(i, 1), label, ukuran=9)
        _sel(t.cell(i, 2), nilai, ukuran=9)
    _sel(t.cell(4, 1), "Disahkan oleh", ukuran=9)
    sah, oleh = t.cell(4, 2), sop.disahkan_oleh
    _sel(sah, oleh.get("jabatan") or TITIK, tengah=True, ukuran=9)
    for _ in range(3):  # room to sign
        sah.add_paragraph()
    p = sah.add_paragraph()
    p.alignment = 1
    r = p.add_run(oleh.get("nama") or TITIK)
    r.bold = r.underline = bool(oleh.get("nama")) or None
    r.font.size = Pt(9)
    for teks in ([sop.pangkat] if sop.pangkat else []) + [f"NIP. {oleh.get('nip') or TITIK}"]:
        p = sah.add_paragraph()
        p.alignment = 1
        p.add_run(teks).font.size = Pt(9)
    _sel(t.cell(5, 0), "Nama SOP", tebal=True, ukuran=9)
    _sel(t.cell(5, 1).merge(t.cell(5, 2)), sop.nama, tebal=True, ukuran=9)
    for baris, (kiri, kanan, isi_kiri, isi_kanan) in zip((6, 8, 10), (
            ("Dasar Hukum", "Kualifikasi Pelaksana", sop.dasar_hukum, sop.kualifikasi_pelaksana),
            ("Keterkaitan", "Peralatan/Perlengkapan", sop.keterkaitan, sop.peralatan),
            ("Peringatan", "Pencatatan dan Pendataan", sop.peringatan, sop.pencatatan))):
        _sel(t.cell(baris, 0), kiri, tebal=True, ukuran=9)
        _sel(t.cell(baris, 1).merge(t.cell(baris, 2)), kanan, tebal=True, ukuran=9)
        for sel, isi in ((t.cell(baris + 1, 0), isi_kiri), (t.cell(baris + 1, 1).merge(t.cell(baris + 1, 2)),
                                                             isi_kanan)):
            if isinstance(isi, list):
                for n, butir in enumerate(isi, start=1):
                    p = sel.paragraphs[0] if n == 1 else sel.add_paragraph()
                    p.paragraph_format.space_after = Pt(0)
                    p.add_run(f"{n}. {butir}").font.size = Pt(8.5)
            elif isi:
                _sel(sel, isi, ukuran=8.5)


def docx_sop(sop: SopCetak) -> bytes:
    """The SOP as a Word document (A4 landscape): the identity page, then the procedure table with its flowchart
    drawn as Word shapes (see the module docstring)."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml import parse_xml
    from docx.shared import Mm, Pt

    doc = Document()
    gaya = doc.styles["Normal"]
    gaya.font.name, gaya.font.size = "Arial", Pt(9)
    bagian = doc.sections[0]
    bagian.orientation = WD_ORIENT.LANDSCAPE
    bagian.page_width, bagian.page_height = Mm(297), Mm(210)
    for sisi in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(bagian, sisi, Mm(10))
    doc.core_properties.title = f"SOP {sop.nama}"
    _identitas_docx(doc, sop)
    doc.add_page_break()
    judul = doc.add_paragraph()
    judul.add_run(sop.judul_tabel or sop.nama).bold = True
    tata = tata_prosedur(sop)
    n = len(sop.pelaksana)
    lebar = tata.kolom(n)
    t = doc.add_table(rows=2, cols=len(lebar))
    t.style = "Table Grid"
    for i, teks in ((0, "No."), (1, "Kegiatan"), (len(lebar) - 1, "Keterangan")):
        _sel(t.cell(0, i).merge(t.cell(1, i)), teks, tebal=True, tengah=True)
    _sel(t.cell(0, 2).merge(t.cell(0, 1 + n)), "Pelaksana", tebal=True, tengah=True)
    _sel(t.cell(0, 2 + n).merge(t.cell(0, 4 + n)), "Mutu Baku", tebal=True, tengah=True)
    for i, label in enumerate([*sop.pelaksana, "Kelengkapan", "Waktu", "Output"]):
        _sel(t.cell(1, 2 + i), label, tebal=True, tengah=True, ukuran=7)
    for row in t.rows:  # the header repeats on every page
        row._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader {NS_W}/>'))
    nomor = _Nomor()
    for i, lk in enumerate(sop.langkah):
        row = t.add_row()
        trpr = row._tr.get_or_add_trPr()
        trpr.append(parse_xml(f'<w:cantSplit {NS_W}/>'))
        trpr.append(parse_xml(f'<w:trHeight {NS_W} w:val="{round(tata.tinggi[i] * TWIP_MM)}" w:hRule="atLeast"/>'))
        sel = row.cells
        for k, teks in ((0, lk.no), (1, lk.kegiatan), (2 + n, lk.kelengkapan), (3 + n, lk.waktu), (4 + n, lk.output),
                        (5 + n, lk.keterangan)):
            _sel(sel[k], teks, tengah=k == 0)
        geser = MARGIN_SEL  # a cell's shapes are placed from its text column, inside the cell margin

        def pasang(kolom: int, xml: str, sel=sel) -> None:
            sel[2 + kolom].paragraphs[0]._p.append(parse_xml(xml))

        for s in (s for s in tata.simbol if s.langkah == i):  # each symbol in its own pelaksana cell, first
            no = nomor()
            pasang(s.kolom, _jangkar(no, s.x - s.kolom * tata.lebar_pelaksana - geser, s.y, s.w, s.h,
                                     f"Simbol {no}", s.alt, _wsp_simbol(s)))
        # Lines, anchored in the row's first pelaksana cell. The "Ya"/"Tidak" beside a decision are printed in the
        # PDF only: a text box inside a table cell is not read back by every reader of Word files.
        for g in (g for g in tata.garis if g.langkah == i):
            xs, ys = [x for x, _ in g.titik], [y for _, y in g.titik]
            x0, y0 = min(xs), min(ys)
            w, h = max(max(xs) - x0, 0.01), max(max(ys) - y0, 0.01)
            no = nomor()
            pasang(0, _jangkar(no, x0 - geser, y0, w, h, f"Garis {no}", "garis alur",
                               _wsp_garis([(x - x0, y - y0) for x, y in g.titik], w, h, g.panah)))
    jumlah = t.add_row().cells
    _sel(jumlah[0].merge(jumlah[2 + n]), "JUMLAH WAKTU PENYELESAIAN", tebal=True)
    _sel(jumlah[3 + n], format_menit(sop.total_menit, menit_per_hari=sop.menit_per_hari), tebal=True)
    _tabel_tetap(t, lebar)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def dari_detail(detail, *, menit_per_hari: int = MENIT_PER_HARI_BAKU, penandatangan=None) -> SopCetak:
    """The printable SOP of a stored revision (models.sop.register.detail_sop). `penandatangan` (.nama, .nip):
    who signs when the document recorded no approver, e.g. the office's Camat as their account says."""
    rev = detail.revisi
    if not rev.disahkan_nama and penandatangan is not None:
        jabatan, nama, nip = f"CAMAT {detail.kecamatan.nama.upper()}", penandatangan.nama, penandatangan.nip
    else:
        jabatan, nama, nip = rev.disahkan_jabatan, rev.disahkan_nama, rev.disahkan_nip
    return SopCetak(
        kabupaten=detail.kabupaten.nama, kecamatan=detail.kecamatan.nama, nama=rev.nama,
        judul_tabel=rev.judul_tabel or rev.nama, nomor=rev.nomor, tanggal_pembuatan=rev.tanggal_pembuatan,
        tanggal_revisi=rev.tanggal_revisi, tanggal_efektif=rev.tanggal_efektif,
        disahkan_oleh={"jabatan": jabatan, "nama": nama, "nip": nip},
        pangkat=rev.disahkan_pangkat if rev.disahkan_nama else None, dasar_hukum=list(rev.dasar_hukum or []),
        kualifikasi_pelaksana=list(rev.kualifikasi_pelaksana or []), keterkaitan=list(rev.keterkaitan or []),
        peralatan=list(rev.peralatan or []), peringatan=rev.peringatan, pencatatan=rev.pencatatan,
        pelaksana=list(rev.pelaksana), total_menit=rev.total_menit, menit_per_hari=menit_per_hari,
        langkah=[LangkahCetak(nomor_langkah(lk.no), lk.kegiatan, lk.kelengkapan,
                              tulis_waktu(lk.waktu, menit_per_hari=menit_per_hari), lk.output, lk.keterangan,
                              list(lk.pelaksana), lk.keputusan, lk.kembali_ke) for lk in detail.langkah])
