"""The demo history generator (seed/riwayat.py), the SOP copy and the start of work on a step that it relies on."""
from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func
from sqlmodel import select

from models.db import dispose_engine, get_engine, session_scope
from models.kinerja.iku import iku_kantor
from models.kinerja.realisasi import Isian, ajukan, simpan_draf
from models.migrasi import pastikan_skema
from models.sop.alur import (
    catatan_terbuka,
    mulai_kerjakan,
    putuskan,
    selesaikan,
)
from models.sop.register import detail_sop, salin_sop
from models.tables import (
    AuditLog,
    CatatanLangkah,
    Eksekusi,
    Evaluasi,
    Indikator,
    Kabupaten,
    Kecamatan,
    Realisasi,
    Rekomendasi,
    Sop,
    SopLangkah,
    Target,
    TindakLanjut,
    User,
)
from models.umum.hari_libur import kalender_kantor
from models.umum.penolakan import Ditolak
from models.umum.periode import akhir_triwulan
from seed.riwayat import PESAN_ADA_RIWAYAT, PESAN_BUKAN_DEMO, RiwayatDitolak, buat_riwayat
from tests.fabrik import akun, kantor, pengguna

HARI_INI = date(2026, 11, 21)  # a Saturday: the last ended quarter is 2026 triwulan III
TERAKHIR = (2026, 3)


def _jumlah(s) -> dict[str, int]:
    tabel = (Kecamatan, User, Sop, Realisasi, Eksekusi, CatatanLangkah, Evaluasi, Rekomendasi, TindakLanjut, AuditLog)
    return {t.__name__: s.exec(select(func.count(t.id))).one() for t in tabel}


def _angka(engine) -> set[tuple]:
    with session_scope(engine) as s:
        q = (select(Kecamatan.nama, Indikator.kode, Realisasi.tahun, Realisasi.triwulan, Realisasi.pembilang,
                    Realisasi.penyebut).join(Kecamatan, Kecamatan.id == Realisasi.kecamatan_id)
             .join(Indikator, Indikator.id == Realisasi.indikator_id))
        return set(s.exec(q).all())


def _dalam_jam_kerja(kal, t: datetime, zona: str) -> bool:
    lokal = t.astimezone(ZoneInfo(zona))
    buka, tutup = kal.jam.get(lokal.weekday(), (None, None))
    return kal.hari_kerja(lokal.date()) and buka < lokal.time().replace(tzinfo=None) <= tutup


