"""IKU & Target: the Camat sets an indicator's Renstra end-of-period target on the page; the table shows the one
whose five-year period covers the year; anyone else, and bad input, is refused with its message and nothing is
written."""
from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
from sqlmodel import func, select

from models.akun.akses import PESAN_PERAN
from models.db import session_scope
from models.perencanaan.dokumen_kinerja import tetapkan_target_renstra
from models.tables import AuditLog, TargetRenstra
from models.umum import periode
from models.umum.penolakan import Ditolak
from tests.conftest import masuk
from tests.dash_util import daftar_callback, panggil, sidik_basis_data, tabel_jawaban, teks_jawaban
from tests.fabrik import indikator, kantor, nama_pengguna, pengguna

NAMA_IKU1 = "IKU-1 Persentase partisipasi delegasi Musrenbangcam"
PESAN_CAMAT = "Target Renstra hanya dapat ditetapkan oleh Camat kantor ini."


@pytest.fixture
def hari_ini():
    """The page's year is 2026: the table shows the Renstra target whose period covers 2026."""
    periode.atur_hari_ini(date(2026, 5, 4))
    yield
    periode.atur_hari_ini(None)


def _ponco(engine) -> tuple[int, int]:
    """(Poncokusumo's id, its IKU-1's id)."""
    with session_scope(engine) as s:
        return kantor(s).id, indikator(s, kode="IKU-1").id


def _kunci(app) -> str:
    return next(k for k in daftar_callback(app) if k.startswith("..renstra-pesan.children"))


def _baris_tabel(r) -> dict[str, list[str]]:
    """The IKU table the answer draws again, row by row (keyed by the first cell), as a person reads it."""
    isi = {"props": {"id": "iku-tabel", "children": r.get_json()["response"]["iku-tabel"]["children"]}}
    jawaban = SimpleNamespace(status_code=200, get_json=lambda: {"response": isi})
    return {b[0]: b for b in tabel_jawaban(jawaban, "iku-tabel")}


def _ditolak(engine) -> list[tuple]:
    """The refusals the callback wrapper audited: (who, the action, the message)."""
    with session_scope(engine) as s:
        return [(a.username, (a.sesudah or {}).get("aksi"), a.keterangan) for a in s.exec(
            select(AuditLog).where(AuditLog.aksi == "aksi.ditolak").order_by(AuditLog.id))]


def _audit_renstra(engine) -> list[tuple]:
    with session_scope(engine) as s:
        return [(a.aksi, a.username, a.objek_id, a.kecamatan_id, a.sebelum, a.sesudah) for a in s.exec(
            select(AuditLog).where(AuditLog.objek == "target_renstra").order_by(AuditLog.id))]


def test_the_camat_sets_then_changes_a_renstra_target_and_the_table_shows_it(client, app, demo, hari_ini):
    """92,5 typed the Indonesian way is 92.5; the IKU-1 row reads "92,5%" for "Renstra 2025–2029"; a change to 95
    is audited with the value it replaced."""
    kec_id, ind_id = _ponco(demo)
    masuk(client, nama_pengguna("camat"))
    client.get("/_dash-layout")
    kunci = _kunci(app)
    r = panggil(client, app, kunci, indikator_id=ind_id, tahun_awal=2025, tahun_akhir=2029, nilai="92,5")
    assert "Target Renstra 2025–2029 IKU-1 disimpan: 92,5%." in teks_jawaban(r).split(" | ")
    baris = _baris_tabel(r)
    assert baris["Kode"][-1] == "Target Renstra"
    assert baris["IKU-1"][-1] == "92,5%Renstra 2025–2029"
    assert baris["IKU-2"][-1] == "belum ada"
    r = panggil(client, app, kunci, indikator_id=ind_id, tahun_awal="2025", tahun_akhir="2029", nilai="95")
    assert "Target Renstra 2025–2029 IKU-1 disimpan: 95%." in teks_jawaban(r).split(" | ")
    with session_scope(demo) as s:
        camat_id = pengguna(s, peran="camat").id
        rows = s.exec(select(TargetRenstra)).all()
        assert [(t.indikator_id, t.kecamatan_id, t.tahun_awal, t.tahun_akhir, t.nilai, t.diubah_oleh)
                for t in rows] == [(ind_id, kec_id, 2025, 2029, 95.0, camat_id)]
    sesudah = {"indikator": "IKU-1", "tahun_awal": 2025, "tahun_akhir": 2029}
    assert _audit_renstra(demo) == [
        ("target_renstra.tetapkan", "camat.poncokusumo", rows[0].id, kec_id, None, {**sesudah, "nilai": 92.5}),
        ("target_renstra.ubah", "camat.poncokusumo", rows[0].id, kec_id, {"nilai": 92.5}, {**sesudah, "nilai": 95.0}),
    ]


