"""Every callback and page of the running app, tried without a session, from another office, and by each role
that must not write. New callbacks are picked up by themselves: one registered without a policy fails here."""
from __future__ import annotations

from datetime import date

import dash
import pytest
from sqlmodel import func, select

from dashboard.akses import Kebijakan
from models.akun.akses import PESAN_KANTOR, PESAN_PERAN, kecamatan_pemilik
from models.db import session_scope
from models.tables import AuditLog, Kecamatan, Sop
from seed.akip_demo import pastikan_evaluator
from seed.demo import PENGGUNA_KANTOR
from tests.conftest import masuk
from tests.dash_util import daftar_callback, panggil, payload, sidik_basis_data
from tests.fabrik import kabupaten, kantor, lepas, pengguna, realisasi

ROUTER = "_pages_content"
ASING = "Poncokusumo"  # the office the crafted requests name
# The offices a Kalipare user must never read about, and a user of another kabupaten.
NAMA_ASING = ("Poncokusumo", "Karangploso", "Muara Papalik")
# Kalipare's people: the roles its SOPs name and the basic ones (seed.demo.peran_kantor).
PERAN_KALIPARE = ("camat", "sekcam", "kasubag_evapor", "kasubag_umum", "kasi_pem", "kasi_ekbang", "kasi_trantib", "tim",
                  "staf")
PENGGUNA_KALIPARE = [f"{awalan}.kalipare" for awalan, role, _ in PENGGUNA_KANTOR if role in PERAN_KALIPARE]
PERAN_DEMO = {f"{awalan}.kalipare": role for awalan, role, _ in PENGGUNA_KANTOR if role in PERAN_KALIPARE} | {
    "kabupaten.malang": "kabupaten", "inspektorat.malang": "evaluator", "admin": "admin"}


def _siap(client, app):
    """One page request so that Dash has registered its pages router; then every callback. The demo gets
    one indicator of Poncokusumo's own, so crafted requests can name a record no Kalipare user may touch."""
    from models.tables import HariLibur, Indikator

    engine = app.server.extensions["sakip_engine"]
    with session_scope(engine) as s:
        if not s.exec(select(Indikator).where(Indikator.kode == "IKU-P1")).first():
            s.add(Indikator(kecamatan_id=kantor(s, nama=ASING).id, kode="IKU-P1", nama="Indikator sendiri Poncokusumo",
                            pembilang="Jumlah"))
        if not s.exec(select(HariLibur)).first():  # an entered day off, for the callbacks that name one
            s.add(HariLibur(tanggal=date(2025, 12, 26), keterangan="Cuti Bersama Hari Raya Natal"))
        pastikan_evaluator(s, kabupaten(s, nama="Malang"))  # the kabupaten's evaluator, where the demo has none
    client.get("/_dash-layout")
    return daftar_callback(app)


def _objek_milik(engine, model, kecamatan_id: int, *, bukan: int | None = None) -> int:
    """An id of a record of `model` the office owns (and office `bukan` does not), or an id that does not
    exist (also to be refused)."""
    with session_scope(engine) as s:
        for ident in s.exec(select(model.id).order_by(model.id).limit(2000)):
            pemilik = kecamatan_pemilik(s, model, ident) or []
            if kecamatan_id in pemilik and bukan not in pemilik:
                return ident
        return 999_999


def _nilai(engine, kebijakan: Kebijakan, kecamatan: str) -> dict:
    kec_id = lepas(engine, kantor, nama=kecamatan).id
    bukan = lepas(engine, kantor, nama="Kalipare").id if kecamatan != "Kalipare" else None
    nilai: dict = {nama: kecamatan for nama in kebijakan.kecamatan}
    nilai |= {nama: _objek_milik(engine, model, kec_id, bukan=bukan) for nama, model in kebijakan.objek.items()}
    return nilai


def _penolakan(engine) -> int:
    with session_scope(engine) as s:
        return s.exec(select(func.count(AuditLog.id)).where(AuditLog.aksi == "akses.ditolak")).one()


def test_every_callback_and_page_declares_its_policy(client, app, demo):
    callbacks = _siap(client, app)
    assert len(callbacks) >= 7
    tanpa = [k for k, cb in callbacks.items()
             if ROUTER not in k and not isinstance(getattr(cb["callback"], "kebijakan", None), Kebijakan)]
    assert tanpa == [], f"callback tanpa kebijakan akses (daftarkan lewat dashboard.akses.callback): {tanpa}"
    halaman = [p["module"] for p in dash.page_registry.values()
               if not isinstance(getattr(p["layout"], "kebijakan", None), Kebijakan)]
    assert halaman == [], f"halaman tanpa kebijakan akses (pakai dashboard.akses.halaman): {halaman}"