def test_a_small_history_is_complete_timed_in_office_hours_and_made_once(engine):
    hasil = buat_riwayat(engine, kecamatan=4, tahun=2, seed=1, hari_ini=HARI_INI)
    assert (hasil.kecamatan, hasil.kecamatan_baru) == (4, 1)
    # 2025 I-IV and 2026 I-III, the three shared IKU each, and Poncokusumo's own count indicator IKU-7
    assert hasil.realisasi == 4 * 7 * 3 + 7
    with session_scope(engine) as s:
        malang = s.exec(select(Kecamatan).join(Kabupaten).where(Kabupaten.nama == "Malang")
                        .order_by(Kecamatan.nama)).all()
        assert [k.nama for k in malang] == ["Ampelgading", "Kalipare", "Karangploso", "Poncokusumo"]
        ampel = malang[0]
        assert len(s.exec(select(User).where(User.kecamatan_id == ampel.id)).all()) == 9
        assert akun(s, username="camat.ampelgading").role_kode == "camat"  # made by the history, not here
        assert len(s.exec(select(Sop).where(Sop.kecamatan_id == ampel.id)).all()) == 10  # Poncokusumo's, with the demo's PK SOP
        # Karangploso got the three collection SOPs it lacked, so it can submit figures too.
        karang = malang[2]
        assert len(s.exec(select(Sop).where(Sop.kecamatan_id == karang.id)).all()) == 4
        assert s.exec(select(func.count(Realisasi.id)).where(Realisasi.kecamatan_id == karang.id)).one() == 21

        zona = {k.id: k.zona_waktu for k in malang}
        kal = {k.id: kalender_kantor(s, k.id) for k in malang}
        eks = {e.id: e for e in s.exec(select(Eksekusi))}
        assert eks and all(e.demo for e in eks.values())
        realisasi = s.exec(select(Realisasi)).all()
        assert all(r.demo for r in realisasi)
        for r in realisasi:
            if (r.tahun, r.triwulan) != TERAKHIR:
                assert r.status == "resmi" and r.disahkan_pada is not None, (r.tahun, r.triwulan, r.status)
                assert eks[r.eksekusi_id].status == "selesai"
                assert r.dibuat_pada.astimezone(ZoneInfo("Asia/Jakarta")).date() > akhir_triwulan(r.tahun, r.triwulan)

        catatan = s.exec(select(CatatanLangkah)).all()
        pelaku = {u.id: u for u in s.exec(select(User))}
        lewat, diukur = 0, 0
        for c in catatan:
            e = eks[c.eksekusi_id]
            assert c.diterima_pada <= (c.dimulai_pada or c.diterima_pada)
            assert c.selesai_pada is None or (c.dimulai_pada or c.diterima_pada) <= c.selesai_pada
            assert c.diterima_pada < datetime(2026, 11, 21, tzinfo=ZoneInfo("Asia/Jakarta"))
            if c.selesai_pada is not None:
                assert _dalam_jam_kerja(kal[e.kecamatan_id], c.selesai_pada, zona[e.kecamatan_id]), c.selesai_pada
                assert pelaku[c.pelaku_id].kecamatan_id == e.kecamatan_id
                lk = s.get(SopLangkah, c.langkah_id)
                if c.dimulai_pada != c.diterima_pada:  # not an entry step closed by the submission itself
                    diukur += 1
                    lewat += kal[e.kecamatan_id].working_minutes(c.diterima_pada, c.selesai_pada) > lk.waktu_menit
            if c.dimulai_pada is not None and c.dimulai_pada != c.diterima_pada:
                assert _dalam_jam_kerja(kal[e.kecamatan_id], c.dimulai_pada, zona[e.kecamatan_id])
        assert 0.1 < lewat / diukur < 0.5  # most steps within their mutu baku, a realistic share over it
        kembali = [c for c in catatan if c.hasil == "dikembalikan"]
        assert kembali and all(c.catatan and c.catatan.strip() for c in kembali)
        assert any(c.percobaan > 1 for c in catatan)  # the rework went through again

        terbuka = [c for c in catatan if c.selesai_pada is None]
        assert terbuka and all((eks[c.eksekusi_id].tahun, eks[c.eksekusi_id].triwulan) == TERAKHIR for c in terbuka)
        terakhir = Counter(r.status for r in realisasi if (r.tahun, r.triwulan) == TERAKHIR)
        assert terakhir["resmi"] and terakhir["diajukan"] + terakhir["draf"] > 0
        menunggu = {c.role_kode for c in terbuka if eks[c.eksekusi_id].subjek_jenis == "realisasi"}
        assert menunggu & {"sekcam", "camat"}

        evaluasi = s.exec(select(Evaluasi)).all()
        assert evaluasi and all(ev.demo for ev in evaluasi)
        assert {ev.jenis for ev in evaluasi} == {"pemantauan", "evaluasi", "evaluasi_akip"}  # and the LHE's
        # Offices with the Pemantauan/Evaluasi SOPs carry each record through an execution; the others cannot.
        with_sop = {k.id for k in malang if k.nama in ("Ampelgading", "Poncokusumo")}
        assert all((ev.eksekusi_id is not None) == (ev.kecamatan_id in with_sop) for ev in evaluasi
                   if ev.jenis != "evaluasi_akip")
        status = Counter(r.status for r in s.exec(select(Rekomendasi)))
        assert len(status) >= 4 and status["selesai"] > status["baru"]
        tl_kembali = s.exec(select(TindakLanjut).where(TindakLanjut.keputusan == "dikembalikan")).all()
        assert tl_kembali and all(t.alasan for t in tl_kembali)

        ringkas = s.exec(select(AuditLog).where(AuditLog.aksi == "demo.generate")).one()
        assert ringkas.sesudah["realisasi"] == 91 and ringkas.sesudah["seed"] == 1
        # IKU-7 has its year's target and the Rencana Aksi's four quarterly targets in each demo year, the quarters
        # scaled to the year (kumulatif: the last quarter's is the year's), and whole counts as figures.
        ponco = malang[3]
        iku7 = s.exec(select(Indikator).where(Indikator.kecamatan_id == ponco.id)
                      .where(Indikator.kode == "IKU-7")).one()
        for th in (2025, 2026):
            t = {x.triwulan: x.nilai for x in s.exec(select(Target).where(Target.indikator_id == iku7.id)
                                                     .where(Target.tahun == th).where(Target.berlaku == True))}  # noqa: E712
            assert sorted(t, key=lambda k: k or 0) == [None, 1, 2, 3, 4]
            assert t[4] == t[None] and t[1] < t[2] < t[3] < t[4] and all(v == int(v) for v in t.values())
        angka = [r for r in realisasi if r.indikator_id == iku7.id]
        assert len(angka) == 7 and all(r.penyebut is None and 0 <= r.pembilang <= 17 for r in angka)
        sebelum = _jumlah(s)
    with pytest.raises(RiwayatDitolak) as e:
        buat_riwayat(engine, kecamatan=4, tahun=2, seed=1, hari_ini=HARI_INI)
    assert str(e.value) == PESAN_ADA_RIWAYAT
    with session_scope(engine) as s:
        assert _jumlah(s) == sebelum


