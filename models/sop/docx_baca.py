"""Reading SOP documents from Word itself (.docx): the tables by their cells, merged cells as Word stores them, the
identity block as a table or as paragraphs, and the flowchart shapes in the pelaksana columns.

The body is laid out as the text export that models.sop.dokumen reads (a line per paragraph; a line per table row,
one tab-separated cell per grid column, a merged cell's text in its first column), so a Word file and its text
export give the same procedure by construction. What the text loses is read beside it: the shapes in the pelaksana
cells of each step row.

Word stores a shape as DrawingML (`wps:wsp` with a preset geometry such as `flowChartProcess`), usually inside
`mc:AlternateContent` with a VML copy as the fallback for older readers, or as VML alone (`v:shape` of a shapetype,
`v:rect`, `v:roundrect`) in documents from older Word. A shape is counted once, whichever encodings carry it; lines
and connectors are not marks.

Pure: bytes in, dataclasses out.
"""
from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field

from lxml import etree

from models.sop.dokumen import DokumenTidakTerbaca, Prosedur, baca_dokumen, bersihkan, kantor_kop
from models.sop.durasi import MENIT_PER_HARI_BAKU
from models.umum.angka import tulis_angka

MAKS_DOCX = 8 * 1024 * 1024  # as sent
MAKS_DOCX_TERBUKA = 64 * 1024 * 1024  # everything its zip holds, unpacked (pictures included)
MAKS_BAGIAN_DOCX = 2000
# What word/document.xml may hold, counted while it is read (streamed) and before anything is built from it. The
# seed documents written as Word hold at most 360 KB of XML, 14,000 elements, 18 tables, 15 rows in a table, 210
# rows in all, 12 cells in a row and 374 characters in a cell: the bounds leave five to twenty times that (a bigger
# book of procedures, Word's own heavier markup), and stop a hostile document (a table of 11,000 step rows is 30 to
# 60 MB of XML) at its size or after its first few hundred rows. tests/unit/test_sop_docx.py holds the seeds to it.
MAKS_XML_DOCX = 8 * 1024 * 1024
MAKS_UNSUR_DOCX = 200_000
MAKS_TABEL_DOCX = 100
MAKS_BARIS_TABEL = 300
MAKS_BARIS_DOCX = 3_000
MAKS_SEL_BARIS = 60
MAKS_TEKS_SEL = 10_000
MAKS_PARAGRAF_DOCX = 30_000
# The page headers (word/header1.xml …) read for the office's letterhead: Word writes up to three per section (first
# page, odd, even); each is read within the bounds of document.xml.
MAKS_KEPALA_HALAMAN = 6

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {
    "w": W,
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "wpg": "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
}

# The kind of a flowchart symbol (PermenPAN-RB 35/2012): DrawingML preset geometry → kind.
BENTUK_DRAWINGML = {
    "flowChartTerminator": "terminator", "roundRect": "terminator", "ellipse": "terminator",
    "flowChartProcess": "proses", "rect": "proses", "flowChartAlternateProcess": "proses",
    "flowChartPredefinedProcess": "proses", "flowChartDocument": "proses", "flowChartInputOutput": "proses",
    "flowChartDecision": "keputusan", "diamond": "keputusan",
    "flowChartOffpageConnector": "konektor", "flowChartConnector": "konektor",
}
# VML: the shapetype's number (o:spt, or the "#_x0000_tNNN" a v:shape refers to) → kind; v:rect and v:roundrect.
BENTUK_VML = {116: "terminator", 109: "proses", 176: "proses", 112: "proses", 114: "proses", 111: "proses",
              110: "keputusan", 4: "keputusan", 177: "konektor", 120: "konektor", 1: "proses", 2: "terminator",
              3: "terminator"}


