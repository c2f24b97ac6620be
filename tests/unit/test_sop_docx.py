"""Reading SOPs from Word itself: the fifteen seed procedures written as .docx (tests/docx_contoh.py, in the shape
Word saves them) read back equal to their text export's parse, with the pelaksana and decisions the shapes carry."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx import Document

from models.sop.berkas import baca_berkas, baca_dokumen_banyak
from models.sop.docx_baca import bentuk_dalam, tata_docx
from models.sop.dokumen import DokumenTidakTerbaca, Prosedur, kunci_nama
from seed import kurasi_pelaksana
from tests.berkas_jahat import ukur
from tests.docx_contoh import Tanda, ganti_bagian, tulis_docx

SEED = Path(__file__).resolve().parents[2] / "seed" / "dokumen"


@pytest.fixture(scope="module")
def seed_tanda() -> list[tuple[Prosedur, list[Tanda]]]:
    """The fifteen stored seed procedures (the copy in 004 left out), each with its curated pelaksana as marks."""
    dok = [(f.name, f.read_text(encoding="utf-8-sig")) for f in sorted(SEED.glob("*.txt"))]
    kurasi = kurasi_pelaksana()
    hasil = []
    for p in baca_dokumen_banyak(dok):
        if p.duplikat_dari:
            continue
        k = kurasi[((p.kecamatan or "").lower(), kunci_nama(p.nama))]
        hasil.append((p, [Tanda(x.pelaksana, lk.keputusan if x.keputusan is None else x.keputusan)
                          for x, lk in zip(k, p.langkah)]))
    assert len(hasil) == 15
    return hasil


def _tanpa_tanda(data: dict) -> dict:
    """The contract less what only the shapes carry (who, and the decision flag a shape sets)."""
    data = dict(data, langkah=[{k: v for k, v in lk.items() if k not in ("pelaksana_tanda", "keputusan")}
                               for lk in data["langkah"]])
    data.pop("duplikat_dari")
    return data


@pytest.mark.parametrize("tata,bentuk,identitas", [
    ("dua_baris", "drawingml", "tabel_sebelum"),
    ("satu_baris", "vml", "tabel_sesudah"),
    ("dua_baris", "vml", "paragraf_sesudah"),
    ("satu_baris", "drawingml", "paragraf_sesudah"),
])
def test_the_seed_procedures_read_from_word_equal_their_text_parse_with_the_shapes_marks(
        seed_tanda, tata, bentuk, identitas):
    dibaca = []
    for sumber in dict.fromkeys(p.sumber for p, _ in seed_tanda):  # one Word file per seed document, as issued
        data = tulis_docx([x for x in seed_tanda if x[0].sumber == sumber], tata=tata, bentuk=bentuk,
                          identitas=identitas)
        dibaca += baca_berkas(sumber.replace(".txt", ".docx"), data)
    assert len(dibaca) == 15
    for (asli, tanda), p in zip(seed_tanda, dibaca):
        assert _tanpa_tanda(p.as_json()) == _tanpa_tanda(asli.as_json()), asli.nama
        urut = {label: i for i, label in enumerate(asli.pelaksana)}
        assert [lk.pelaksana_tanda for lk in p.langkah] == [sorted(t.pelaksana, key=urut.__getitem__)
                                                            for t in tanda], asli.nama
        assert [lk.keputusan for lk in p.langkah] == [t.keputusan for t in tanda], asli.nama


def test_a_document_without_marks_keeps_the_decision_read_from_the_wording(seed_tanda):
    p, _ = seed_tanda[12]  # Pelaporan Kinerja (Karangploso): step 3 decides by its wording
    (dibaca,) = baca_berkas("pelaporan.docx", tulis_docx([(p, None)], bentuk=None))
    assert all(lk.pelaksana_tanda == [] for lk in dibaca.langkah)
    assert [lk.keputusan for lk in dibaca.langkah] == [lk.keputusan for lk in p.langkah]
    assert dibaca.as_json() == p.as_json()
    assert dibaca.total_tercetak == "2 hari 3 jam 15 menit"


def test_each_shape_is_counted_once_and_connectors_are_not_marks(seed_tanda):
    p, tanda = seed_tanda[0]
    data = tulis_docx([(p, tanda)], bentuk="drawingml")
    doc = Document(io.BytesIO(data))
    tabel = doc.tables[1]
    sel = tabel.rows[2].cells[4]  # step 1, Kasi Ekbang: a terminator (DrawingML with its VML fallback) and an arrow
    assert [(b.jenis, b.pengodean) for b in bentuk_dalam(sel._tc)] == [("terminator", "drawingml")]
    assert bentuk_dalam(tabel.rows[4].cells[5]._tc)[0].jenis == "keputusan"  # step 3, Sub. Evapor: a diamond
    data_vml = tulis_docx([(p, tanda)], bentuk="vml")
    sel_vml = Document(io.BytesIO(data_vml)).tables[1].rows[4].cells[5]
    assert [(b.jenis, b.pengodean) for b in bentuk_dalam(sel_vml._tc)] == [("keputusan", "vml")]


def test_merged_cells_are_laid_out_one_cell_per_grid_column(seed_tanda):
    p, tanda = seed_tanda[12]
    tata = tata_docx(tulis_docx([(p, tanda)]), "x.docx")
    kepala = next(i for i, b in enumerate(tata.baris) if "Pelaksana" in b)
    sel = tata.baris[kepala].split("\t")
    n = len(p.pelaksana)
    assert len(sel) == 2 + n + 4 and "Pelaksana" in sel[2] and sel[3:2 + n] == [""] * (n - 1)
    assert "Mutu Baku" in sel[2 + n] and sel[-1].endswith("Keterangan</b></p>")
    bawah = tata.baris[kepala + 1].split("\t")
    assert bawah[:2] == ["", ""] and bawah[-1] == ""  # No., Kegiatan and Keterangan continue from above (vMerge)
    assert tata.letak[kepala] == "tabel 2 baris 1"


def test_a_broken_document_is_refused_with_where_and_why(seed_tanda):
    p, tanda = seed_tanda[0]
    baik = tulis_docx([(p, tanda)])
    with pytest.raises(DokumenTidakTerbaca) as e:
        baca_berkas("rusak.docx", baik[: len(baik) // 2])
    assert str(e.value) == "rusak.docx: berkas bukan dokumen Word (.docx) yang utuh"
    with pytest.raises(DokumenTidakTerbaca) as e:
        baca_berkas("rusak.docx", ganti_bagian(baik, "word/document.xml", b"<w:document><w:body>"))
    assert str(e.value) == "rusak.docx: isi dokumen Word rusak (XML tidak dapat dibaca)"
    with pytest.raises(DokumenTidakTerbaca) as e:
        baca_berkas("rusak.docx", ganti_bagian(baik, "word/document.xml", None))
    assert str(e.value) == "rusak.docx: berkas bukan dokumen Word (.docx) yang utuh"
    # A step whose kegiatan cell was left empty: the table and the row are named.
    doc = Document(io.BytesIO(baik))
    doc.tables[1].rows[4].cells[1].paragraphs[0].runs[0].text = ""
    buf = io.BytesIO()
    doc.save(buf)
    with pytest.raises(DokumenTidakTerbaca) as e:
        baca_berkas("langkah.docx", buf.getvalue())
    assert str(e.value) == "langkah.docx, tabel 2 baris 5: langkah 3 tidak memuat kegiatan"
    # A time nobody can read.
    doc.tables[1].rows[4].cells[1].paragraphs[0].add_run("Melakukan analisa")
    doc.tables[1].rows[5].cells[7].paragraphs[0].runs[0].text = "sebentar"
    buf = io.BytesIO()
    doc.save(buf)
    with pytest.raises(DokumenTidakTerbaca) as e:
        baca_berkas("waktu.docx", buf.getvalue())
    assert str(e.value).startswith("waktu.docx, tabel 2 baris 6: langkah 4: ")


def test_a_zip_bomb_is_refused_before_it_is_parsed():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<a/>" + b" " * (70 * 1024 * 1024))
    assert len(buf.getvalue()) < 1024 * 1024
    with pytest.raises(DokumenTidakTerbaca) as e:
        baca_berkas("bom.docx", buf.getvalue())
    assert str(e.value) == "bom.docx: isi berkas Word terlalu besar setelah dibuka (lebih dari 64 MB)"


def test_steps_inside_content_controls_are_read(seed_tanda):
    """Word wraps a block in a content control (w:sdt) when a template asks for one: its paragraphs and tables are
    read as if it were not there."""
    from docx.oxml import parse_xml

    p, tanda = seed_tanda[12]
    doc = Document(io.BytesIO(tulis_docx([(p, tanda)])))
    body = doc.element.body
    tabel = doc.tables[1]._tbl
    sdt = parse_xml('<w:sdt xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:sdtPr/>'
                    '<w:sdtContent/></w:sdt>')
    body.replace(tabel, sdt)
    sdt[1].append(tabel)
    buf = io.BytesIO()
    doc.save(buf)
    (dibaca,) = baca_berkas("sdt.docx", buf.getvalue())
    assert [lk.kegiatan for lk in dibaca.langkah] == [lk.kegiatan for lk in p.langkah]
    assert [lk.pelaksana_tanda for lk in dibaca.langkah][0]


# ---------------------------------------------------------------- bounds, counted while document.xml streams in

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _dengan_isi(seed_tanda, badan: str) -> bytes:
    """A seed procedure's Word file whose document.xml body is `badan`."""
    xml = f'<w:document xmlns:w="{W_NS}"><w:body>{badan}</w:body></w:document>'
    return ganti_bagian(tulis_docx([seed_tanda[0]]), "word/document.xml", xml.encode())


