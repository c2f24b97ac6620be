"""The admin's Hari Libur page: national holidays and cuti bersama come with the calendar; a local day off entered
there is a day off in every office's work calendar."""
from __future__ import annotations

import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import func, select

from models.akun.akses import PESAN_PERAN
from models.db import session_scope
from models.tables import AuditLog, HariLibur
from models.umum.hari_libur import kalender_kantor, tambah_hari_libur
from models.umum.kalender import JAM_KERJA_BAKU
from models.umum.penolakan import Ditolak
from tests.conftest import keluar, masuk
from tests.dash_util import daftar_callback, panggil, sidik_basis_data, teks_jawaban
from tests.fabrik import kantor, lepas, pengguna

LOKAL = date(2026, 10, 29)  # a Thursday that is neither a holiday nor a cuti bersama
KETERANGAN = "Hari Jadi Kabupaten"
WIB = ZoneInfo("Asia/Jakarta")


def _kunci(app, awalan: str) -> str:
    return next(k for k in daftar_callback(app) if k.startswith(awalan))


def _tambah(app) -> str:
    return _kunci(app, "..libur-pesan.children...")


def _teks(r) -> str:
    return teks_jawaban(r)


def _kalender(engine):
    with session_scope(engine) as s:
        return kalender_kantor(s, kantor(s, nama="Kalipare").id, jam_kerja=JAM_KERJA_BAKU)


def _catat_lokal(engine) -> int:
    with session_scope(engine) as s:
        return tambah_hari_libur(s, tanggal=LOKAL, keterangan=KETERANGAN, oleh=pengguna(s, peran="admin")).id


def _jumlah_audit(engine, aksi: str) -> int:
    with session_scope(engine) as s:
        return s.exec(select(func.count(AuditLog.id)).where(AuditLog.aksi == aksi)).one()


def test_cuti_bersama_come_with_the_calendar_and_cannot_be_entered_again(client, app, demo):
    """The holidays library's cuti bersama (Natal 2026: the 24th) is a day off with nothing entered."""
    rabu, senin = datetime(2026, 12, 23, 14, tzinfo=WIB), datetime(2026, 12, 28, 10, tzinfo=WIB)
    kal = _kalender(demo)
    assert not kal.hari_kerja(date(2026, 12, 24))
    assert kal.working_minutes(rabu, senin) == 120 + 120  # 24th cuti bersama, 25th Natal, then the weekend
    masuk(client, "admin")
    tabel = _teks(panggil(client, app, "libur-tabel.children", tahun=2026, _versi=0))
    for harapan in ("Kamis, 24 Desember 2026", "Cuti Bersama Hari Raya Natal", "Cuti bersama", "Libur nasional",
                    "8 cuti bersama dan 0 libur lokal pada tahun 2026."):
        assert harapan in tabel, harapan


def test_admin_adds_a_local_day_off_that_every_office_then_takes_off(client, app, demo):
    rabu, senin = datetime(2026, 10, 28, 14, tzinfo=WIB), datetime(2026, 11, 2, 10, tzinfo=WIB)
    assert _kalender(demo).working_minutes(rabu, senin) == 120 + 480 + 480 + 120
    masuk(client, "admin")
    teks = _teks(panggil(client, app, _tambah(app), tanggal="2026-10-29", keterangan=f"  {KETERANGAN} ", versi=0))
    assert f"Libur lokal Kamis, 29 Oktober 2026 ({KETERANGAN}) ditambahkan." in teks
    with session_scope(demo) as s:
        row = s.exec(select(HariLibur)).one()
        assert (row.tanggal, row.keterangan) == (LOKAL, KETERANGAN)
        log = s.exec(select(AuditLog).where(AuditLog.aksi == "hari_libur.tambah")).one()
        assert (log.username, log.objek, log.objek_id) == ("admin", "hari_libur", row.id)
        assert log.sesudah == {"tanggal": "2026-10-29", "keterangan": KETERANGAN}
    kal = _kalender(demo)
    assert not kal.hari_kerja(LOKAL)
    assert kal.working_minutes(rabu, senin) == 120 + 480 + 120  # the 29th off, the 30th worked
    tabel = _teks(panggil(client, app, "libur-tabel.children", tahun=2026, _versi=1))
    for harapan in ("Senin, 17 Agustus 2026", "Hari Kemerdekaan Republik Indonesia", "Kamis, 29 Oktober 2026",
                    KETERANGAN, "Libur lokal", "8 cuti bersama dan 1 libur lokal pada tahun 2026."):
        assert harapan in tabel, harapan


@pytest.mark.parametrize("nilai, pesan", [
    (dict(tanggal="2026-08-17", keterangan="Cuti"), "Tanggal 17 Agustus 2026 sudah tercatat sebagai hari libur."),
    (dict(tanggal="2026-12-24", keterangan="Natal"), "Tanggal 24 Desember 2026 sudah tercatat sebagai hari libur."),
    (dict(tanggal="2026-10-29", keterangan="Lagi"), "Tanggal 29 Oktober 2026 sudah tercatat sebagai hari libur."),
    (dict(tanggal="2026-12-31", keterangan="   "), "Keterangan hari libur wajib diisi."),
    (dict(tanggal="2026-12-26", keterangan="Cuti bersama"),
     "Sabtu, 26 Desember 2026 bukan hari kerja kantor; hari libur hanya dicatat pada hari kerja."),
    (dict(tanggal=None, keterangan="Cuti"), "Tanggal hari libur wajib diisi."),
    (dict(tanggal="31-13-2026", keterangan="Cuti"),
     "Tanggal tidak dapat dibaca; tulis seperti 15 Februari 2026 atau 15/02/2026."),
])
def test_a_day_already_off_or_an_empty_form_is_refused_and_nothing_is_written(client, app, demo, nilai, pesan):
    _catat_lokal(demo)
    masuk(client, "admin")
    sebelum, audit = sidik_basis_data(demo), _jumlah_audit(demo, "hari_libur.tambah")
    assert pesan in _teks(panggil(client, app, _tambah(app), versi=0, **nilai))
    assert sidik_basis_data(demo) == sebelum
    assert _jumlah_audit(demo, "hari_libur.tambah") == audit