@dataclass(frozen=True)
class Bentuk:
    jenis: str  # terminator | proses | keputusan | konektor
    pengodean: str  # drawingml | vml
    # From the shape's alternative text, when it says so (the product's own documents do): "(2 dari 2)" the order
    # of the work through a step's columns, "kembali ke langkah 3" where a decision's "tidak" goes back to.
    urut: int | None = None
    kembali_ke: int | None = None


def _dari_alt(alt: str | None) -> tuple[int | None, int | None]:
    alt = alt or ""
    urut = re.search(r"\((\d+) dari \d+\)", alt)
    kembali = re.search(r"kembali ke langkah (\d+)", alt, re.IGNORECASE)
    return (int(urut.group(1)) if urut else None), (int(kembali.group(1)) if kembali else None)


@dataclass
class _Tata:
    """The body laid out as lines, with what the lines do not say."""

    baris: list[str] = field(default_factory=list)
    letak: list[str] = field(default_factory=list)  # per line: where it is in the document, for messages
    bentuk: dict[int, dict[int, list[Bentuk]]] = field(default_factory=dict)  # line (1-based) → grid column → shapes
    kop: tuple[str | None, str | None] = (None, None)  # (kabupaten, kecamatan) of the page header's letterhead

    def tambah(self, teks: str, letak: str, bentuk: dict[int, list[Bentuk]] | None = None) -> None:
        self.baris.append(teks)
        self.letak.append(letak)
        if bentuk:
            self.bentuk[len(self.baris)] = bentuk


def _q(nama: str) -> str:
    awalan, lokal = nama.split(":")
    return f"{{{NS[awalan]}}}{lokal}"


# ---------------------------------------------------------------- shapes


def _spt_vml(el: etree._Element) -> int | None:
    spt = el.get(_q("o:spt"))
    if spt and spt.isdigit():
        return int(spt)
    m = re.search(r"_x0000_t(\d+)$", el.get("type") or "")
    return int(m.group(1)) if m else None


def bentuk_dalam(el: etree._Element) -> list[Bentuk]:
    """The flowchart symbols inside an element (a cell), in document order; connectors and lines are left out.
    Of an mc:AlternateContent only the choice is read (its fallback holds the same shapes in VML)."""
    hasil: list[Bentuk] = []

    def jelajah(x: etree._Element) -> None:
        tag = x.tag
        if tag == _q("mc:Fallback"):
            if x.getparent() is not None and x.getparent().find(_q("mc:Choice")) is not None:
                return
        if tag == _q("wps:wsp"):
            geom = x.find(f"{_q('wps:spPr')}/{_q('a:prstGeom')}")
            jenis = BENTUK_DRAWINGML.get(geom.get("prst")) if geom is not None else None
            if jenis:
                bingkai = next((a for a in x.iterancestors() if a.tag in (_q("wp:anchor"), _q("wp:inline"))), None)
                docpr = bingkai.find(_q("wp:docPr")) if bingkai is not None else None
                hasil.append(Bentuk(jenis, "drawingml", *_dari_alt(docpr.get("descr") if docpr is not None else None)))
            return  # a text box inside the shape holds no symbol of its own
        if tag in (_q("v:rect"), _q("v:roundrect"), _q("v:oval")):
            hasil.append(Bentuk({"rect": "proses", "roundrect": "terminator", "oval": "konektor"}[
                etree.QName(x).localname], "vml", *_dari_alt(x.get("alt"))))
            return
        if tag == _q("v:shape"):
            jenis = BENTUK_VML.get(_spt_vml(x) or -1)
            if jenis:
                hasil.append(Bentuk(jenis, "vml", *_dari_alt(x.get("alt"))))
            return
        for anak in x:
            jelajah(anak)

    jelajah(el)
    return hasil


# ---------------------------------------------------------------- text


def _teks_run(r: etree._Element) -> str:
    bagian = []
    for x in r:
        if x.tag == _q("w:t"):
            bagian.append(x.text or "")
        elif x.tag in (_q("w:tab"), _q("w:ptab")):
            bagian.append(" ")
        elif x.tag in (_q("w:br"), _q("w:cr")):
            bagian.append("<br>")
    return "".join(bagian)


