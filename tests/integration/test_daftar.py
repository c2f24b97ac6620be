"""The long lists paged, sorted and searched by the database (models.dasbor.daftar): Tindak Lanjut's recommendations
and Persetujuan's queue; one page of 25 rows, the counts, each order, the search by each field the list prints, a
page past the end, and the offices passed as the only ones read (another kabupaten's rows never appear)."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from sqlmodel import select

from models.dasbor.daftar import cari_antrian, cari_rekomendasi
from models.dasbor.kueri import antrian_terbuka, tindak_lanjut
from models.db import session_scope
from models.tables import Kecamatan
from models.tindak_lanjut.evaluasi import catat_evaluasi
from models.tindak_lanjut.rekomendasi import mulai_tindak_lanjut, tambah_rekomendasi
from tests.fabrik import kantor, pekerjaan, pengguna

HARI_INI = date(2026, 11, 27)
T0 = datetime(2026, 7, 10, 2, 0, tzinfo=timezone.utc)
SEKARANG = datetime(2026, 11, 27, 3, 0, tzinfo=timezone.utc)
PONCO, KALIPARE, ASING = "Poncokusumo", "Kalipare", "Muara Papalik"
SOP_KALIPARE = "Pengumpulan Data Kinerja Indikator Partisipasi Delegasi Musrenbangcam"
SOP_ASING = "Penyusunan Mekanisme Pengumpulan Data Kinerja"


def _isi(s, nama: str, n: int, *, awal: int = 0) -> list[int]:
    """`n` evaluations of the office (each starts its evaluation SOP: one open step), each with one recommendation:
    "Rekomendasi <nama> <i>", due every other one before HARI_INI (overdue), for the Kasi Pemerintahan or, every
    third one, the Kasi Trantib."""
    tim = pengguna(s, peran="tim", kecamatan=nama)
    kec = kantor(s, nama=nama)
    ids = []
    for i in range(awal, awal + n):
        ev = catat_evaluasi(s, kecamatan_id=kec.id, jenis="evaluasi", tahun=2026, triwulan=3,
                            tanggal=date(2026, 7, 10), peserta="Camat, Tim", temuan=f"Temuan {i}", oleh=tim,
                            pada=T0 + timedelta(minutes=i))
        tempo = date(2026, 8, 1) + timedelta(days=i) if i % 2 == 0 else date(2026, 12, 1) + timedelta(days=i)
        r = tambah_rekomendasi(s, evaluasi_id=ev.id, teks=f"Rekomendasi {nama} {i:02d}",
                               role_kode="kasi_trantib" if i % 3 == 0 else "kasi_pem", jatuh_tempo=tempo, oleh=tim,
                               pada=T0 + timedelta(minutes=i, seconds=30))
        ids.append(r.id)
    return ids


@pytest.fixture
def daftar(demo):
    """30 recommendations in Poncokusumo, 3 in Kalipare (Malang), 4 in Muara Papalik (another kabupaten); 30
    evaluations waiting in Poncokusumo's queue, 3 pieces of work in Kalipare's, 2 in Muara Papalik's."""
    with session_scope(demo) as s:
        ponco = _isi(s, PONCO, 30)
        kali = _isi(s, KALIPARE, 3, awal=100)
        asing = _isi(s, ASING, 4, awal=200)
        # Kalipare and Muara Papalik have no evaluation SOP: their queue is other work.
        for tw in (1, 2, 3):
            pekerjaan(s, sop=SOP_KALIPARE, kecamatan=KALIPARE, tahun=2026, triwulan=tw, pada=T0)
        for th in (2025, 2026):
            pekerjaan(s, sop=SOP_ASING, kecamatan=ASING, tahun=th, pada=T0)
        malang = [kantor(s, nama=PONCO).id, kantor(s, nama=KALIPARE).id]
    return {"ponco": ponco, "kalipare": kali, "asing": asing, "malang": malang}


def _rek(s, malang, **kw):
    return cari_rekomendasi(s, kecamatan_ids=malang, tahun=2026, triwulan=None, hari_ini=HARI_INI, **kw)


