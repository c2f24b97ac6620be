"""Word documents for the tests, built by code in the shape Word saves them: the two table layouts of the seed SOP
families, merged header cells (gridSpan, vMerge), the identity block as a table before or after the procedure table
or as paragraphs after it, and flowchart shapes in the pelaksana cells as Word 2010+ writes them (DrawingML inside
mc:AlternateContent with a VML fallback) or as older Word does (VML alone). Independent of the product's own writer.
"""
from __future__ import annotations

import io
from dataclasses import dataclass

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Pt

from models.sop.dokumen import BULAN, Prosedur

NS_DECL = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
           'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
           'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
           'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
           'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
           'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
           'xmlns:w10="urn:schemas-microsoft-com:office:word"')
# kind → (DrawingML preset, VML shapetype number, VML path)
GEOMETRI = {"terminator": ("flowChartTerminator", 116, "m3475,qx,10800@0,21600l3475,21600qx21600,10800@0,0xe"),
            "proses": ("flowChartProcess", 109, "m,l,21600r21600,l21600,xe"),
            "keputusan": ("flowChartDecision", 110, "m10800,l,10800,10800,21600,21600,10800xe"),
            "konektor": ("flowChartOffpageConnector", 177, "m,l21600,r,17255l10800,21600,,17255xe")}
_id = [100]


def _baru_id() -> int:
    _id[0] += 1
    return _id[0]


def bentuk_drawingml(jenis: str, alt: str = "") -> str:
    """A run holding a floating flowchart shape the way Word 2010+ saves it; `alt`: its alternative text."""
    prst, spt, path = GEOMETRI[jenis]
    n = _baru_id()
    return (
        f'<w:r {NS_DECL}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        f'<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="{251658240 + n}" '
        f'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="column"><wp:posOffset>45720</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>22860</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="457200" cy="228600"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
        f'<wp:docPr id="{n}" name="Flowchart {n}" descr="{alt}"/><wp:cNvGraphicFramePr/>'
        f'<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f'<wps:wsp><wps:cNvSpPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="457200" cy="228600"/></a:xfrm>'
        f'<a:prstGeom prst="{prst}"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill>'
        f'<a:ln w="9525"><a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:ln></wps:spPr>'
        f'<wps:txbx><w:txbxContent><w:p><w:r><w:t>{"Ya" if jenis == "keputusan" else ""}</w:t></w:r></w:p>'
        f'</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>'
        f'</mc:Choice><mc:Fallback><w:pict><v:shapetype id="_x0000_t{spt}" coordsize="21600,21600" o:spt="{spt}" '
        f'path="{path}"><v:stroke joinstyle="miter"/></v:shapetype><v:shape id="Flowchart {n}" o:spid="_x0000_s{n}" '
        f'type="#_x0000_t{spt}" style="position:absolute;margin-left:3.6pt;margin-top:1.8pt;width:36pt;height:18pt;'
        f'z-index:{n}"/></w:pict></mc:Fallback></mc:AlternateContent></w:r>')


def bentuk_vml(jenis: str, alt: str = "") -> str:
    """A run holding a flowchart shape as older Word saves it: VML alone; `alt`: its alternative text."""
    _, spt, path = GEOMETRI[jenis]
    n = _baru_id()
    if jenis == "proses" and n % 2:  # Word also writes a plain rectangle for a process box
        badan = f'<v:rect id="Persegi {n}" alt="{alt}" style="position:absolute;width:36pt;height:18pt;z-index:{n}"/>'
    else:
        badan = (f'<v:shapetype id="_x0000_t{spt}" coordsize="21600,21600" o:spt="{spt}" path="{path}"/>'
                 f'<v:shape id="Bagan {n}" alt="{alt}" type="#_x0000_t{spt}" style="position:absolute;width:36pt;height:18pt;'
                 f'z-index:{n}"><v:textbox><w:txbxContent><w:p><w:r><w:t>teks</w:t></w:r></w:p></w:txbxContent>'
                 f'</v:textbox></v:shape>')
    return f'<w:r {NS_DECL}><w:pict>{badan}</w:pict></w:r>'