def _teks_paragraf(p: etree._Element, *, tanda: bool) -> str:
    """A paragraph's text (runs, hyperlinks, fields' results), never the text of a shape's text box. With `tanda`,
    underlined runs are wrapped in <u> (the name in a signature block) and bold runs in <b>."""
    bagian = []
    for r in p.iter(_q("w:r")):
        if any(a.tag in (_q("w:txbxContent"), _q("v:textbox"), _q("mc:Fallback")) for a in r.iterancestors()):
            continue
        teks = _teks_run(r)
        if not teks:
            continue
        if tanda:
            rpr = r.find(_q("w:rPr"))
            u = rpr.find(_q("w:u")) if rpr is not None else None
            b = rpr.find(_q("w:b")) if rpr is not None else None
            if u is not None and u.get(_q("w:val"), "single") != "none":
                teks = f"<u>{teks}</u>"
            if b is not None and b.get(_q("w:val"), "true") not in ("0", "false"):
                teks = f"<b>{teks}</b>"
        bagian.append(teks)
    return "".join(bagian).replace("\t", " ")


def _blok(el: etree._Element):
    """The paragraphs and tables directly inside a body or a cell, through content controls (w:sdt) and custom
    XML wrappers, in order."""
    for anak in el:
        if anak.tag in (_q("w:p"), _q("w:tbl")):
            yield anak
        elif anak.tag in (_q("w:sdt"), _q("w:customXml")):
            isi = anak.find(_q("w:sdtContent")) if anak.tag == _q("w:sdt") else anak
            if isi is not None:
                yield from _blok(isi)


def _teks_sel(tc: etree._Element) -> str:
    """A cell as the text export writes it: each paragraph <p>…</p>, a numbered one <li>…</li>."""
    isi = []
    for p in (b for b in _blok(tc) if b.tag == _q("w:p")):
        teks = _teks_paragraf(p, tanda=True).strip()
        if not teks:
            continue
        bernomor = p.find(f"{_q('w:pPr')}/{_q('w:numPr')}") is not None
        isi.append(f"<li>{teks}</li>" if bernomor else f"<p>{teks}</p>")
    if any(x.startswith("<li>") for x in isi):
        isi = [x if x.startswith("<li>") else f"<li>{x[3:-4]}</li>" for x in isi]
        return "<ol> " + " ".join(isi) + " </ol>"
    return " ".join(isi)


def _angka(el: etree._Element | None, nama: str, baku: int) -> int:
    if el is None:
        return baku
    nilai = el.get(_q(f"w:{nama}"))
    return int(nilai) if nilai and nilai.isdigit() else baku


def _tata_tabel(tbl: etree._Element, nomor: int, tata: _Tata) -> None:
    for n, tr in enumerate(tbl.iterchildren(_q("w:tr")), start=1):
        sel: list[str] = []
        bentuk: dict[int, list[Bentuk]] = {}
        trpr = tr.find(_q("w:trPr"))
        sebelum = _angka(trpr.find(_q("w:gridBefore")) if trpr is not None else None, "val", 0)
        sel.extend([""] * sebelum)
        for tc in tr.iterchildren(_q("w:tc")):
            tcpr = tc.find(_q("w:tcPr"))
            lebar = _angka(tcpr.find(_q("w:gridSpan")) if tcpr is not None else None, "val", 1)
            vmerge = tcpr.find(_q("w:vMerge")) if tcpr is not None else None
            lanjutan = vmerge is not None and vmerge.get(_q("w:val"), "continue") == "continue"
            if not lanjutan:
                simbol = bentuk_dalam(tc)
                if simbol:
                    bentuk[len(sel)] = simbol
            sel.append("" if lanjutan else _teks_sel(tc))
            sel.extend([""] * (lebar - 1))
        tata.tambah("\t".join(sel), f"tabel {nomor} baris {n}", bentuk)