def test_recommendations_one_page_at_a_time_in_the_order_of_the_whole_list(demo, daftar):
    with session_scope(demo) as s:
        semua = tindak_lanjut(s, kecamatan_ids=daftar["malang"], tahun=2026, triwulan=None, hari_ini=HARI_INI)
        h1 = _rek(s, daftar["malang"])
        h2 = _rek(s, daftar["malang"], halaman=2)
        lewat = _rek(s, daftar["malang"], halaman=99)
    assert (h1.cocok, h1.semua, h1.jumlah_halaman, h1.dari, h1.sampai) == (33, 33, 2, 1, 25)
    assert len(h1.baris) == 25 and len(h2.baris) == 8 and (h2.dari, h2.sampai) == (26, 33)
    # The pages, one after the other, are the whole list in its order (overdue first, the latest first): one source.
    assert [b["rekomendasi_id"] for b in h1.baris + h2.baris] == list(semua["rekomendasi_id"])
    assert h1.baris[0] == semua.iloc[0].to_dict()
    # A page past the last is the last.
    assert lewat.halaman == 2 and lewat.baris == h2.baris
    # Another kabupaten's recommendations never appear.
    assert not {b["rekomendasi_id"] for b in h1.baris + h2.baris} & set(daftar["asing"])


def test_recommendations_searched_by_each_field_the_list_prints(demo, daftar):
    with session_scope(demo) as s:
        def cocok(cari):
            h = _rek(s, daftar["malang"], cari=cari, per_halaman=100)
            assert h.semua == 33
            return sorted(b["rekomendasi_id"] for b in h.baris), h.cocok

        assert cocok("kalipare") == (sorted(daftar["kalipare"]), 3)  # the office
        assert cocok("REKOMENDASI poncokusumo 07") == ([daftar["ponco"][7]], 1)  # the text, every word
        trantib = sorted(r for i, r in enumerate(daftar["ponco"]) if i % 3 == 0) + [daftar["kalipare"][2]]
        assert cocok("ketertiban") == (sorted(trantib), 11)  # the responsible role, as printed
        mulai_tindak_lanjut(s, rekomendasi_id=daftar["ponco"][1], oleh=pengguna(s, peran="kasi_pem"))
        assert cocok("dalam proses") == ([daftar["ponco"][1]], 1)  # the status, as printed
        assert cocok("muara papalik") == ([], 0)  # another kabupaten's office is not there to find
        assert cocok("100%_") == ([], 0)  # the search's characters are text, not patterns
        h = _rek(s, daftar["malang"], cari="kalipare")
    assert (h.cocok, h.semua, h.dari, h.sampai, h.jumlah_halaman) == (3, 33, 1, 3, 1)


def test_recommendations_sorted_as_asked_and_the_users_own_first(demo, daftar):
    with session_scope(demo) as s:
        tempo = [b["jatuh_tempo"] for b in _rek(s, daftar["malang"], urut="jatuh_tempo", per_halaman=100).baris]
        kantor_urut = [b["kecamatan"] for b in _rek(s, daftar["malang"], urut="kecamatan", per_halaman=100).baris]
        terbaru = [b["rekomendasi_id"] for b in _rek(s, daftar["malang"], urut="terbaru", per_halaman=5).baris]
        sendiri = _rek(s, daftar["malang"], peran_sendiri="kasi_trantib", per_halaman=100).baris
        aneh = _rek(s, daftar["malang"], urut="; drop table rekomendasi").baris
        bawaan = _rek(s, daftar["malang"]).baris
    assert tempo == sorted(tempo)
    assert kantor_urut == [KALIPARE] * 3 + [PONCO] * 30
    assert terbaru == sorted(daftar["kalipare"], reverse=True) + sorted(daftar["ponco"], reverse=True)[:2]
    assert [b["role_kode"] for b in sendiri[:11]] == ["kasi_trantib"] * 11
    assert {b["role_kode"] for b in sendiri[11:]} == {"kasi_pem"}
    assert aneh == bawaan  # an order not offered is the first one


def test_no_office_no_rows(demo, daftar):
    with session_scope(demo) as s:
        h = cari_rekomendasi(s, kecamatan_ids=[], tahun=2026, triwulan=None, hari_ini=HARI_INI)
        a = cari_antrian(s, kecamatan_ids=[])
    assert (h.baris, h.cocok, h.semua, h.dari) == ([], 0, 0, 0)
    assert (a.baris, a.cocok, a.semua) == ([], 0, 0)


def test_the_queue_one_page_at_a_time_overdue_first(demo, daftar):
    with session_scope(demo) as s:
        semua = antrian_terbuka(s, kecamatan_ids=daftar["malang"], sekarang=SEKARANG)
        h1 = cari_antrian(s, kecamatan_ids=daftar["malang"], sekarang=SEKARANG)
        h2 = cari_antrian(s, kecamatan_ids=daftar["malang"], sekarang=SEKARANG, halaman=2)
        lewat = cari_antrian(s, kecamatan_ids=daftar["malang"], sekarang=SEKARANG, halaman=50)
        asing = [k.id for k in s.exec(select(Kecamatan).where(Kecamatan.nama == ASING))]
        antre_asing = set(antrian_terbuka(s, kecamatan_ids=asing)["catatan_id"])
    n = len(semua)
    assert n >= 33  # each evaluation waits on its first step, and Kalipare's work
    assert antre_asing  # the other kabupaten has work waiting too
    assert (h1.cocok, h1.semua, len(h1.baris), h1.dari, h1.sampai) == (n, n, 25, 1, 25)
    assert [b["catatan_id"] for b in h1.baris + h2.baris] == list(semua["catatan_id"])[:25 + len(h2.baris)]
    assert h1.baris[0] == semua.iloc[0].to_dict()
    assert lewat.halaman == h1.jumlah_halaman
    assert not {b["catatan_id"] for b in h1.baris + h2.baris} & antre_asing