def garis_drawingml() -> str:
    """A connector (an arrow from one symbol to the next): not a mark."""
    n = _baru_id()
    return (f'<w:r {NS_DECL}><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" '
            f'relativeHeight="{n}" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" '
            f'y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
            f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
            f'<wp:extent cx="0" cy="228600"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
            f'<wp:docPr id="{n}" name="Panah {n}"/><wp:cNvGraphicFramePr/><a:graphic><a:graphicData '
            f'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvCnPr/>'
            f'<wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="228600"/></a:xfrm><a:prstGeom '
            f'prst="straightConnector1"><a:avLst/></a:prstGeom></wps:spPr><wps:bodyPr/></wps:wsp></a:graphicData>'
            f'</a:graphic></wp:anchor></w:drawing></w:r>')


def garis_vml() -> str:
    return f'<w:r {NS_DECL}><w:pict><v:line from="0,0" to="0,18pt" style="position:absolute"/></w:pict></w:r>'


@dataclass(frozen=True)
class Tanda:
    """The marks of one step: the labels of the columns holding a shape, and whether it is a decision."""

    pelaksana: tuple[str, ...]
    keputusan: bool
    kembali_ke: int | None = None  # written in the decision shape's alternative text, as an author may


def _tanggal(iso: str | None) -> str:
    if not iso:
        return "-"
    nama = {v: k.capitalize() for k, v in BULAN.items() if k not in ("pebruari", "nopember")}
    bagian = iso.split("-")
    if len(bagian) == 2:
        return f"{nama[int(bagian[1])]} {bagian[0]}"
    return f"{int(bagian[2]):02d} {nama[int(bagian[1])]} {bagian[0]}"


def _isi(sel, teks: str, *, tebal: bool = False) -> None:
    p = sel.paragraphs[0]
    r = p.add_run(teks)
    r.bold = tebal or None


def _daftar(sel, butir: list[str]) -> None:
    """Numbered paragraphs, as Word's numbering button makes them (numPr on the paragraph)."""
    for n, b in enumerate(butir):
        p = sel.paragraphs[0] if n == 0 else sel.add_paragraph()
        ppr = p._p.get_or_add_pPr()
        ppr.append(parse_xml(f'<w:numPr {NS_DECL}><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'))
        p.add_run(b)


def _kantor(p: Prosedur) -> str:
    return f"PEMERINTAH KABUPATEN {(p.kabupaten or '').upper()} KANTOR KECAMATAN {(p.kecamatan or '').upper()}"


def _tabel_identitas(doc, p: Prosedur, *, kantor_di_tabel: bool = True) -> None:
    t = doc.add_table(rows=12, cols=3)
    t.style = "Table Grid"
    kantor = t.cell(0, 0).merge(t.cell(4, 0))  # the office's heading beside the five lines (vMerge)
    _isi(kantor, _kantor(p) if kantor_di_tabel else "STANDAR OPERASIONAL PROSEDUR", tebal=True)
    for i, (label, nilai) in enumerate((("Nomor SOP", p.nomor or "-"),
                                        ("Tanggal Pembuatan", _tanggal(p.tanggal_pembuatan)),
                                        ("Tanggal Revisi", _tanggal(p.tanggal_revisi)),
                                        ("Tanggal Efektif", _tanggal(p.tanggal_efektif)))):
        _isi(t.cell(i, 1), label)
        _isi(t.cell(i, 2), nilai)
    _isi(t.cell(4, 1), "Disahkan oleh")
    _pengesah(t.cell(4, 2), p)
    _isi(t.cell(5, 0), "Nama SOP")
    _isi(t.cell(5, 1).merge(t.cell(5, 2)), p.nama, tebal=True)
    for baris, (kiri, kanan, isi_kiri, isi_kanan) in zip((6, 8, 10), (
            ("Dasar Hukum", "Kualifikasi pelaksana", p.dasar_hukum, p.kualifikasi_pelaksana),
            ("Keterkaitan", "Peralatan/perlengkapan", p.keterkaitan, p.peralatan),
            ("Peringatan", "Pencatatan dan pendataan", p.peringatan, p.pencatatan))):
        # a label row and a content row, each right-hand half merged over two grid columns (gridSpan)
        _isi(t.cell(baris, 0), kiri, tebal=True)
        _isi(t.cell(baris, 1).merge(t.cell(baris, 2)), kanan, tebal=True)
        bawah_kanan = t.cell(baris + 1, 1).merge(t.cell(baris + 1, 2))
        for sel, isi in ((t.cell(baris + 1, 0), isi_kiri), (bawah_kanan, isi_kanan)):
            if isinstance(isi, list):
                _daftar(sel, isi)
            elif isi:
                _isi(sel, isi)