# The identity block written as paragraphs ("Nomor SOP : 070/…"), turned into the table rows the text reader knows.
_LABEL_PARAGRAF = re.compile(
    r"^(nomor sop|no\.? sop|tanggal pembuatan|tgl\.? pembuatan|tanggal revisi|tgl\.? revisi|tanggal efektif|"
    r"tgl\.? efektif|tanggal pengesahan|disahkan oleh|nama sop)\s*:?\s*(.*)$", re.IGNORECASE)
_BAGIAN_PARAGRAF = re.compile(
    r"^(dasar hukum|kualifikasi pelaksana|keterkaitan|peralatan\s*/\s*perlengkapan|peralatan perlengkapan|"
    r"peringatan|pencatatan dan pendataan)\s*:?\s*(.*)$", re.IGNORECASE)
_PASANGAN_PARAGRAF = (("dasar hukum", "kualifikasi pelaksana"), ("keterkaitan", "peralatan/perlengkapan"),
                      ("peringatan", "pencatatan dan pendataan"))


def _kunci_bagian(label: str) -> str:
    label = " ".join(label.lower().split())
    return "peralatan/perlengkapan" if label.startswith("peralatan") else label


def _identitas_paragraf(paragraf: list[tuple[str, str, bool, str]], mulai: int, tata: _Tata) -> int:
    """Lay out an identity block written as paragraphs from paragraf[mulai] ("Nomor SOP …"); return the index of
    the first paragraph after it. paragraf: (plain text, marked text, numbered, where)."""
    kepala = [t for t, _, _, _ in paragraf[max(0, mulai - 3):mulai]
              if re.search(r"\b(kabupaten|kecamatan|kantor camat)\b", t, re.IGNORECASE)]
    label: list[tuple[str, str, str]] = []  # (label as printed, value, where)
    bagian: dict[str, list[str]] = {}
    sekarang: str | None = None
    i = mulai
    while i < len(paragraf):
        polos, bertanda, bernomor, letak = paragraf[i]
        if not polos:  # blank lines people leave between the parts
            i += 1
            continue
        m_label, m_bagian = _LABEL_PARAGRAF.match(polos), _BAGIAN_PARAGRAF.match(polos)
        if m_label and not bernomor:
            label.append((m_label.group(1), bersihkan(m_label.group(2)), letak))
            sekarang = "disahkan" if m_label.group(1).lower().startswith("disahkan") else None
        elif m_bagian and not bernomor:
            kunci = _kunci_bagian(m_bagian.group(1))
            bagian[kunci] = [m_bagian.group(2)] if m_bagian.group(2).strip() else []
            sebaris = kunci in ("peringatan", "pencatatan dan pendataan") and ":" in bertanda
            sekarang = None if sebaris else kunci  # "Peringatan : …" holds its text on its own line
            if sebaris and kunci == "pencatatan dan pendataan":
                i += 1
                break
        elif sekarang == "disahkan":  # the signature block's lines under "Disahkan oleh"
            nama, nilai, tempat = label[-1]
            label[-1] = (nama, f"{nilai} <p>{bertanda}</p>".strip(), tempat)
        elif sekarang is not None:
            bagian[sekarang].append(polos)
        else:
            break
        i += 1
        if sekarang == "pencatatan dan pendataan" and bagian[sekarang]:
            break  # the block's last part is one paragraph
    for n, (nama, nilai, letak) in enumerate(label):
        awal = " ".join(kepala) if n == 0 else ""
        tata.tambah(f"{awal}\t{nama}\t{nilai}" if not nama.lower().startswith("nama sop") else f"{nama}\t{nilai}",
                    letak)
    for kiri, kanan in _PASANGAN_PARAGRAF:
        if kiri in bagian or kanan in bagian:
            tata.tambah(f"{kiri}\t{kanan}", "identitas")
            sel = ["<ol> " + " ".join(f"<li>{x}</li>" for x in bagian.get(k, []) if x.strip()) + " </ol>"
                   if k not in ("peringatan", "pencatatan dan pendataan") else " ".join(bagian.get(k, []))
                   for k in (kiri, kanan)]
            tata.tambah("\t".join(sel), "identitas")
    tata.tambah("", "identitas")
    return i


