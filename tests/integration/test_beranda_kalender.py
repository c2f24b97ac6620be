"""Beranda's SAKIP calendar card: what is overdue or due within a week for the office, the user's own marked (one
they may start, or one whose open step waits on their role), and the obligations the office has no SOP for."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from models.db import session_scope
from models.perencanaan.kalender_sakip import kewajiban_kantor
from models.perencanaan.pekerjaan import untuk_saya
from models.sop.alur import catatan_terbuka
from models.umum import periode
from tests.conftest import masuk
from tests.dash_util import panggil
from tests.fabrik import kantor, nama_pengguna, pekerjaan, pengguna

HARI = date(2026, 6, 26)  # Friday: the Renja 2027 (due 30 June 2026) is due within a week


@pytest.fixture
def jam():
    periode.atur_hari_ini(HARI)
    yield HARI
    periode.atur_hari_ini(None)


def _teks(r) -> str:
    """The text of the answer's calendar card, its pieces run together as the page shows them side by side."""
    assert r.status_code == 200

    def cari(x):
        if isinstance(x, dict):
            if x.get("props", {}).get("id") == "beranda-kewajiban":
                return x
            return next((h for v in x.values() if (h := cari(v)) is not None), None)
        if isinstance(x, list):
            return next((h for v in x if (h := cari(v)) is not None), None)
        return None

    def teks(x) -> str:
        if isinstance(x, str):
            return x
        if isinstance(x, list):
            return "".join(teks(v) for v in x)
        if isinstance(x, dict):
            return teks(x.get("props", {}).get("children", "")) + ("\n" if x.get("type") == "Li" else "")
        return ""

    kartu = cari(r.get_json()["response"])
    assert kartu is not None
    return teks(kartu)


def _renja(kewajiban):
    return next(n for n, k in enumerate(kewajiban) if k.kewajiban == "renja" and k.tahun == 2027)


def test_an_obligation_not_started_is_for_whoever_may_start_it(demo, jam):
    with session_scope(demo) as s:
        kec = kantor(s)
        daftar = kewajiban_kantor(s, kec.id, hari_ini=HARI)
        n = _renja(daftar)
        assert daftar[n].status == "segera" and daftar[n].tenggat == date(2026, 6, 30)
        assert n in untuk_saya(s, pengguna(s, peran="camat"), daftar)  # the Camat may start any SOP
        assert n not in untuk_saya(s, pengguna(s, peran="kasi_pem"), daftar)


def test_a_running_obligation_is_for_the_role_its_open_step_waits_on(demo, jam):
    with session_scope(demo) as s:
        kec = kantor(s)
        camat = pengguna(s, peran="camat")
        eks = pekerjaan(s, sop="Penyusunan Rencana Kerja (Renja)", judul="Renja 2027", tahun=2027, oleh=camat,
                        pada=datetime(2026, 6, 22, 2, 0, tzinfo=timezone.utc))
        rec = catatan_terbuka(s, eks.id)
        assert rec.role_kode == "camat"
        daftar = kewajiban_kantor(s, kec.id, hari_ini=HARI)
        n = _renja(daftar)
        assert n in untuk_saya(s, camat, daftar) and n not in untuk_saya(s, pengguna(s, peran="sekcam"), daftar)


def test_beranda_lists_the_due_renja_for_the_camat_and_what_has_no_sop(demo, jam, app, client):
    masuk(client, nama_pengguna("camat"))
    client.get("/")
    teks = _teks(panggil(client, app, "beranda-isi.children", kecamatan=None, tahun=2026, triwulan=1))
    # A demo office without history: every obligation since 2025 is overdue; the Camat may start each of them, so
    # all are his; eight are listed, the overdue first, by due date. The Renstra 2025–2029 has no due date while
    # Malang has not recorded its RPJMD's date: not overdue, not listed.
    baris = teks.split("\n")
    assert baris[0] == ("Kalender SAKIP: 24 terlambat, 1 segeraTerlambat · Perjanjian Kinerja Tahun 2025 · "
                        "jatuh tempo 31 Januari 2025 · Perjanjian Kinerja Camat belum ditandatanganiuntuk Anda")
    assert "Renstra" not in teks.split("Belum ada SOP")[0]
    assert len(baris) == 10 and baris[8] == "… dan 17 lainnya di Kalender SAKIP"
    assert all(b.endswith("untuk Anda") for b in baris[:8])
    masuk(client, "camat.kalipare")
    client.get("/")
    teks = _teks(panggil(client, app, "beranda-isi.children", kecamatan=None, tahun=2026, triwulan=1))
    assert teks.startswith("Kalender SAKIP: 7 terlambat, 0 segera"
                           "Terlambat · Perjanjian Kinerja Tahun 2025 · jatuh tempo 31 Januari 2025 · Perjanjian "
                           "Kinerja Camat belum ditandatanganiuntuk Anda\n")
    assert ("Belum ada SOP kantor untuk: Pengukuran Kinerja, Pemantauan Kinerja, Evaluasi Data Kinerja, Rencana Kerja "
            "(Renja), Laporan Kinerja (LKj), Pelaporan Kinerja, Rencana Strategis (Renstra).") in teks
    # Nothing Kalipare's Camat can start (it has no SOP for any of them) but the PKs, which the Camat signs.
    assert [b.split("segera", 1)[-1] for b in teks.split("\n") if b.endswith("untuk Anda")] == [
        f"Terlambat · Perjanjian Kinerja Tahun {t} · jatuh tempo 31 Januari {t} · Perjanjian Kinerja Camat belum "
        "ditandatanganiuntuk Anda" for t in (2025, 2026)]
