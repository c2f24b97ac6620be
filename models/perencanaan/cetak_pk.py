"""A Perjanjian Kinerja printed in the form of PermenPAN-RB 53/2014, as PDF (A4 portrait) and as Word (.docx).

Page one: the office's letterhead, the title ("PERJANJIAN KINERJA TAHUN 2026"), the statement naming pihak pertama
and pihak kedua, and both signature blocks (the Bupati by name only; a Camat or an officer with NIP). Then the
attachment: sasaran | indikator kinerja | target (with its unit), then per sasaran the programs of the DPA and
their anggaran with the total, and the signature blocks again. Both are built from one `Naskah`, itself read from a
PK's content (models.perencanaan.perjanjian_kinerja.isi_pk: frozen at signing, or a draft as it stands).
"""
from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import Any

from models.perencanaan.perjanjian_kinerja import BUPATI_KOSONG, nama_pihak, teks_rupiah, teks_target
from models.umum.pdf import GAYA_KEPALA, TITIK, LembarPdf, kop
from models.umum.tanggal import tanggal_panjang
from models.umum.word import baris_tengah, dokumen_a4

PEMBUKA = ("Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan dan akuntabel serta berorientasi "
           "pada hasil, kami yang bertanda tangan di bawah ini:")
JANJI_PERTAMA = ("Pihak pertama berjanji mewujudkan target kinerja tahunan sebagaimana tercantum dalam lampiran "
                 "perjanjian ini, sebagai bagian dari pencapaian sasaran jangka menengah dalam dokumen perencanaan, "
                 "dan bertanggung jawab atas berhasil atau tidaknya pencapaian target tersebut.")
JANJI_KEDUA = ("Pihak kedua melakukan supervisi yang diperlukan, mengevaluasi capaian kinerja atas perjanjian ini, "
               "serta mengambil langkah yang diperlukan untuk pemberian penghargaan dan sanksi.")


@dataclass(frozen=True)
class Pihak:
    sebutan: str  # "PIHAK PERTAMA"
    jabatan: str
    nama: str
    nip: str | None  # None: no NIP line (the Bupati)


@dataclass(frozen=True)
class Naskah:
    judul: str
    kecamatan: str
    kabupaten: str | None
    draf: bool
    alasan: str | None  # a PK perubahan's reason
    tempat_tanggal: str
    pertama: Pihak
    kedua: Pihak
    indikator: list[tuple[str, str, str, str]]  # (no, sasaran (first row of its group), indikator, target)
    program: list[tuple[str, str, str, str]]  # (no, sasaran, program, anggaran)
    total: str
    nama_berkas: str


def naskah(isi: dict[str, Any]) -> Naskah:
    """The printed text of a PK from its content."""
    tahun = isi["tahun"]
    ubah = int(isi.get("perubahan_ke") or 0)
    judul = f"PERJANJIAN KINERJA TAHUN {tahun}" + (f" (PERUBAHAN KE-{ubah})" if ubah else "")
    role = isi.get("role_kode", "camat")
    p1, p2 = isi["pihak_pertama"], isi["pihak_kedua"]
    pertama = Pihak("PIHAK PERTAMA", p1["jabatan"], p1.get("nama") or f"(belum ada akun {nama_pihak(role)})",
                    p1.get("nip") or TITIK[:30])
    if role == "camat":
        kedua = Pihak("PIHAK KEDUA", p2["jabatan"], p2.get("nama") or BUPATI_KOSONG, None)
    else:
        kedua = Pihak("PIHAK KEDUA", p2["jabatan"], p2.get("nama") or "(belum ada akun Camat)",
                      p2.get("nip") or TITIK[:30])
    tanggal = isi.get("tanggal")
    teks_tgl = tanggal_panjang(date.fromisoformat(tanggal)) if tanggal else TITIK[:25]
    indikator, program, n, m = [], [], 0, 0
    for sas in isi.get("sasaran", []):
        for i, ind in enumerate(sas["indikator"]):
            n += 1
            nama = f"{ind['kode']} {ind['nama']}" if ind.get("kode") else ind["nama"]
            indikator.append((str(n), sas["sasaran"] if i == 0 else "", nama, teks_target(ind["target"],
                                                                                          ind["satuan"])))
        for j, p in enumerate(sas["program"]):
            m += 1
            program.append((str(m), sas["sasaran"] if j == 0 else "", f"{p['kode']} {p['program']}".strip(),
                            teks_rupiah(p["pagu"])))
    pihak = "camat" if role == "camat" else role
    return Naskah(judul=judul, kecamatan=isi["kecamatan"], kabupaten=isi.get("kabupaten"),
                  draf=isi.get("status", "ditandatangani") != "ditandatangani", alasan=isi.get("alasan"),
                  tempat_tanggal=f"{isi['kecamatan']}, {teks_tgl}", pertama=pertama, kedua=kedua,
                  indikator=indikator, program=program, total=teks_rupiah(isi.get("total_pagu")),
                  nama_berkas="-".join(f"perjanjian kinerja {pihak} {isi['kecamatan']} {tahun}".lower().split())
                  + (f"-perubahan-{ubah}" if ubah else ""))