def test_without_a_session_every_callback_answers_401(client, app, demo):
    callbacks = _siap(client, app)
    sebelum = sidik_basis_data(demo)
    for kunci, cb in callbacks.items():
        r = client.post("/_dash-update-component", json=payload(kunci, cb, {}))
        assert r.status_code == 401, kunci
        assert r.get_json() == {"galat": "Sesi berakhir atau belum masuk. Silakan masuk kembali."}
    for p in dash.page_registry.values():
        r = client.get(p["path"])
        assert r.status_code == 302 and r.headers["Location"].startswith("/login"), p["path"]
    assert sidik_basis_data(demo) == sebelum


@pytest.mark.parametrize("username", PENGGUNA_KALIPARE + ["kabupaten.tanjungjabungbarat",
                                                          "inspektorat.tanjungjabungbarat"])
def test_crafted_requests_for_another_office_get_403_and_no_data(client, app, demo, username):
    callbacks = _siap(client, app)
    masuk(client, username)
    sebelum = sidik_basis_data(demo)
    for kunci, cb in callbacks.items():
        if ROUTER in kunci:
            continue
        kebijakan: Kebijakan = cb["callback"].kebijakan
        ditolak_sebelum = _penolakan(demo)
        r = client.post("/_dash-update-component", json=payload(kunci, cb, _nilai(demo, kebijakan, ASING)))
        teks = r.get_data(as_text=True)
        peran = PERAN_DEMO.get(username, "evaluator" if username.startswith("inspektorat") else "kabupaten")
        ditolak_peran = kebijakan.peran is not None and peran not in kebijakan.peran
        if kebijakan.kecamatan or kebijakan.objek or ditolak_peran:
            assert r.status_code == 403, (kunci, r.status_code, teks[:300])
            assert r.get_json()["galat"] in (PESAN_KANTOR, PESAN_PERAN)
            assert _penolakan(demo) == ditolak_sebelum + 1
        else:
            assert r.status_code in (200, 204), (kunci, teks[:300])
        for nama in NAMA_ASING if username.endswith("kalipare") else ("Kalipare", "Poncokusumo", "Karangploso"):
            assert nama not in teks, (kunci, nama)
    assert sidik_basis_data(demo) == sebelum


@pytest.mark.parametrize("username", PENGGUNA_KALIPARE + ["kabupaten.malang", "inspektorat.malang"])
def test_roles_that_must_not_write_are_refused_and_nothing_changes(client, app, demo, username):
    callbacks = _siap(client, app)
    masuk(client, username)
    sebelum = sidik_basis_data(demo)
    dicoba = 0
    for kunci, cb in callbacks.items():
        if ROUTER in kunci:
            continue
        kebijakan: Kebijakan = cb["callback"].kebijakan
        if kebijakan.peran is None or PERAN_DEMO[username] in kebijakan.peran:
            continue
        ditolak_sebelum = _penolakan(demo)
        r = panggil(client, app, kunci, **_nilai(demo, kebijakan, "Kalipare"))  # their own office's records
        assert r.status_code == 403, kunci
        assert r.get_json() == {"galat": PESAN_PERAN}
        assert _penolakan(demo) == ditolak_sebelum + 1
        dicoba += 1
    assert dicoba >= 5
    assert sidik_basis_data(demo) == sebelum


def _pengguna_berwenang(kebijakan: Kebijakan) -> str:
    if kebijakan.peran is None or "admin" in kebijakan.peran:
        return "admin"
    return next(u for u, role in PERAN_DEMO.items() if role in kebijakan.peran)