def pesan_lebih(jumlah: int, apa: str, satuan: str, per: str = "") -> str:
    """"tabel memuat lebih dari 300 baris; paling banyak 300 per tabel"."""
    return f"{apa} lebih dari {tulis_angka(jumlah)} {satuan}; paling banyak {tulis_angka(jumlah)}{per}"


def _baca_terbatas(xml, sumber: str) -> etree._Element:
    """word/document.xml parsed as it streams in, counting what it holds and stopping at the first bound passed
    (DokumenTidakTerbaca naming the bound): the tree is built only as far as the bounds allow."""
    tbl, tr, tc, t, p = _q("w:tbl"), _q("w:tr"), _q("w:tc"), _q("w:t"), _q("w:p")
    unsur = tabel = baris_semua = paragraf = 0
    tabel_atas = 0  # the number of the outermost table, as the messages of tata_docx name it
    terbuka: list[list[int]] = []  # per open table: [rows, cells in the current row, characters in the current cell]

    def tolak(pesan: str, letak: str | None = None) -> DokumenTidakTerbaca:
        return DokumenTidakTerbaca(sumber, None, pesan, letak=letak)

    baca = etree.iterparse(xml, events=("start", "end"), resolve_entities=False, no_network=True, huge_tree=False,
                           load_dtd=False)
    for peristiwa, el in baca:
        if peristiwa == "end":
            if el.tag == t and terbuka and el.text:
                terbuka[-1][2] += len(el.text)
                if terbuka[-1][2] > MAKS_TEKS_SEL:
                    raise tolak(pesan_lebih(MAKS_TEKS_SEL, "sel memuat", "karakter", " per sel"),
                                f"tabel {tabel_atas} baris {terbuka[0][0]}")
            elif el.tag == tbl and terbuka:
                terbuka.pop()
            continue
        unsur += 1
        if unsur > MAKS_UNSUR_DOCX:
            raise tolak(pesan_lebih(MAKS_UNSUR_DOCX, "dokumen memuat", "unsur XML"))
        tag = el.tag
        if tag == p:
            paragraf += 1
            if paragraf > MAKS_PARAGRAF_DOCX:
                raise tolak(pesan_lebih(MAKS_PARAGRAF_DOCX, "dokumen memuat", "paragraf"))
        elif tag == tbl:
            tabel += 1
            if tabel > MAKS_TABEL_DOCX:
                raise tolak(pesan_lebih(MAKS_TABEL_DOCX, "dokumen memuat", "tabel"))
            if not terbuka:
                tabel_atas += 1
            terbuka.append([0, 0, 0])
        elif tag == tr and terbuka:
            terbuka[-1][0] += 1
            terbuka[-1][1] = 0
            baris_semua += 1
            if terbuka[-1][0] > MAKS_BARIS_TABEL:
                raise tolak(pesan_lebih(MAKS_BARIS_TABEL, "tabel memuat", "baris", " per tabel"), f"tabel {tabel_atas}")
            if baris_semua > MAKS_BARIS_DOCX:
                raise tolak(pesan_lebih(MAKS_BARIS_DOCX, "dokumen memuat", "baris tabel"))
        elif tag == tc and terbuka:
            terbuka[-1][1] += 1
            terbuka[-1][2] = 0
            if terbuka[-1][1] > MAKS_SEL_BARIS:
                raise tolak(pesan_lebih(MAKS_SEL_BARIS, "baris memuat", "sel", " per baris"),
                            f"tabel {tabel_atas} baris {terbuka[0][0]}")
    return baca.root