def test_the_queue_searched_and_sorted_in_the_database(demo, daftar):
    with session_scope(demo) as s:
        def cari(teks, **kw):
            return cari_antrian(s, kecamatan_ids=daftar["malang"], sekarang=SEKARANG, cari=teks,
                                per_halaman=200, **kw)

        semua = antrian_terbuka(s, kecamatan_ids=daftar["malang"], sekarang=SEKARANG)
        kali = cari("kalipare")
        assert {b["kecamatan"] for b in kali.baris} == {KALIPARE}
        assert kali.cocok == int((semua["kecamatan"] == KALIPARE).sum()) >= 3 and kali.semua == len(semua)
        sop = cari("evaluasi data kinerja poncokusumo")
        assert {b["sop"] for b in sop.baris} == {"Evaluasi Data Kinerja"} and sop.cocok >= 30
        assert {b["kecamatan"] for b in sop.baris} == {PONCO}
        pertama = semua.iloc[0]
        peran = cari(pertama["peran"])
        assert peran.cocok == int((semua["peran"] == pertama["peran"]).sum())
        assert cari(pertama["judul"]).baris[0]["judul"] == pertama["judul"]  # the subject
        assert cari(pertama["kegiatan"][:20]).cocok >= 1  # the activity
        assert cari("muara papalik").cocok == 0
        sejak = cari(None, urut="sejak").baris
        assert [b["diterima_pada"] for b in sejak] == sorted(b["diterima_pada"] for b in sejak)
        kantor_urut = [b["kecamatan"] for b in cari(None, urut="kecamatan").baris]
        assert kantor_urut == sorted(kantor_urut)
        # Sorted by the database, a page's ages are reckoned as the whole queue's.
        umur = {int(r.catatan_id): (r.umur, r.terlambat) for r in semua.itertuples()}
        halaman2 = cari_antrian(s, kecamatan_ids=daftar["malang"], sekarang=SEKARANG, urut="sop", halaman=2)
        assert len(halaman2.baris) == min(25, len(semua) - 25)
        assert all(umur[b["catatan_id"]] == (b["umur"], b["terlambat"]) for b in halaman2.baris)


def test_the_queue_reckons_its_ages_once_per_calendar_and_reuses_the_calendar_until_a_day_off_changes(
        demo, daftar, monkeypatch):
    """The overdue-first page reckons the matching steps' ages in one call per work calendar (the kabupaten's offices
    share one: one time zone) and reads the page's texts without reckoning them again; the next request reuses the
    calendar the first built, until the admin enters a day off."""
    from models.umum import kalender
    from models.umum.hari_libur import kalender_kantor, tambah_hari_libur

    with session_scope(demo) as s:
        assert len(set(antrian_terbuka(s, kecamatan_ids=daftar["malang"])["kecamatan"])) >= 2
    panggilan = []
    asli = kalender.KalenderKerja.working_minutes_many

    def dihitung(self, mulai, selesai):
        panggilan.append(len(mulai))
        return asli(self, mulai, selesai)

    monkeypatch.setattr(kalender.KalenderKerja, "working_minutes_many", dihitung)
    with session_scope(demo) as s:
        h = cari_antrian(s, kecamatan_ids=daftar["malang"], sekarang=SEKARANG)
        pertama = kalender_kantor(s, kantor(s, nama=PONCO).id)
    assert h.cocok > 25
    assert panggilan == [h.cocok]  # one call over every matching step of both offices, none for the page
    with session_scope(demo) as s:
        assert kalender_kantor(s, kantor(s, nama=KALIPARE).id) is pertama
        libur = date(2026, 12, 2)  # a Wednesday no holiday list knows
        tambah_hari_libur(s, tanggal=libur, keterangan="Hari jadi kabupaten", oleh=pengguna(s, peran="admin"))
    with session_scope(demo) as s:
        baru = kalender_kantor(s, kantor(s, nama=PONCO).id)
    assert baru is not pertama and libur in baru.libur and libur not in pertama.libur