def test_the_same_seed_gives_the_same_figures_and_another_seed_others(engine, tmp_path):
    urls = [f"sqlite:///{tmp_path / nama}.db" for nama in ("kedua", "lain")]
    try:
        mesin = [engine] + [get_engine(u) for u in urls]
        for m in mesin[1:]:
            pastikan_skema(m)
        for m, seed in zip(mesin, (7, 7, 8)):
            buat_riwayat(m, kecamatan=3, tahun=1, seed=seed, hari_ini=HARI_INI)
        pertama, kedua, lain = (_angka(m) for m in mesin)
    finally:
        for u in urls:
            dispose_engine(u)
    assert len(pertama) == 3 * 3 * 3 + 3  # and Poncokusumo's own IKU-7
    assert pertama == kedua
    assert pertama != lain


def test_too_many_offices_for_the_kabupaten_are_refused(demo):
    with pytest.raises(RiwayatDitolak, match="Kabupaten Malang hanya memiliki 33 kecamatan; --kecamatan paling "
                                             "banyak 33."):
        buat_riwayat(demo, kecamatan=34, tahun=1, hari_ini=HARI_INI)
    with pytest.raises(RiwayatDitolak, match="Kabupaten Bandung tidak ada di basis data."):
        buat_riwayat(demo, kabupaten="Bandung", hari_ini=HARI_INI)
    with session_scope(demo) as s:
        assert s.exec(select(func.count(Kecamatan.id))).one() == 4


def test_salin_sop_copies_steps_and_pelaksana_and_refuses_a_duplicate(demo):
    with session_scope(demo) as s:
        ponco = kantor(s)
        karang = kantor(s, nama="Karangploso")
        asal = s.exec(select(Sop).where(Sop.kecamatan_id == ponco.id).where(Sop.kunci == "evaluasi data kinerja")).one()
        admin = pengguna(s, peran="admin")
        baru = salin_sop(s, sop_id=asal.id, ke_kecamatan_id=karang.id, oleh=admin)
        a, b = detail_sop(s, asal.id), detail_sop(s, baru.id)
        assert (b.sop.kecamatan_id, b.sop.kunci, b.revisi.revisi_ke, b.revisi.berlaku) == (karang.id, asal.kunci, 1,
                                                                                            True)
        bidang = ("no", "kegiatan", "kelengkapan", "waktu", "waktu_menit", "output", "keputusan", "kembali_ke",
                  "pelaksana", "peran", "sumber_pelaksana")
        assert [[getattr(x, f) for f in bidang] for x in b.langkah] == [[getattr(x, f) for f in bidang]
                                                                         for x in a.langkah]
        assert b.langkah[4].peran == ["kasi_terkait"] and b.langkah[4].sumber_pelaksana == "kurasi"
        assert {x.id for x in b.langkah}.isdisjoint({x.id for x in a.langkah})
        assert b.revisi.total_menit == a.revisi.total_menit and b.revisi.pelaksana == a.revisi.pelaksana
        assert b.revisi.nomor is None and b.revisi.disahkan_nama is None  # the source office's decree is not copied
        log = s.exec(select(AuditLog).where(AuditLog.aksi == "sop.salin")).one()
        assert (log.username, log.kecamatan_id, log.sesudah["dari_kecamatan"], log.sesudah["langkah"]) == (
            "admin", karang.id, "Poncokusumo", 9)
        with pytest.raises(Ditolak, match='Kecamatan Karangploso sudah memiliki SOP "Evaluasi Data Kinerja"; '
                                               "salinan tidak dibuat."):
            salin_sop(s, sop_id=asal.id, ke_kecamatan_id=karang.id, oleh=admin)
        with pytest.raises(Ditolak, match="sudah memiliki SOP"):
            salin_sop(s, sop_id=asal.id, ke_kecamatan_id=ponco.id, oleh=None)