def _pengesah(sel, p: Prosedur) -> None:
    d = p.disahkan_oleh
    par = sel.paragraphs[0]
    par.add_run(d.get("jabatan") or "")
    if d.get("nama"):
        r = sel.add_paragraph().add_run(d["nama"])
        r.bold, r.underline = True, True
    if p.pangkat:
        sel.add_paragraph().add_run(p.pangkat)
    if d.get("nip"):
        sel.add_paragraph().add_run(f"NIP. {d['nip']}")


def _identitas_paragraf(doc, p: Prosedur) -> None:
    doc.add_paragraph(f"PEMERINTAH KABUPATEN {(p.kabupaten or '').upper()}")
    doc.add_paragraph(f"KECAMATAN {(p.kecamatan or '').upper()}")
    for label, nilai in (("Nomor SOP", p.nomor or "-"), ("Tanggal Pembuatan", _tanggal(p.tanggal_pembuatan)),
                         ("Tanggal Revisi", _tanggal(p.tanggal_revisi)),
                         ("Tanggal Efektif", _tanggal(p.tanggal_efektif))):
        doc.add_paragraph(f"{label} : {nilai}")
    doc.add_paragraph("Disahkan oleh :")
    d = p.disahkan_oleh
    doc.add_paragraph(d.get("jabatan") or "")
    if d.get("nama"):
        r = doc.add_paragraph().add_run(d["nama"])
        r.bold, r.underline = True, True
    if p.pangkat:
        doc.add_paragraph(p.pangkat)
    if d.get("nip"):
        doc.add_paragraph(f"NIP. {d['nip']}")
    doc.add_paragraph(f"Nama SOP : {p.nama}")
    doc.add_paragraph("")  # a blank line, as people leave them
    for judul, isi in (("Dasar Hukum", p.dasar_hukum), ("Kualifikasi Pelaksana", p.kualifikasi_pelaksana),
                       ("Keterkaitan", p.keterkaitan), ("Peralatan/Perlengkapan", p.peralatan)):
        doc.add_paragraph(judul)
        for b in isi:
            par = doc.add_paragraph(b)
            par._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {NS_DECL}><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'))
    doc.add_paragraph(f"Peringatan : {p.peringatan or ''}")
    doc.add_paragraph(f"Pencatatan dan Pendataan : {p.pencatatan or ''}")


def _tabel_prosedur(doc, p: Prosedur, tanda: list[Tanda] | None, *, tata: str, bentuk: str | None) -> None:
    n = len(p.pelaksana)
    kolom = 2 + n + 4
    if tata == "dua_baris":
        t = doc.add_table(rows=2, cols=kolom)
        t.style = "Table Grid"
        for i, teks in ((0, "No."), (1, "Kegiatan"), (kolom - 1, "Keterangan")):
            _isi(t.cell(0, i).merge(t.cell(1, i)), teks, tebal=True)
        _isi(t.cell(0, 2).merge(t.cell(0, 1 + n)), "Pelaksana", tebal=True)
        _isi(t.cell(0, 2 + n).merge(t.cell(0, 4 + n)), "Mutu Baku", tebal=True)
        for i, label in enumerate([*p.pelaksana, "Kelengkapan", "Waktu", "Output"]):
            _isi(t.cell(1, 2 + i), label, tebal=True)
        waktu_tercetak = [lk.waktu for lk in p.langkah]
    else:  # one header row, time in minutes
        t = doc.add_table(rows=1, cols=kolom)
        t.style = "Table Grid"
        for i, label in enumerate(["No", "Aktivitas", *p.pelaksana, "Kelengkapan", "Waktu (menit)", "Output",
                                   "Keterangan"]):
            _isi(t.cell(0, i), label, tebal=True)
        waktu_tercetak = [lk.waktu for lk in p.langkah]
    for k, lk in enumerate(p.langkah):
        baris = t.add_row()
        sel = baris.cells
        for i, teks in ((0, lk.no), (1, lk.kegiatan), (2 + n, lk.kelengkapan), (3 + n, waktu_tercetak[k]),
                        (4 + n, lk.output), (5 + n, lk.keterangan)):
            _isi(sel[i], teks)
        if tanda and bentuk:
            tk = tanda[k]
            for j, label in enumerate(p.pelaksana):
                if label not in tk.pelaksana:
                    continue
                pertama = k == 0 and label == tk.pelaksana[0]
                terakhir = k == len(p.langkah) - 1 and label == tk.pelaksana[-1]
                jenis = "keputusan" if tk.keputusan else ("terminator" if pertama or terakhir else "proses")
                par = sel[2 + j].paragraphs[0]
                alt = f"Keputusan; jika tidak, kembali ke langkah {tk.kembali_ke}" if tk.kembali_ke and tk.keputusan \
                    else ""
                par._p.append(parse_xml(bentuk_drawingml(jenis, alt) if bentuk == "drawingml" else bentuk_vml(jenis, alt)))
                if not terakhir:  # the arrow to the next symbol, anchored in the same cell
                    par._p.append(parse_xml(garis_drawingml() if bentuk == "drawingml" else garis_vml()))
    if p.total_tercetak is not None or tata == "dua_baris":
        jumlah = t.add_row().cells
        _isi(jumlah[0].merge(jumlah[1 + n]), "JUMLAH WAKTU PENYELESAIAN", tebal=True)
        _isi(jumlah[3 + n], p.total_tercetak or "")


