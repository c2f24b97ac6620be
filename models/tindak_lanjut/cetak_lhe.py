"""The Laporan Hasil Evaluasi (LHE) of an office's Evaluasi AKIP printed as PDF (A4 portrait) and as Word (.docx).

The Inspektorat's letterhead, the title (LAPORAN HASIL EVALUASI AKUNTABILITAS KINERJA INSTANSI PEMERINTAH,
Kecamatan …, Tahun …), the scores per component and sub-component with their weights and the total, the predicate
with its meaning, the findings, the recommendations (responsible role and due date) and the evaluator's signature.
Both are built from one `Lhe` (models.tindak_lanjut.lhe.isi_lhe); a report not yet final says so on top.
"""
from __future__ import annotations

import io
from collections.abc import Sequence
from functools import partial

from models.tindak_lanjut.lhe import Lhe
from models.umum.pdf import GAYA_KEPALA, LembarPdf
from models.umum.word import baris_tengah, dokumen_a4

JUDUL = "LAPORAN HASIL EVALUASI AKUNTABILITAS KINERJA INSTANSI PEMERINTAH"
BELUM_FINAL = "DRAF — Evaluasi AKIP belum final"
LEBAR = 170.0  # mm between the margins of A4 portrait with 20 mm margins


def kepala(lhe: Lhe) -> list[str]:
    return [f"PEMERINTAH KABUPATEN {lhe.kabupaten.upper()}", "INSPEKTORAT"]


def subjudul(lhe: Lhe) -> str:
    return f"Kecamatan {lhe.kecamatan} Tahun {lhe.tahun}"


def kalimat_predikat(lhe: Lhe) -> str:
    """The verdict sentence: total, predicate and its meaning; what is missing while incomplete."""
    if lhe.predikat == "-":
        return (f"Nilai belum dapat dihitung: {lhe.belum} kriteria belum dijawab evaluator.")
    return (f"Nilai hasil evaluasi AKIP Kecamatan {lhe.kecamatan} tahun {lhe.tahun} adalah {lhe.total} dengan "
            f"predikat {lhe.predikat} ({lhe.arti}).")


def baris_rekomendasi(lhe: Lhe) -> list[tuple[str, str, str, str]]:
    return [(str(n), r.teks, r.penanggung_jawab, r.jatuh_tempo) for n, r in enumerate(lhe.rekomendasi, start=1)]


# Each score is summed exact and rounded only where printed, so printed parts may differ from their printed sum.
CATATAN_PEMBULATAN = ("Nilai dihitung tanpa pembulatan lalu dibulatkan dua desimal saat dicetak; jumlah angka yang "
                      "tercetak dapat berselisih 0,01 dari nilai di atasnya.")