T0 = datetime(2026, 10, 5, 2, 0, tzinfo=timezone.utc)  # Monday 09:00 WIB


def test_mulai_kerjakan_marks_the_start_only_for_the_waiting_role_or_the_camat(demo):
    with session_scope(demo) as s:
        kec = kantor(s)
        iku = {i.kode: i for i in iku_kantor(s, kec.id)}
        evapor = pengguna(s, peran="kasubag_evapor")
        r = simpan_draf(s, kecamatan_id=kec.id, tahun=2026, triwulan=3, hari_ini=HARI_INI, pada=T0,
                        isian=Isian(iku["IKU-1"].id, "45", "50"), oleh=evapor)
        eks = ajukan(s, realisasi_id=r.id, oleh=evapor, pada=T0 + timedelta(minutes=70))
        rec = catatan_terbuka(s, eks.id)
        assert (rec.role_kode, rec.dimulai_pada) == ("kasubag_evapor", None)
        with pytest.raises(Ditolak, match="Langkah ini menunggu pelaksana lain; Anda tidak dapat mengerjakannya."):
            mulai_kerjakan(s, catatan_id=rec.id, oleh=pengguna(s, peran="sekcam"), pada=T0 + timedelta(hours=2))
        with pytest.raises(Ditolak, match="menunggu pelaksana lain"):  # another office's Evapor
            mulai_kerjakan(s, catatan_id=rec.id, oleh=pengguna(s, peran="kasubag_evapor", kecamatan="Kalipare"),
                           pada=T0 + timedelta(hours=2))
        with pytest.raises(Ditolak, match="Waktu mulai dikerjakan tidak boleh sebelum waktu langkah diterima."):
            mulai_kerjakan(s, catatan_id=rec.id, oleh=evapor, pada=T0)
        mulai_kerjakan(s, catatan_id=rec.id, oleh=evapor, pada=T0 + timedelta(hours=2))
        assert s.get(CatatanLangkah, rec.id).dimulai_pada == T0 + timedelta(hours=2)
        with pytest.raises(Ditolak, match="Langkah ini sudah mulai dikerjakan."):
            mulai_kerjakan(s, catatan_id=rec.id, oleh=evapor, pada=T0 + timedelta(hours=3))
        berikut = putuskan(s, catatan_id=rec.id, setuju=True, oleh=evapor, pada=T0 + timedelta(hours=3))
        selesai = s.get(CatatanLangkah, rec.id)
        assert (selesai.diterima_pada, selesai.dimulai_pada, selesai.selesai_pada) == (
            T0 + timedelta(minutes=70), T0 + timedelta(hours=2), T0 + timedelta(hours=3))
        with pytest.raises(Ditolak, match="Langkah ini sudah diselesaikan oleh orang lain; muat ulang halaman."):
            mulai_kerjakan(s, catatan_id=rec.id, oleh=evapor)
        camat = pengguna(s, peran="camat")  # the Camat may start anyone's step; audited as acting for the role
        with pytest.raises(ValueError, match="zona waktu"):
            mulai_kerjakan(s, catatan_id=berikut.id, oleh=camat, pada=datetime(2026, 10, 5, 12))
        mulai_kerjakan(s, catatan_id=berikut.id, oleh=camat, pada=T0 + timedelta(hours=4))
        selesaikan(s, catatan_id=berikut.id, oleh=evapor, pada=T0 + timedelta(hours=5))
        log = s.exec(select(AuditLog).where(AuditLog.aksi == "langkah.dimulai").order_by(AuditLog.id)).all()
        assert [(a.username, a.objek_id) for a in log] == [("evapor.poncokusumo", rec.id),
                                                           ("camat.poncokusumo", berikut.id)]
        assert log[1].sesudah["atas_nama"] == "kasubag_evapor"


