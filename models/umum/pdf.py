"""The product's printed sheets as A4 PDF (landscape; portrait for letters such as the Perjanjian Kinerja): DejaVu
Sans Condensed embedded (shipped in dashboard/web/fonts with its licence), page numbers, an office's letterhead and
the Camat's signature block. One source for the printed SOP monitoring forms, the Pengukuran Kinerja and Laporan
Kinerja documents and the Perjanjian Kinerja."""
from __future__ import annotations

from typing import cast

from fpdf import FPDF
from fpdf.fonts import FontFace

from models.settings import ROOT

# As narrow as the Helvetica the columns were drawn for; every character (÷, ×, −, quotes, Indonesian letters)
# prints as typed, the same on every machine.
FONTA = ROOT / "dashboard" / "web" / "fonts"
TITIK = "." * 40  # a blank to fill in by hand
UKURAN_KEPALA = 7  # points, the tables' header
GAYA_KEPALA = FontFace(emphasis="BOLD", size_pt=UKURAN_KEPALA, fill_color=(235, 235, 235))


class LembarPdf(FPDF):
    """An A4 sheet (landscape; `tegak`: portrait) with the product's font and "Halaman n dari m" at the foot of every
    page."""

    def __init__(self, judul: str | None = None, *, tegak: bool = False) -> None:
        super().__init__(orientation="P" if tegak else "L", unit="mm", format="A4")
        self.add_font("dejavu", "", str(FONTA / "DejaVuSansCondensed.ttf"))
        self.add_font("dejavu", "B", str(FONTA / "DejaVuSansCondensed-Bold.ttf"))
        self.set_margins(10, 10, 10)
        self.set_auto_page_break(True, margin=12)
        self.set_creator("SAKIP Kecamatan")
        if judul:
            self.set_title(judul)

    def pecah_baris(self, w: float, h: float, teks: str) -> list[str]:
        """The lines `teks` takes in a multi_cell `w` mm wide, nothing printed. (fpdf2 types multi_cell's result as
        the union of all its output modes; with output="LINES" it is the list of lines.)"""
        return cast(list[str], self.multi_cell(w, h, teks, dry_run=True, output="LINES"))

    def footer(self) -> None:
        self.set_y(-8)
        self.set_font("dejavu", size=7)
        self.cell(0, 4, f"Halaman {self.page_no()} dari {{nb}}", align="R")


def kop(pdf: FPDF, judul: str, kecamatan: str, kabupaten: str | None) -> None:
    """A new page headed by the office's letterhead (the kabupaten's government, the kecamatan, a double rule) and
    the sheet's title; leaves the body font set."""
    pdf.add_page()
    pdf.set_font("dejavu", "B", 11)
    baris = ([f"PEMERINTAH KABUPATEN {kabupaten.upper()}"] if kabupaten else []) + [f"KECAMATAN {kecamatan.upper()}"]
    for teks in baris:
        pdf.cell(0, 5, teks, align="C", new_x="LMARGIN", new_y="NEXT")
    y = pdf.get_y() + 1
    pdf.set_line_width(0.6)
    pdf.line(pdf.l_margin, y, pdf.w - pdf.r_margin, y)  # between the margins, landscape or portrait
    pdf.set_line_width(0.2)
    pdf.line(pdf.l_margin, y + 1, pdf.w - pdf.r_margin, y + 1)
    pdf.ln(4)
    pdf.set_font("dejavu", "B", 12)
    pdf.cell(0, 6, judul, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("dejavu", size=9)


def tanda_tangan(pdf: FPDF, kecamatan: str, tanggal_teks: str, camat, *, garis_bawah: bool = False) -> None:
    """The Camat's signature block at the right, kept whole (on a new page if need be): place and date, office,
    room to sign, name and NIP (`camat`: anything with .nama and .nip, e.g. models.sop.monitoring.Penandatangan;
    a blank to fill in by hand where unknown)."""
    if pdf.get_y() + 42 > pdf.h - 12:  # the block is 42 mm high
        pdf.add_page()
    pdf.ln(4)
    x = pdf.w - 10 - 85
    pdf.set_font("dejavu", size=9)
    for teks in (f"{kecamatan}, {tanggal_teks}", f"CAMAT {kecamatan.upper()}"):
        pdf.set_x(x)
        pdf.cell(85, 5, teks, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(18)  # room to sign
    pdf.set_x(x)
    nama = getattr(camat, "nama", None)
    pdf.set_font("dejavu", ("BU" if garis_bawah else "B") if nama else "", 9)
    pdf.cell(85, 5, nama or TITIK, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("dejavu", size=9)
    pdf.set_x(x)
    pdf.cell(85, 5, f"NIP. {getattr(camat, 'nip', None) or TITIK}", align="C")