def test_a_kasubag_evapor_is_refused_by_the_page_and_by_the_domain(client, app, demo):
    kec_id, ind_id = _ponco(demo)
    masuk(client, nama_pengguna("kasubag_evapor"))
    client.get("/_dash-layout")
    sebelum = sidik_basis_data(demo)
    r = panggil(client, app, _kunci(app), indikator_id=ind_id, tahun_awal=2025, tahun_akhir=2029, nilai="95")
    assert r.status_code == 403 and r.get_json() == {"galat": PESAN_PERAN}
    with session_scope(demo) as s, pytest.raises(Ditolak) as e:
        evapor = pengguna(s, peran="kasubag_evapor")
        tetapkan_target_renstra(s, indikator_id=ind_id, kecamatan_id=kec_id, tahun_awal=2025, tahun_akhir=2029,
                                nilai=95, oleh=evapor)
    assert str(e.value) == PESAN_CAMAT
    assert sidik_basis_data(demo) == sebelum and _audit_renstra(demo) == []


@pytest.mark.parametrize("awal, akhir, nilai, pesan", [
    (2025, 2029, "sembilan puluh", 'Target Renstra: "sembilan puluh" bukan angka'),
    (2025, 2029, "", f"{NAMA_IKU1}, target Renstra 2025–2029: nilai target wajib diisi."),
    (2025, 2029, "-5", f"{NAMA_IKU1}, target Renstra 2025–2029: nilai target tidak boleh negatif."),
    (2025, 2028, "95", f"{NAMA_IKU1}, target Renstra 2025–2028: periode Renstra harus lima tahun, 2025–2029."),
    (1999, 2003, "95", f"{NAMA_IKU1}, target Renstra 1999–2003: tahun tidak sah."),
    ("dua ribu", 2029, "95", "Tahun awal tidak sah; tulis tahunnya, mis. 2025."),
    (2025, 2029.5, "95", "Tahun akhir tidak sah; tulis tahunnya, mis. 2025."),
    (None, 2029, "95", "Tahun awal wajib diisi."),
    (2021, 2025, "95", f"{NAMA_IKU1}, target Renstra 2021–2025: periode ini bertumpang tindih dengan Renstra "
                       "2023–2027 yang sudah ada."),
])
def test_bad_input_is_refused_with_its_message_and_changes_nothing(client, app, demo, awal, akhir, nilai, pesan):
    kec_id, ind_id = _ponco(demo)
    with session_scope(demo) as s:  # an earlier Renstra the overlapping period runs into
        camat = pengguna(s, peran="camat")
        tetapkan_target_renstra(s, indikator_id=ind_id, kecamatan_id=kec_id, tahun_awal=2023, tahun_akhir=2027,
                                nilai=90, oleh=camat)
    masuk(client, nama_pengguna("camat"))
    client.get("/_dash-layout")
    sebelum, audit = sidik_basis_data(demo), _audit_renstra(demo)
    r = panggil(client, app, _kunci(app), indikator_id=ind_id, tahun_awal=awal, tahun_akhir=akhir, nilai=nilai)
    teks = teks_jawaban(r)
    assert pesan in teks.split(" | "), teks
    assert "disimpan" not in teks
    assert sidik_basis_data(demo) == sebelum and _audit_renstra(demo) == audit
    # the refusal itself is audited once, by the wrapper every callback goes through
    assert _ditolak(demo) == [("camat.poncokusumo", "callback callbacks.iku.simpan_renstra", pesan)]
    with session_scope(demo) as s:
        assert s.exec(select(func.count(TargetRenstra.id))).one() == 1


def test_no_indicator_chosen_is_refused(client, app, demo):
    masuk(client, nama_pengguna("camat"))
    client.get("/_dash-layout")
    sebelum = sidik_basis_data(demo)
    r = panggil(client, app, _kunci(app), indikator_id=None, tahun_awal=2025, tahun_akhir=2029, nilai="95")
    assert "Pilih indikator terlebih dahulu." in teks_jawaban(r).split(" | ")
    assert sidik_basis_data(demo) == sebelum


def test_the_form_is_the_camats_only(client, demo):
    """The page shows the Renstra form to the Camat; the Kasubag Evapor, who sets yearly targets, does not get it."""
    from tests.dash_util import buka_halaman

    masuk(client, nama_pengguna("camat"))
    assert "renstra-simpan" in buka_halaman(client, "/iku").get_data(as_text=True)
    masuk(client, nama_pengguna("kasubag_evapor"))
    halaman = buka_halaman(client, "/iku").get_data(as_text=True)
    assert "target-simpan" in halaman and "renstra-simpan" not in halaman