def test_a_document_of_eleven_thousand_steps_is_refused_before_its_xml_is_parsed():
    """The issue's attack: a small file (under 300 KB) whose document.xml unpacks to about 30 MB of step rows, under
    the 64 MB of the whole zip. Refused by document.xml's own size, in no time and no memory (today: 70 s)."""
    from tests.berkas_jahat import docx_banyak_langkah

    bom = docx_banyak_langkah(11_000)
    assert len(bom) < 300_000
    galat, detik, puncak = ukur(lambda: baca_berkas("bom.docx", bom), tangkap=DokumenTidakTerbaca)
    assert str(galat) == ("bom.docx: isi dokumen Word (word/document.xml) lebih dari 8 MB setelah dibuka; paling "
                          "banyak 8 MB")
    assert puncak < 50 and detik < 2


def test_a_table_of_two_thousand_steps_is_refused_at_its_301st_row_while_it_streams():
    """Under 8 MB of XML (about 5.5 MB), so it is read: the reading stops at the table's 301st row."""
    from tests.berkas_jahat import docx_banyak_langkah

    bom = docx_banyak_langkah(2_000)
    galat, detik, puncak = ukur(lambda: baca_berkas("bom.docx", bom), tangkap=DokumenTidakTerbaca)
    assert str(galat) == "bom.docx, tabel 2: tabel memuat lebih dari 300 baris; paling banyak 300 per tabel"
    assert puncak < 50 and detik < 2