def test_admin_removes_an_entered_day_after_confirming(client, app, demo):
    ident = _catat_lokal(demo)
    masuk(client, "admin")
    pilih = _kunci(app, "..libur-hapus-id.data")
    tombol = {"index": ident, "type": "libur-hapus"}
    r = client.post("/_dash-update-component", json={  # the browser's request when the row's button is pressed
        "output": pilih, "outputs": [{"id": i, "property": p} for i, p in (("libur-hapus-id", "data"),
                                     ("libur-konfirmasi", "is_open"), ("libur-konfirmasi-teks", "children"))],
        "inputs": [[{"id": tombol, "property": "n_clicks", "value": 1}]], "state": [],
        "changedPropIds": [json.dumps(tombol, separators=(",", ":"), sort_keys=True) + ".n_clicks"]})
    jawab = r.get_json()["response"]
    assert jawab["libur-hapus-id"]["data"] == ident and jawab["libur-konfirmasi"]["is_open"] is True
    assert "Kamis, 29 Oktober 2026" in _teks(r)
    teks = _teks(panggil(client, app, _kunci(app, "..libur-pesan.children@"), hari_libur_id=ident, versi=2))
    assert "Libur lokal Kamis, 29 Oktober 2026 dihapus." in teks
    with session_scope(demo) as s:
        assert s.get(HariLibur, ident) is None
        log = s.exec(select(AuditLog).where(AuditLog.aksi == "hari_libur.hapus")).one()
        assert (log.username, log.objek_id) == ("admin", ident)
        assert log.sebelum == {"tanggal": "2026-10-29", "keterangan": KETERANGAN}
    assert _kalender(demo).hari_kerja(LOKAL)
    # The same request again names a row that is gone: refused before the callback runs.
    r = panggil(client, app, _kunci(app, "..libur-pesan.children@"), hari_libur_id=ident, versi=3)
    assert r.status_code == 403


def test_other_roles_get_403_and_nothing_changes(client, app, demo):
    ident = _catat_lokal(demo)
    masuk(client, "camat.kalipare")
    sebelum = sidik_basis_data(demo)
    for kunci, nilai in ((_tambah(app), dict(tanggal="2026-12-31", keterangan="Cuti")),
                         (_kunci(app, "..libur-pesan.children@"), dict(hari_libur_id=ident)),
                         ("libur-tabel.children", dict(tahun=2026))):
        r = panggil(client, app, kunci, **nilai)
        assert r.status_code == 403, kunci
        assert r.get_json() == {"galat": PESAN_PERAN}
    assert sidik_basis_data(demo) == sebelum


def test_only_the_admin_may_change_the_list_even_without_the_page(demo):
    camat = lepas(demo, pengguna, peran="camat", kecamatan="Kalipare")
    with session_scope(demo) as s, pytest.raises(Ditolak, match="^Peran Anda tidak berwenang"):
        tambah_hari_libur(s, tanggal=LOKAL, keterangan="Cuti", oleh=camat)
    with session_scope(demo) as s:
        assert s.exec(select(HariLibur)).first() is None


def test_the_page_is_the_admins(client, app, demo):
    masuk(client, "admin")
    assert client.get("/hari-libur").status_code == 200
    keluar(client)
    masuk(client, "camat.kalipare")
    r = client.get("/hari-libur")
    assert r.status_code == 403 and "Akses ditolak" in r.get_data(as_text=True)


def test_office_hours_given_to_create_app_are_the_ones_cycle_times_use(demo, db_url, tmp_path, monkeypatch):
    """create_app({"JAM_KERJA": ...}) reaches the work calendar of every query, whatever the environment says:
    Monday 06:00-18:00 WIB is 600 working minutes under 07:00-17:00 (480 under the environment's 08:00-16:00)."""
    from app import create_app
    from dashboard.data import sesi

    monkeypatch.setenv("JAM_KERJA", JAM_KERJA_BAKU)
    app = create_app({"DATABASE_URL": db_url, "APP_ENV": "test", "SECRET_KEY": "kunci-uji",
                      "UPLOAD_DIR": str(tmp_path / "unggahan"), "JAM_KERJA": "Sen-Jum 07:00-17:00"})
    wib = ZoneInfo("Asia/Jakarta")
    with app.server.test_request_context(), sesi() as s:
        kal = kalender_kantor(s, kantor(s, nama="Kalipare").id)
        assert kal.working_minutes(datetime(2026, 3, 2, 6, tzinfo=wib), datetime(2026, 3, 2, 18, tzinfo=wib)) == 600
    assert app.server.extensions["sakip_settings"].menit_per_hari == 600
