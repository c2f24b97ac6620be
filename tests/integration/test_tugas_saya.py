"""One definition of "my tasks": Beranda's "Persetujuan saya" and Persetujuan's "Tugas saya" count the same steps,
the steps of the user's own role ("Kasi terkait" included, for each Kasi); what the Camat may do for other roles is
counted apart."""
from __future__ import annotations

import json
from datetime import date, datetime, timezone

import pytest

from models.db import session_scope
from models.sop.alur import antrian, catatan_terbuka, selesaikan
from models.tindak_lanjut.evaluasi import catat_evaluasi
from tests.conftest import masuk
from tests.dash_util import buka_halaman, panggil
from tests.fabrik import kantor, nama_pengguna, pengguna

T = datetime(2026, 10, 26, 2, 0, tzinfo=timezone.utc)


@pytest.fixture
def di_langkah_kasi(demo):
    """Poncokusumo's Evaluasi Data Kinerja of triwulan III 2026, carried to its "Kasi terkait" step."""
    with session_scope(demo) as s:
        kec = kantor(s)
        ev = catat_evaluasi(s, kecamatan_id=kec.id, jenis="evaluasi", tahun=2026, triwulan=3,
                            tanggal=date(2026, 10, 26), peserta="Camat, Sekretaris Camat, Tim",
                            temuan="IKU-3 di bawah target.", oleh=pengguna(s, peran="tim"), pada=T)
        while (rec := catatan_terbuka(s, ev.eksekusi_id)).role_kode != "kasi_terkait":
            selesaikan(s, catatan_id=rec.id, oleh=pengguna(s, peran=rec.role_kode), pada=T)
    return demo


def _prop(x, ident: str):
    """The children of the component with this id, anywhere in a Dash answer."""
    if isinstance(x, dict):
        if x.get("props", {}).get("id") == ident:
            return x["props"].get("children")
        return next((h for v in x.values() if (h := _prop(v, ident)) is not None), None)
    if isinstance(x, list):
        return next((h for v in x if (h := _prop(v, ident)) is not None), None)
    return None


def _halaman_persetujuan(client) -> str:
    r = buka_halaman(client, "/persetujuan")
    assert r.status_code == 200
    return json.dumps(r.get_json(), ensure_ascii=False)


def test_a_kasi_terkait_step_is_each_kasis_own_and_the_camats_on_their_behalf(di_langkah_kasi):
    with session_scope(di_langkah_kasi) as s:
        for peran in ("kasi_pem", "kasi_trantib"):
            assert [(t.catatan.role_kode, t.milik_sendiri) for t in antrian(s, pengguna(s, peran=peran))] == [
                ("kasi_terkait", True)]
        assert [t.milik_sendiri for t in antrian(s, pengguna(s, peran="camat"))] == [False]


@pytest.mark.parametrize("peran, sendiri, lain", [("kasi_pem", 1, 0), ("camat", 0, 1)])
def test_beranda_and_persetujuan_count_the_same_own_tasks(di_langkah_kasi, app, client, peran, sendiri, lain):
    masuk(client, nama_pengguna(peran))
    client.get("/")
    r = panggil(client, app, "beranda-isi.children", kecamatan=None, tahun=2026, triwulan=3)
    assert r.status_code == 200
    assert _prop(r.get_json(), "beranda-saya") == str(sendiri)  # the "Persetujuan saya" card's number
    halaman = _halaman_persetujuan(client)
    assert f"Tugas saya ({sendiri})" in halaman
    assert (f"{lain} langkah lain dapat Anda kerjakan atas nama peran lain" in halaman) == (lain > 0)
