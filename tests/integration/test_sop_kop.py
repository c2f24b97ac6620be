"""A Word SOP whose office is named above its identity table, not in it: a letterhead paragraph ("KECAMATAN
PONCOKUSUMO KABUPATEN MALANG") or the page header (a letterhead table). `sop parse` and Unggah SOP read the office
from there; a document naming it nowhere still names no office."""
from __future__ import annotations

import json

from models.db import session_scope
from models.sop.berkas import baca_dokumen_banyak
from models.sop.docx_baca import baca_docx
from models.sop.unggah import pratinjau
from seed import dokumen_seed
from tests.docx_contoh import tulis_docx
from tests.fabrik import pengguna


def _ponco(kop: str) -> bytes:
    """Poncokusumo's first two SOPs (Renstra, Renja) as Word, their identity tables naming no office."""
    teks = dokumen_seed()[1]
    prosedur = baca_dokumen_banyak([(teks.name, teks.read_text(encoding="utf-8"))])[:2]
    assert [(p.kabupaten, p.kecamatan) for p in prosedur] == [("Malang", "Poncokusumo")] * 2
    return tulis_docx([(p, None) for p in prosedur], bentuk=None, kop=kop)


def test_the_office_in_a_letterhead_paragraph_above_the_identity_table_is_read():
    kantor = [(p.kabupaten, p.kecamatan) for p in baca_docx(_ponco("paragraf"), "ponco.docx")]
    assert kantor == [("Malang", "Poncokusumo")] * 2


def test_the_office_in_the_page_header_is_read():
    kantor = [(p.kabupaten, p.kecamatan) for p in baca_docx(_ponco("kepala_halaman"), "ponco.docx")]
    assert kantor == [("Malang", "Poncokusumo")] * 2


def test_a_document_naming_its_office_nowhere_names_none():
    kantor = [(p.kabupaten, p.kecamatan) for p in baca_docx(_ponco("tidak_ada"), "ponco.docx")]
    assert kantor == [(None, None)] * 2


def test_sop_parse_prints_the_office_of_the_letterhead(app, tmp_path):
    berkas = tmp_path / "ponco.docx"
    berkas.write_bytes(_ponco("paragraf"))
    hasil = app.server.test_cli_runner().invoke(args=["sop", "parse", str(berkas)])
    assert hasil.exit_code == 0, hasil.output
    assert [(p["kabupaten"], p["kecamatan"]) for p in json.loads(hasil.output)] == [("Malang", "Poncokusumo")] * 2


def test_the_admin_s_preview_of_a_letterhead_document_knows_whose_it_is(demo):
    with session_scope(demo) as s:
        pr = pratinjau(s, _ponco("kepala_halaman"), "ponco.docx", pengguna(s, peran="admin"))
        assert [(pp.kabupaten, pp.kecamatan, pp.masalah) for pp in pr.prosedur] == [
            ("Malang", "Poncokusumo", [])] * 2
        assert all(pp.kecamatan_id is not None for pp in pr.prosedur)