def _tabel(baris: int, sel: int = 1, teks: str = "a") -> str:
    isi = f"<w:tc><w:p><w:r><w:t>{teks}</w:t></w:r></w:p></w:tc>" * sel
    return "<w:tbl>" + f"<w:tr>{isi}</w:tr>" * baris + "</w:tbl>"


@pytest.mark.parametrize("badan,pesan", [
    (_tabel(1, sel=61), "x.docx, tabel 1 baris 1: baris memuat lebih dari 60 sel; paling banyak 60 per baris"),
    ("<w:p/>" + _tabel(2) + _tabel(3, teks="a" * 10_001),
     "x.docx, tabel 2 baris 1: sel memuat lebih dari 10.000 karakter; paling banyak 10.000 per sel"),
    (_tabel(1) * 101, "x.docx: dokumen memuat lebih dari 100 tabel; paling banyak 100"),
    (_tabel(300) * 11, "x.docx: dokumen memuat lebih dari 3.000 baris tabel; paling banyak 3.000"),
    ("<w:p/>" * 30_001, "x.docx: dokumen memuat lebih dari 30.000 paragraf; paling banyak 30.000"),
    ("<w:bookmarkEnd/>" * 200_001, "x.docx: dokumen memuat lebih dari 200.000 unsur XML; paling banyak 200.000"),
    # A table inside a cell counts for its own rows and toward the document's, named by the outer table.
    ("<w:tbl><w:tr><w:tc>" + _tabel(301) + "<w:p/></w:tc></w:tr></w:tbl>",
     "x.docx, tabel 1: tabel memuat lebih dari 300 baris; paling banyak 300 per tabel"),
])
def test_each_bound_of_a_word_document_is_named_when_passed(seed_tanda, badan, pesan):
    galat, _, puncak = ukur(lambda: baca_berkas("x.docx", _dengan_isi(seed_tanda, badan)), tangkap=DokumenTidakTerbaca)
    assert str(galat) == pesan
    assert puncak < 50