def test_the_permitted_role_gets_through_the_same_requests(app, demo):
    """The refusals above are not the app failing: a permitted user's identical requests are answered."""
    from models.kinerja.iku import iku_kantor
    from models.perencanaan.perjanjian_kinerja import buat_draf, simpan_rencana_aksi, tambah_indikator
    from models.tindak_lanjut.evaluasi import RekomendasiBaru, catat_evaluasi_lengkap
    from models.tindak_lanjut.evaluasi_akip import buka as buka_akip
    from tests.fabrik_akip import evaluasi_akip, laporan_kinerja

    callbacks = _siap(app.server.test_client(), app)
    with session_scope(demo) as s:  # a figure of Kalipare in its SOP, for the callbacks that name records
        evapor = pengguna(s, peran="kasubag_evapor", kecamatan="Kalipare")
        realisasi(s, indikator="IKU-1", kecamatan="Kalipare", tahun=2025, triwulan=1, pembilang="40", penyebut="50",
                  oleh=evapor, status="diajukan")
        # and an evaluation of Kalipare with one recommendation, for the callbacks that name one
        catat_evaluasi_lengkap(s, kecamatan_id=evapor.kecamatan_id, jenis="evaluasi", tahun=2025, triwulan=1,
                               tanggal=date(2025, 4, 10), peserta="Camat, Tim", temuan="Temuan uji", oleh=evapor,
                               rekomendasi=[RekomendasiBaru("Rekomendasi uji", "kasi_pem", date(2025, 5, 10))])
        # and a PK of Kalipare with a lower indicator and a Rencana Aksi kegiatan, for the Perjanjian Kinerja page
        camat = pengguna(s, peran="camat", kecamatan="Kalipare")
        iku = iku_kantor(s, camat.kecamatan_id)[0].id
        buat_draf(s, kecamatan_id=camat.kecamatan_id, tahun=2025, role_kode="camat", oleh=camat)
        tambah_indikator(s, kecamatan_id=camat.kecamatan_id, tahun=2025, role_kode="sekcam", indikator_id=iku,
                         nama="Indikator uji", satuan="%", target="90", oleh=camat)
        simpan_rencana_aksi(s, kecamatan_id=camat.kecamatan_id, tahun=2025, triwulan=1, indikator_id=iku,
                            kegiatan="Kegiatan uji", role_kode="kasi_pem", terlaksana=None, oleh=camat)
        # and Kalipare's Evaluasi AKIP: 2024's final, for the recap's release; 2025's open, for the LKE's callbacks
        evaluasi_akip(s, kecamatan="Kalipare", tahun=2024)
        laporan_kinerja(s, kecamatan="Kalipare", tahun=2025)  # a signed LKj, for its publication button
        buka_akip(s, kecamatan_id=evapor.kecamatan_id, tahun=2025, oleh=evapor, hari_ini=date(2026, 3, 1))
    for kunci, cb in callbacks.items():
        if ROUTER in kunci:
            continue
        kebijakan = cb["callback"].kebijakan
        client = app.server.test_client()
        masuk(client, _pengguna_berwenang(kebijakan))
        r = panggil(client, app, kunci, **_nilai(demo, kebijakan, "Kalipare"))
        assert r.status_code in (200, 204), (kunci, r.get_data(as_text=True)[:300])


def test_page_addresses_naming_another_office_get_403(client, app, demo):
    callbacks = _siap(client, app)
    with session_scope(demo) as s:
        sop_asing = s.exec(select(Sop.id).join(Kecamatan).where(Kecamatan.nama == ASING)).first()
        sop_sendiri = s.exec(select(Sop.id).join(Kecamatan).where(Kecamatan.nama == "Kalipare")).first()
    masuk(client, "camat.kalipare")
    assert client.get(f"/sop/{sop_sendiri}").status_code == 200
    sebelum = _penolakan(demo)
    for alamat in (f"/sop/{sop_asing}", f"/sop?kecamatan={ASING}", "/sop/999999", "/sop/abc", "/pengguna"):
        r = client.get(alamat)
        assert r.status_code == 403, alamat
        assert "Akses ditolak" in r.get_data(as_text=True) and ASING not in r.get_data(as_text=True)
    assert _penolakan(demo) == sebelum + 5
    # The same addresses through Dash's page router (in-app navigation) are refused too.
    kunci = next(k for k in callbacks if ROUTER in k)
    cb = callbacks[kunci]
    for alamat, cari in ((f"/sop/{sop_asing}", ""), ("/sop", f"?kecamatan={ASING}"), ("/pengguna", "")):
        body = payload(kunci, cb, {})
        for dep in body["inputs"] + body["state"]:
            if dep["property"] == "pathname":
                dep["value"] = alamat
            elif dep["property"] == "search":
                dep["value"] = cari
        r = client.post("/_dash-update-component", json=body)
        assert r.status_code == 403, alamat
        assert ASING not in r.get_data(as_text=True)
