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