def test_a_document_at_the_bounds_is_read(seed_tanda):
    """Up to each bound is allowed: 300 rows of 60 cells of 10,000 characters' worth of bounds are not refused."""
    from models.sop.docx_baca import tata_docx

    tata = tata_docx(_dengan_isi(seed_tanda, _tabel(300, sel=2) + _tabel(1, sel=60, teks="a" * 10_000)), "x.docx")
    assert len([b for b in tata.baris if b]) == 301


def test_the_seed_documents_stay_far_within_every_bound(seed_tanda):
    """Why the bounds are where they are: the fifteen seed procedures, written as Word in each layout, hold at most
    a fifth of each bound, mostly a twentieth (and read as before: the tests above)."""
    from lxml import etree

    from models.sop import docx_baca as d

    w = "{%s}" % W_NS
    for tata, bentuk in (("dua_baris", "drawingml"), ("satu_baris", "vml")):
        for sumber in dict.fromkeys(p.sumber for p, _ in seed_tanda):
            data = tulis_docx([x for x in seed_tanda if x[0].sumber == sumber], tata=tata, bentuk=bentuk)
            xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
            root = etree.fromstring(xml)
            tabel = list(root.iter(f"{w}tbl"))
            assert len(xml) * 20 <= d.MAKS_XML_DOCX
            assert sum(1 for _ in root.iter()) * 10 <= d.MAKS_UNSUR_DOCX
            assert len(tabel) * 5 <= d.MAKS_TABEL_DOCX
            assert max(len(t.findall(f"{w}tr")) for t in tabel) * 20 <= d.MAKS_BARIS_TABEL
            assert sum(len(t.findall(f"{w}tr")) for t in tabel) * 10 <= d.MAKS_BARIS_DOCX
            assert max(len(tr.findall(f"{w}tc")) for tr in root.iter(f"{w}tr")) * 5 <= d.MAKS_SEL_BARIS
            assert max(sum(len(t.text or "") for t in tc.iter(f"{w}t")) for tc in root.iter(f"{w}tc")) * 20 \
                <= d.MAKS_TEKS_SEL
            assert sum(1 for _ in root.iter(f"{w}p")) * 20 <= d.MAKS_PARAGRAF_DOCX


def test_a_text_export_is_held_to_the_same_bounds_before_it_is_parsed():
    baris = "No.\tKegiatan\tCamat\tKelengkapan\tWaktu\tOutput\tKeterangan\n"
    langkah = "".join(f"{n}\tMenyiapkan bahan\t\tDaftar\t1 jam\tBerkas\t-\n" for n in range(1, 2_001))
    galat, detik, puncak = ukur(lambda: baca_berkas("bom.txt", (baris + langkah).encode()), tangkap=DokumenTidakTerbaca)
    assert str(galat) == "bom.txt, baris 301: tabel memuat lebih dari 300 baris; paling banyak 300 per tabel"
    assert puncak < 50 and detik < 2
    for isi, pesan in ((("a\t" * 61) + "\n", "bom.txt, baris 1: baris memuat lebih dari 60 sel; paling banyak 60 per "
                        "baris"),
                       ("a\t" + "b" * 10_001, "bom.txt, baris 1: sel memuat lebih dari 10.000 karakter; paling banyak "
                        "10.000 per sel"),
                       ("\n" * 30_000, "bom.txt: dokumen memuat lebih dari 30.000 baris; paling banyak 30.000")):
        with pytest.raises(DokumenTidakTerbaca) as e:
            baca_berkas("bom.txt", isi.encode())
        assert str(e.value) == pesan
    for f in sorted(SEED.glob("*.txt")):  # the seeds as uploaded text: read as before
        assert baca_berkas(f.name, f.read_bytes()) == baca_berkas(f.name, f.read_text(encoding="utf-8-sig"))


def test_a_document_whose_xml_is_protected_by_a_password_is_refused_with_a_message(seed_tanda):
    from tests.berkas_jahat import bersandi

    with pytest.raises(DokumenTidakTerbaca) as e:
        baca_berkas("sandi.docx", bersandi(tulis_docx([seed_tanda[0]]), "word/document.xml"))
    assert str(e.value) == "sandi.docx: berkas bukan dokumen Word (.docx) yang utuh"