def _baris_kepala(root: etree._Element) -> list[str]:
    """A page header's paragraphs as text, those of its text boxes included (a letterhead is often drawn in one),
    each once: the VML copy of a text box (mc:Fallback) is left out."""
    hasil = []
    for p in root.iter(_q("w:p")):
        if any(a.tag == _q("mc:Fallback") for a in p.iterancestors()):
            continue
        teks = "".join(t.text or "" for t in p.iter(_q("w:t")) if next(t.iterancestors(_q("w:p")), None) is p)
        if teks.strip():
            hasil.append(bersihkan(teks))
    return hasil


def _kop_halaman(z: zipfile.ZipFile, sumber: str) -> tuple[str | None, str | None]:
    """(kabupaten, kecamatan) named in the page headers (their paragraphs, a letterhead's table included), the
    first header naming a kecamatan deciding; each header is read as document.xml is, within its bounds."""
    nama = sorted((i for i in z.infolist() if re.fullmatch(r"word/header\d*\.xml", i.filename)),
                  key=lambda i: (len(i.filename), i.filename))[:MAKS_KEPALA_HALAMAN]
    for info in nama:
        if info.file_size > MAKS_XML_DOCX:
            raise DokumenTidakTerbaca(sumber, None, f"isi kepala halaman Word ({info.filename}) lebih dari 8 MB "
                                      "setelah dibuka; paling banyak 8 MB")
        with z.open(info) as xml:
            root = _baca_terbatas(xml, sumber)
        kab, kec = kantor_kop(_baris_kepala(root))
        if kec:
            return kab, kec
    return None, None


def tata_docx(data: bytes, sumber: str) -> _Tata:
    """The document's body laid out as lines (see the module docstring)."""
    if len(data) > MAKS_DOCX:
        raise DokumenTidakTerbaca(sumber, None, "berkas Word lebih dari 8 MB")
    utuh = DokumenTidakTerbaca(sumber, None, "berkas bukan dokumen Word (.docx) yang utuh")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            bagian = z.infolist()
            if len(bagian) > MAKS_BAGIAN_DOCX or sum(b.file_size for b in bagian) > MAKS_DOCX_TERBUKA:
                raise DokumenTidakTerbaca(sumber, None,
                                          "isi berkas Word terlalu besar setelah dibuka (lebih dari 64 MB)")
            dokumen = z.getinfo("word/document.xml")
            if dokumen.file_size > MAKS_XML_DOCX:
                raise DokumenTidakTerbaca(sumber, None, "isi dokumen Word (word/document.xml) lebih dari 8 MB "
                                          "setelah dibuka; paling banyak 8 MB")
            with z.open(dokumen) as xml:  # zipfile stops at the size the zip declares
                root = _baca_terbatas(xml, sumber)
            kop = _kop_halaman(z, sumber)
    except DokumenTidakTerbaca:
        raise
    except etree.XMLSyntaxError:
        raise DokumenTidakTerbaca(sumber, None, "isi dokumen Word rusak (XML tidak dapat dibaca)") from None
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError, zlib.error, RuntimeError,
            NotImplementedError):  # RuntimeError: a part protected by a password; NotImplementedError: its method
        raise utuh from None
    body = root.find(_q("w:body"))
    if body is None:
        raise DokumenTidakTerbaca(sumber, None, "dokumen Word tidak memiliki isi")
    tata = _Tata(kop=kop)
    nomor_tabel = nomor_paragraf = 0
    paragraf: list[tuple[str, str, bool, str]] = []  # consecutive paragraphs not yet laid out

    def lepas() -> None:
        i = 0
        while i < len(paragraf):
            polos = paragraf[i][0]
            if re.match(r"^(nomor sop|no\.? sop)\b", polos, re.IGNORECASE) and not paragraf[i][2]:
                i = _identitas_paragraf(paragraf, i, tata)
                continue
            tata.tambah(polos, paragraf[i][3])
            i += 1
        paragraf.clear()

    for el in _blok(body):
        if el.tag == _q("w:p"):
            nomor_paragraf += 1
            bernomor = el.find(f"{_q('w:pPr')}/{_q('w:numPr')}") is not None
            paragraf.append((bersihkan(_teks_paragraf(el, tanda=False)), _teks_paragraf(el, tanda=True).strip(),
                             bernomor, f"paragraf {nomor_paragraf}"))
        elif el.tag == _q("w:tbl"):
            lepas()
            nomor_tabel += 1
            _tata_tabel(el, nomor_tabel, tata)
            tata.tambah("", f"sesudah tabel {nomor_tabel}")
    lepas()
    return tata