def tulis_docx(prosedur: list[tuple[Prosedur, list[Tanda] | None]], *, tata: str = "dua_baris",
               bentuk: str | None = "drawingml", identitas: str = "tabel_sebelum", kop: str = "tabel") -> bytes:
    """A Word document holding the procedures in order. tata: dua_baris | satu_baris; bentuk: drawingml | vml |
    None (no marks); identitas: tabel_sebelum | tabel_sesudah | paragraf_sesudah (a procedure without an identity
    of its own gets none); kop, where the office is named for an identity table before its procedure: tabel (its
    first cell) | paragraf (a letterhead paragraph above it) | kepala_halaman (the page header, a
    letterhead table beside a logo cell, with the office's address under it)."""
    doc = Document()
    doc.styles["Normal"].font.size = Pt(9)
    if kop == "kepala_halaman" and prosedur:
        p0 = prosedur[0][0]
        kepala = doc.sections[0].header
        kepala.paragraphs[0].text = "Telp. (0341) 123456"
        lambang, teks = kepala.add_table(rows=1, cols=2, width=Pt(400)).rows[0].cells
        _isi(lambang, "[lambang]")
        teks.paragraphs[0].text = f"PEMERINTAH KABUPATEN {(p0.kabupaten or '').upper()}"
        teks.add_paragraph(f"KECAMATAN {(p0.kecamatan or '').upper()}").runs[0].bold = True
        teks.add_paragraph(f"Jl. Raya {p0.kecamatan} No. 1, Kecamatan Lain, Kabupaten {p0.kabupaten}")
    for p, tanda in prosedur:
        if p.punya_identitas and identitas == "tabel_sebelum":
            if kop == "paragraf":
                kop_baris = f"KECAMATAN {(p.kecamatan or '').upper()} KABUPATEN {(p.kabupaten or '').upper()}"
                doc.add_paragraph().add_run(kop_baris).bold = True
            _tabel_identitas(doc, p, kantor_di_tabel=kop == "tabel")
            doc.add_paragraph("")
        doc.add_paragraph().add_run(p.judul_tabel or p.nama).bold = True
        _tabel_prosedur(doc, p, tanda, tata=tata, bentuk=bentuk)
        doc.add_paragraph("")
        if p.punya_identitas and identitas == "tabel_sesudah":
            _tabel_identitas(doc, p)
        elif p.punya_identitas and identitas == "paragraf_sesudah":
            _identitas_paragraf(doc, p)
        doc.add_page_break()
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def ganti_bagian(data: bytes, nama: str, isi: bytes | None) -> bytes:
    """The document with one part of its zip replaced (None: removed), for damaged documents."""
    import zipfile

    keluar = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as z, zipfile.ZipFile(keluar, "w", zipfile.ZIP_DEFLATED) as baru:
        for info in z.infolist():
            if info.filename == nama:
                if isinstance(isi, bytes):
                    baru.writestr(info, isi)
                continue
            baru.writestr(info, z.read(info))
    return keluar.getvalue()


__all__ = ["Tanda", "tulis_docx", "ganti_bagian", "qn"]
