"""Unggah SOP's preview from the shared cache: the same file's preview again answers the same bytes without reading
the stored SOPs; a save (a write) is seen by the next preview, which then says the document is as in force."""
from __future__ import annotations

import base64

from sqlalchemy import event

from models.db import session_scope
from models.sop.unggah import pratinjau, simpan
from tests.conftest import masuk
from tests.dash_util import panggil, teks_jawaban
from tests.docx_contoh import Tanda
from tests.fabrik import pengguna
from tests.integration.test_sop_unggah import _kalipare
from tests.integration.test_tembolok import _kunci

TABEL_SOP = ("sop", "soprevisi", "soplangkah", "soppelaksana")


def test_the_same_file_s_preview_comes_from_the_cache_until_a_save(client, app, demo):
    data = _kalipare(lambda t: [*t[:5], Tanda(("Sekretaris",), False)])  # step 6 moved to the Sekretaris
    isi = "data:application/vnd.openxmlformats-officedocument.wordprocessingml.document;base64," + \
        base64.b64encode(data).decode()
    masuk(client, "admin")
    kunci = _kunci(app, "callbacks.unggah_sop.tampil")
    pertama = panggil(client, app, kunci, isi=isi, kantor=None, nama="kalipare.docx")
    assert "Revisi ke-2" in teks_jawaban(pertama)

    sql: list[str] = []

    def catat(conn, cursor, statement, *_):  # noqa: ANN001
        sql.append(" ".join(statement.lower().replace(",", " ").split()))

    event.listen(demo, "before_cursor_execute", catat)
    try:
        kedua = panggil(client, app, kunci, isi=isi, kantor=None, nama="kalipare.docx")
    finally:
        event.remove(demo, "before_cursor_execute", catat)
    assert kedua.get_data() == pertama.get_data()
    assert not [q for q in sql if any(f" {t} " in f" {q} " or f" {t}." in f" {q}" for t in TABEL_SOP)]

    with session_scope(demo) as s:  # the office's revision 2 saved: the same file now changes nothing
        admin = pengguna(s, peran="admin")
        simpan(s, pratinjau(s, data, "kalipare.docx", admin), admin)
    ketiga = teks_jawaban(panggil(client, app, kunci, isi=isi, kantor=None, nama="kalipare.docx"))
    assert "Revisi ke-2" not in ketiga and "Sama dengan revisi ke-2 yang berlaku" in ketiga