# ---------------------------------------------------------------- PDF

LEBAR = 170.0  # mm between the margins of A4 portrait with 20 mm margins


def _paragraf(pdf: LembarPdf, teks: str, *, tebal: bool = False) -> None:
    pdf.set_font("dejavu", "B" if tebal else "", 10)
    pdf.multi_cell(LEBAR, 5.5, teks, align="J", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def _identitas(pdf: LembarPdf, p: Pihak) -> None:
    pdf.set_font("dejavu", size=10)
    for label, nilai in (("Nama", p.nama), ("Jabatan", p.jabatan)):
        pdf.set_x(pdf.l_margin + 8)
        pdf.cell(22, 5.5, label)
        pdf.multi_cell(LEBAR - 30, 5.5, f": {nilai}", new_x="LMARGIN", new_y="NEXT")


def _tanda_tangan_pdf(pdf: LembarPdf, n: Naskah) -> None:
    if pdf.get_y() + 48 > pdf.h - 15:
        pdf.add_page()
    pdf.ln(4)
    lebar = LEBAR / 2
    x_kiri, x_kanan = pdf.l_margin, pdf.l_margin + lebar
    pdf.set_font("dejavu", size=10)
    pdf.set_x(x_kanan)
    pdf.cell(lebar, 5.5, n.tempat_tanggal, align="C", new_x="LMARGIN", new_y="NEXT")
    y = pdf.get_y()
    for x, p in ((x_kiri, n.kedua), (x_kanan, n.pertama)):
        pdf.set_xy(x, y)
        pdf.set_font("dejavu", "B", 10)
        pdf.cell(lebar, 5.5, f"{p.sebutan},", align="C", new_x="LEFT", new_y="NEXT")
        pdf.set_font("dejavu", size=10)
        pdf.multi_cell(lebar, 5.5, p.jabatan.upper(), align="C", new_x="LEFT", new_y="NEXT")
        pdf.ln(18)
        pdf.set_x(x)
        pdf.set_font("dejavu", "BU", 10)
        pdf.multi_cell(lebar, 5.5, p.nama, align="C", new_x="LEFT", new_y="NEXT")
        if p.nip is not None:
            pdf.set_x(x)
            pdf.set_font("dejavu", size=10)
            pdf.cell(lebar, 5.5, f"NIP. {p.nip}", align="C", new_x="LEFT", new_y="NEXT")
    pdf.set_xy(pdf.l_margin, pdf.get_y() + 4)


def _tabel_pdf(pdf: LembarPdf, kepala: tuple[str, ...], lebar: tuple[float, ...], baris: Sequence[tuple[str, ...]],
               kosong: str, rata: tuple[str, ...]) -> None:
    pdf.set_font("dejavu", size=9)
    with pdf.table(col_widths=lebar, width=sum(lebar), align="LEFT", text_align=rata, v_align="TOP", line_height=4.5,
                   padding=1.2, headings_style=GAYA_KEPALA) as tabel:
        r = tabel.row()
        for k in kepala:
            r.cell(k, align="C")
        for b in baris:
            r = tabel.row()
            for v in b:
                r.cell(v)
        if not baris:
            tabel.row().cell(kosong, colspan=len(kepala), align="C")


def pdf_pk(isi: dict[str, Any]) -> bytes:
    """The PK as an A4 portrait PDF."""
    n = naskah(isi)
    pdf = LembarPdf(f"{n.judul} - Kecamatan {n.kecamatan}", tegak=True)
    pdf.set_margins(20, 15, 20)
    pdf.set_auto_page_break(True, margin=15)
    kop(pdf, n.judul, n.kecamatan, n.kabupaten)
    if n.draf:
        pdf.set_font("dejavu", "B", 10)
        pdf.cell(0, 6, "DRAF — belum ditandatangani", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    _paragraf(pdf, PEMBUKA)
    _identitas(pdf, n.pertama)
    _paragraf(pdf, "selanjutnya disebut pihak pertama.")
    _identitas(pdf, n.kedua)
    _paragraf(pdf, "selaku atasan pihak pertama, selanjutnya disebut pihak kedua.")
    _paragraf(pdf, JANJI_PERTAMA)
    _paragraf(pdf, JANJI_KEDUA)
    if n.alasan:
        _paragraf(pdf, f"Perjanjian ini mengubah perjanjian sebelumnya karena: {n.alasan}")
    _tanda_tangan_pdf(pdf, n)
    kop(pdf, f"LAMPIRAN {n.judul}", n.kecamatan, n.kabupaten)
    pdf.ln(4)
    _tabel_pdf(pdf, ("No", "Sasaran", "Indikator Kinerja", "Target"), (10, 55, 75, 30), n.indikator,
               "Belum ada indikator.", ("CENTER", "LEFT", "LEFT", "RIGHT"))
    pdf.ln(5)
    _tabel_pdf(pdf, ("No", "Sasaran", "Program", "Anggaran (Rp)"), (10, 55, 70, 35),
               [*n.program, ("", "", "Jumlah", n.total)] if n.program else [],
               "Belum ada program DPA yang dikaitkan dengan sasaran ini.", ("CENTER", "LEFT", "LEFT", "RIGHT"))
    _tanda_tangan_pdf(pdf, n)
    return bytes(pdf.output())


# ---------------------------------------------------------------- Word


def docx_pk(isi: dict[str, Any]) -> bytes:
    """The PK as a Word document (A4 portrait)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    n = naskah(isi)
    doc = dokumen_a4(f"{n.judul} - Kecamatan {n.kecamatan}")
    tengah = partial(baris_tengah, doc)

    def kepala(judul: str) -> None:
        if n.kabupaten:
            tengah(f"PEMERINTAH KABUPATEN {n.kabupaten.upper()}", ukuran=11)
        tengah(f"KECAMATAN {n.kecamatan.upper()}", ukuran=11)
        tengah(judul, ukuran=12)

    def identitas(p: Pihak) -> None:
        t = doc.add_table(rows=2, cols=2)
        for i, (label, nilai) in enumerate((("Nama", p.nama), ("Jabatan", p.jabatan))):
            t.cell(i, 0).text, t.cell(i, 1).text = label, f": {nilai}"
            t.cell(i, 0).width, t.cell(i, 1).width = Mm(30), Mm(140)

    def tanda_tangan() -> None:
        par = doc.add_paragraph(n.tempat_tanggal)
        par.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        t = doc.add_table(rows=1, cols=2)
        for sel, p in zip(t.rows[0].cells, (n.kedua, n.pertama), strict=True):
            sel.text = ""
            baris = [f"{p.sebutan},", p.jabatan.upper(), "", "", "", p.nama] + ([f"NIP. {p.nip}"] if p.nip else [])
            for i, teks in enumerate(baris):
                par = sel.paragraphs[0] if i == 0 else sel.add_paragraph()
                par.alignment = WD_ALIGN_PARAGRAPH.CENTER
                run = par.add_run(teks)
                run.bold = i in (0, 5)
                run.underline = i == 5

    def tabel(judul: tuple[str, ...], baris: Sequence[tuple[str, ...]], kosong: str) -> None:
        t = doc.add_table(rows=1, cols=len(judul))
        t.style = "Table Grid"
        for sel, teks in zip(t.rows[0].cells, judul, strict=True):
            sel.text = ""
            sel.paragraphs[0].add_run(teks).bold = True
        for b in baris:
            sel = t.add_row().cells
            for i, teks in enumerate(b):
                sel[i].text = teks
                if i == len(b) - 1:
                    sel[i].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if not baris:
            sel = t.add_row().cells
            sel[0].merge(sel[-1]).text = kosong

    kepala(n.judul)
    if n.draf:
        tengah("DRAF — belum ditandatangani")
    doc.add_paragraph(PEMBUKA)
    identitas(n.pertama)
    doc.add_paragraph("selanjutnya disebut pihak pertama.")
    identitas(n.kedua)
    doc.add_paragraph("selaku atasan pihak pertama, selanjutnya disebut pihak kedua.")
    doc.add_paragraph(JANJI_PERTAMA)
    doc.add_paragraph(JANJI_KEDUA)
    if n.alasan:
        doc.add_paragraph(f"Perjanjian ini mengubah perjanjian sebelumnya karena: {n.alasan}")
    tanda_tangan()
    doc.add_page_break()
    kepala(f"LAMPIRAN {n.judul}")
    tabel(("No", "Sasaran", "Indikator Kinerja", "Target"), n.indikator, "Belum ada indikator.")
    doc.add_paragraph()
    tabel(("No", "Sasaran", "Program", "Anggaran (Rp)"),
          [*n.program, ("", "", "Jumlah", n.total)] if n.program else [],
          "Belum ada program DPA yang dikaitkan dengan sasaran ini.")
    doc.add_paragraph()
    tanda_tangan()
    keluaran = io.BytesIO()
    doc.save(keluaran)
    return keluaran.getvalue()