def _kolom_pelaksana(baris: list[str], kepala: int) -> dict[int, str]:
    """The pelaksana columns of the procedure table whose header is at line `kepala` (1-based): grid column →
    label as printed (the roles' row is the header's own in the one-row layout, else the row under it)."""
    for n in (kepala, kepala + 1):
        sel = baris[n - 1].split("\t") if n - 1 < len(baris) else []
        label = [bersihkan(s).lower() for s in sel]
        if "kelengkapan" in label:
            akhir = label.index("kelengkapan")
            return {i: bersihkan(sel[i]) for i in range(2, akhir) if bersihkan(sel[i])}
    return {}


def baca_docx(data: bytes, sumber: str = "dokumen.docx", *,
              menit_per_hari: int = MENIT_PER_HARI_BAKU) -> list[Prosedur]:
    """Every procedure of a Word document, as baca_dokumen reads its text export, each step with the pelaksana
    columns whose cell holds a flowchart shape (pelaksana_tanda) and, where the document carries marks, the
    decision flag read from the shape (a diamond) instead of the wording."""
    tata = tata_docx(data, sumber)
    try:
        prosedur = baca_dokumen("\n".join(tata.baris), sumber, menit_per_hari=menit_per_hari)
    except DokumenTidakTerbaca as e:
        letak = tata.letak[e.baris - 1] if e.baris and 0 < e.baris <= len(tata.letak) else None
        raise DokumenTidakTerbaca(sumber, None, e.pesan, letak=letak) from None
    for p in prosedur:
        if not p.kecamatan and tata.kop[1]:  # the identity block and the headings above it name no office
            p.kabupaten, p.kecamatan = tata.kop
        kolom = _kolom_pelaksana(tata.baris, p.baris)
        bertanda = False
        for lk in p.langkah:
            bentuk = tata.bentuk.get(lk.baris, {})
            lk.pelaksana_tanda = [label for i, label in kolom.items() if bentuk.get(i)]
            lk.bentuk = [b.jenis for i in kolom if i in bentuk for b in bentuk[i]]
            urut = {label: b.urut for i, label in kolom.items() for b in bentuk.get(i, [])[:1]}
            if len(urut) > 1 and all(u is not None for u in urut.values()):
                lk.pelaksana_urut = sorted(urut, key=lambda label: urut[label] or 0)
            lk.kembali_ke = next((b.kembali_ke for i in kolom for b in bentuk.get(i, []) if b.kembali_ke), None)
            bertanda = bertanda or bool(lk.pelaksana_tanda)
        if bertanda:  # the marks decide, as on paper
            for lk in p.langkah:
                if lk.pelaksana_tanda:
                    lk.keputusan = "keputusan" in lk.bentuk
        p.letak = {lk.baris: tata.letak[lk.baris - 1] for lk in p.langkah}
        p.letak[p.baris] = tata.letak[p.baris - 1]
    return prosedur


def apakah_docx(data: bytes) -> bool:
    """A zip (Word's .docx is one); the text exports are not."""
    return data[:4] == b"PK\x03\x04"