def test_demo_generate_command_prints_a_summary_and_runs_once(app, engine):
    runner = app.server.test_cli_runner()
    hasil = runner.invoke(args=["demo", "generate", "--kecamatan", "3", "--years", "1", "--seed", "2"])
    assert hasil.exit_code == 0, hasil.output
    *kemajuan, ringkasan = hasil.output.splitlines()
    # Progress office by office, at most once a second, the end once: "…: 100% (3/3) · 4 detik · selesai".
    assert kemajuan and all(re.fullmatch(r"Riwayat Kabupaten Malang: +\d+% \([0-3]/3\) · \d+ detik · .+", b)
                            for b in kemajuan), hasil.output
    assert re.fullmatch(r"Riwayat Kabupaten Malang: 100% \(3/3\) · \d+ detik · selesai", kemajuan[-1])
    assert re.fullmatch(r"Riwayat demo Kabupaten Malang dibuat: 3 kecamatan \(0 baru\), [\d.]+ realisasi, [\d.]+ "
                        r"eksekusi SOP, [\d.]+ catatan langkah, [\d.]+ evaluasi dan pemantauan, [\d.]+ rekomendasi, "
                        r"dalam \d+,\d detik\.", ringkasan), hasil.output
    with session_scope(engine) as s:
        assert s.exec(select(func.count(User.id))).one() == 41  # the base demo, loaded first (with the two Inspektorat evaluators)
        sebelum = _jumlah(s)
    lagi = runner.invoke(args=["demo", "generate", "--kecamatan", "3", "--years", "1"])
    assert lagi.exit_code == 1 and f"Error: {PESAN_ADA_RIWAYAT}" in lagi.output
    lewati = runner.invoke(args=["demo", "generate", "--jika-kosong"])
    assert lewati.exit_code == 0 and lewati.output == "Kabupaten Malang sudah berisi riwayat; riwayat demo tidak dibuat.\n"
    with session_scope(engine) as s:
        assert _jumlah(s) == sebelum


def test_a_database_the_demo_did_not_fill_gets_no_demo_offices_or_users(app, engine):
    from models.sop.register import impor_dokumen
    from seed import dokumen_seed, kurasi_pelaksana

    dokumen = dokumen_seed()[2]
    with session_scope(engine) as s:
        impor_dokumen(s, [(dokumen.name, dokumen.read_text(encoding="utf-8"))], kurasi=kurasi_pelaksana())
        sebelum = _jumlah(s)
    with pytest.raises(RiwayatDitolak) as e:
        buat_riwayat(engine, kecamatan=4, tahun=1, hari_ini=HARI_INI)
    assert str(e.value) == PESAN_BUKAN_DEMO
    runner = app.server.test_cli_runner()
    lewati = runner.invoke(args=["demo", "generate", "--jika-kosong"])
    assert lewati.exit_code == 0 and lewati.output == "Basis data bukan basis data demo; riwayat demo tidak dibuat.\n"
    tolak = runner.invoke(args=["demo", "generate"])
    assert tolak.exit_code == 1 and PESAN_BUKAN_DEMO in tolak.output
    with session_scope(engine) as s:
        assert _jumlah(s) == sebelum


def test_a_pelaksana_change_is_seen_by_the_next_read_in_the_same_session(demo):
    from models.sop.alur import urutan_pelaksana
    from models.sop.register import ubah_pelaksana
    from models.tables import SopRevisi

    with session_scope(demo) as s:
        ponco = kantor(s)
        sop = s.exec(select(Sop).where(Sop.kecamatan_id == ponco.id)
                     .where(Sop.kunci.like("%partisipasi delegasi%"))).one()
        rev = s.exec(select(SopRevisi).where(SopRevisi.sop_id == sop.id)).one()
        sebelum = [(p.langkah.urutan, p.role_kode) for p in urutan_pelaksana(s, rev.id)]
        assert sebelum[3] == (4, "kasubag_evapor")
        assert urutan_pelaksana(s, rev.id) is not urutan_pelaksana(s, rev.id)  # callers get their own list
        langkah4 = urutan_pelaksana(s, rev.id)[3].langkah
        ubah_pelaksana(s, langkah_id=langkah4.id, label=["Sekretaris"], oleh=pengguna(s, peran="admin"))
        sesudah = [(p.langkah.urutan, p.role_kode) for p in urutan_pelaksana(s, rev.id)]
        assert sesudah[3] == (4, "sekcam") and sesudah[:3] == sebelum[:3]