def pdf_lhe(lhe: Lhe) -> bytes:
    """The LHE as an A4 portrait PDF."""
    pdf = LembarPdf(f"LHE Evaluasi AKIP Kecamatan {lhe.kecamatan} {lhe.tahun}", tegak=True)
    pdf.set_margins(20, 15, 20)
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    pdf.set_font("dejavu", "B", 11)
    for teks in kepala(lhe):
        pdf.cell(0, 5, teks, align="C", new_x="LMARGIN", new_y="NEXT")
    y = pdf.get_y() + 1
    pdf.set_line_width(0.6)
    pdf.line(pdf.l_margin, y, pdf.w - pdf.r_margin, y)
    pdf.set_line_width(0.2)
    pdf.line(pdf.l_margin, y + 1, pdf.w - pdf.r_margin, y + 1)
    pdf.ln(4)
    pdf.set_font("dejavu", "B", 12)
    pdf.multi_cell(LEBAR, 6, JUDUL, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 6, subjudul(lhe), align="C", new_x="LMARGIN", new_y="NEXT")
    if not lhe.final:
        pdf.set_font("dejavu", "B", 10)
        pdf.cell(0, 6, BELUM_FINAL, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)

    def judul_bagian(teks: str) -> None:
        pdf.ln(2)
        pdf.set_font("dejavu", "B", 10)
        pdf.cell(0, 6, teks, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("dejavu", size=9)

    judul_bagian("A. Nilai per komponen dan subkomponen")
    with pdf.table(col_widths=(14, 116, 20, 20), width=LEBAR, align="LEFT",
                   text_align=("LEFT", "LEFT", "RIGHT", "RIGHT"), v_align="TOP", line_height=4.5, padding=1.2,
                   headings_style=GAYA_KEPALA) as tabel:
        r = tabel.row()
        for k in ("No", "Komponen / subkomponen", "Bobot", "Nilai"):
            r.cell(k, align="C")
        for b in lhe.baris:
            r = tabel.row()
            gaya = GAYA_KEPALA.replace(size_pt=9) if b.komponen else None
            for v in (b.kode, b.nama, b.bobot, b.nilai):
                r.cell(v, style=gaya)
        r = tabel.row()
        r.cell("Nilai akhir", colspan=2, style=GAYA_KEPALA.replace(size_pt=9))
        r.cell("100,00", style=GAYA_KEPALA.replace(size_pt=9))
        r.cell(lhe.total, style=GAYA_KEPALA.replace(size_pt=9))
    pdf.set_font("dejavu", size=8)
    pdf.multi_cell(LEBAR, 4.5, CATATAN_PEMBULATAN, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font("dejavu", "B", 10)
    pdf.multi_cell(LEBAR, 5.5, f"Predikat: {lhe.predikat}" + (f" ({lhe.arti})" if lhe.predikat != "-" else ""),
                   new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("dejavu", size=10)
    pdf.multi_cell(LEBAR, 5.5, kalimat_predikat(lhe), align="J", new_x="LMARGIN", new_y="NEXT")

    judul_bagian("B. Temuan")
    pdf.set_font("dejavu", size=10)
    pdf.multi_cell(LEBAR, 5.5, lhe.temuan or "Tidak ada temuan yang dicatat.", align="J", new_x="LMARGIN",
                   new_y="NEXT")

    judul_bagian("C. Rekomendasi")
    rek = baris_rekomendasi(lhe)
    with pdf.table(col_widths=(10, 95, 35, 30), width=LEBAR, align="LEFT", text_align=("CENTER", "LEFT", "LEFT", "LEFT"),
                   v_align="TOP", line_height=4.5, padding=1.2, headings_style=GAYA_KEPALA) as tabel:
        r = tabel.row()
        for k in ("No", "Rekomendasi", "Penanggung jawab", "Jatuh tempo"):
            r.cell(k, align="C")
        for isi in rek:
            r = tabel.row()
            for v in isi:
                r.cell(v)
        if not rek:
            tabel.row().cell("Belum ada rekomendasi.", colspan=4, align="C")

    if pdf.get_y() + 45 > pdf.h - 15:
        pdf.add_page()
    pdf.ln(6)
    x = pdf.l_margin + LEBAR / 2
    pdf.set_font("dejavu", size=10)
    for teks in (lhe.tempat_tanggal, lhe.jabatan):
        pdf.set_x(x)
        pdf.multi_cell(LEBAR / 2, 5.5, teks, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(18)
    pdf.set_x(x)
    pdf.set_font("dejavu", "BU", 10)
    pdf.multi_cell(LEBAR / 2, 5.5, lhe.penandatangan, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("dejavu", size=10)
    pdf.set_x(x)
    pdf.cell(LEBAR / 2, 5.5, f"NIP. {lhe.nip or '.' * 30}", align="C")
    return bytes(pdf.output())


def docx_lhe(lhe: Lhe) -> bytes:
    """The LHE as a Word document (A4 portrait)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc = dokumen_a4(f"LHE Evaluasi AKIP Kecamatan {lhe.kecamatan} {lhe.tahun}")
    tengah = partial(baris_tengah, doc)

    def tabel(judul: tuple[str, ...], baris: Sequence[tuple[str, ...]], kanan: tuple[int, ...] = (),
              tebal: set[int] | None = None) -> None:
        t = doc.add_table(rows=1, cols=len(judul))
        t.style = "Table Grid"
        for sel, teks in zip(t.rows[0].cells, judul, strict=True):
            sel.text = ""
            sel.paragraphs[0].add_run(teks).bold = True
        for n, b in enumerate(baris):
            sel = t.add_row().cells
            for i, teks in enumerate(b):
                sel[i].text = ""
                run = sel[i].paragraphs[0].add_run(teks)
                run.bold = bool(tebal and n in tebal)
                if i in kanan:
                    sel[i].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT

    for teks in kepala(lhe):
        tengah(teks, ukuran=11)
    tengah(JUDUL, ukuran=12)
    tengah(subjudul(lhe), ukuran=12)
    if not lhe.final:
        tengah(BELUM_FINAL)
    doc.add_heading("A. Nilai per komponen dan subkomponen", level=2)
    baris = [(b.kode, b.nama, b.bobot, b.nilai) for b in lhe.baris] + [("", "Nilai akhir", "100,00", lhe.total)]
    tabel(("No", "Komponen / subkomponen", "Bobot", "Nilai"), baris, kanan=(2, 3),
          tebal={n for n, b in enumerate(lhe.baris) if b.komponen} | {len(baris) - 1})
    doc.add_paragraph().add_run(CATATAN_PEMBULATAN).italic = True
    par = doc.add_paragraph()
    par.add_run(f"Predikat: {lhe.predikat}" + (f" ({lhe.arti})" if lhe.predikat != "-" else "")).bold = True
    doc.add_paragraph(kalimat_predikat(lhe))
    doc.add_heading("B. Temuan", level=2)
    doc.add_paragraph(lhe.temuan or "Tidak ada temuan yang dicatat.")
    doc.add_heading("C. Rekomendasi", level=2)
    rek = baris_rekomendasi(lhe)
    if rek:
        tabel(("No", "Rekomendasi", "Penanggung jawab", "Jatuh tempo"), list(rek))
    else:
        doc.add_paragraph("Belum ada rekomendasi.")
    doc.add_paragraph()
    for i, teks in enumerate((lhe.tempat_tanggal, lhe.jabatan, "", "", "", lhe.penandatangan,
                              f"NIP. {lhe.nip or '.' * 30}")):
        par = doc.add_paragraph()
        par.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        run = par.add_run(teks)
        run.bold = run.underline = i == 5
    keluaran = io.BytesIO()
    doc.save(keluaran)
    return keluaran.getvalue()
