"""The demo's Laporan Kinerja: the load gives each seed office its own Bab I; the history writes every office's
passages for its years, and the LKj of a finished year goes through its reviu and the Camat's signature (with a
scan) where the office has the LKj SOP, its passages written before it was signed."""
from __future__ import annotations

from datetime import date

from sqlmodel import select

from models.db import session_scope
from models.kinerja.iku import iku_kantor
from models.tables import Eksekusi, Kabupaten, Kecamatan, Lampiran, LaporanKinerja, TeksLkj, User
from models.umum import periode
from seed.riwayat import buat_riwayat

HARI_INI = date(2026, 11, 21)


def test_the_demo_load_gives_each_seed_office_its_own_bab_i(demo):
    tahun = periode.hari_ini().year - 1
    with session_scope(demo) as s:
        profil = {}
        for kec in s.exec(select(Kecamatan)).all():
            rows = s.exec(select(TeksLkj).where(TeksLkj.kecamatan_id == kec.id).where(TeksLkj.tahun == tahun)).all()
            assert sorted(r.bagian for r in rows) == ["isu_strategis", "profil", "struktur", "tugas_fungsi"], kec.nama
            profil[kec.nama] = next(r.isi for r in rows if r.bagian == "profil")
            assert profil[kec.nama].startswith(f"Kecamatan {kec.nama} adalah satu dari ")
    assert len(set(profil.values())) == len(profil) == 4
    assert "Tanjung Jabung Barat" in profil["Muara Papalik"] and "Gunung Semeru" in profil["Poncokusumo"]


def test_the_history_writes_every_offices_passages_and_signs_the_finished_year(engine):
    buat_riwayat(engine, kecamatan=4, tahun=2, seed=1, hari_ini=HARI_INI)
    with session_scope(engine) as s:
        malang = s.exec(select(Kecamatan).join(Kabupaten).where(Kabupaten.nama == "Malang")).all()
        penyebab = set()
        for kec in malang:
            iku = iku_kantor(s, kec.id)
            rows = s.exec(select(TeksLkj).where(TeksLkj.kecamatan_id == kec.id).where(TeksLkj.tahun == 2025)).all()
            per_iku = {(r.bagian, r.indikator_id) for r in rows if r.indikator_id}
            assert per_iku == {(b, i.id) for i in iku for b in ("penyebab", "upaya", "hambatan")}, kec.nama
            assert {r.bagian for r in rows if not r.indikator_id} >= {"simpulan", "perbaikan"}
            penyebab |= {r.isi for r in rows if r.bagian == "penyebab"}
        assert len(penyebab) == sum(len(iku_kantor(s, k.id)) for k in malang)  # no two alike
        ponco = next(k for k in malang if k.nama == "Poncokusumo")
        lk = s.exec(select(LaporanKinerja).where(LaporanKinerja.kecamatan_id == ponco.id)
                    .where(LaporanKinerja.tahun == 2025)).one()
        assert (lk.status, lk.tanggal.year, bool(lk.catatan_reviu)) == ("ditandatangani", 2026, True)
        assert s.get(Eksekusi, lk.eksekusi_id).status == "selesai"
        scan = s.exec(select(Lampiran).where(Lampiran.pemilik_jenis == "laporan_kinerja")
                      .where(Lampiran.pemilik_id == lk.id)).one()
        assert scan.kecamatan_id == ponco.id
        terakhir = max(r.diubah_pada for r in s.exec(select(TeksLkj).where(TeksLkj.kecamatan_id == ponco.id)
                                                     .where(TeksLkj.tahun == 2025)).all())
        assert terakhir.replace(tzinfo=None) <= lk.ditandatangani_pada.replace(tzinfo=None)
        # the last full year's signed report is published the next working day; an earlier year's is not
        assert lk.dipublikasikan_pada.replace(tzinfo=None) > lk.ditandatangani_pada.replace(tzinfo=None)
        assert lk.dipublikasikan_oleh == s.exec(select(User).where(User.username == "camat.poncokusumo")).one().id
        lalu = s.exec(select(LaporanKinerja).where(LaporanKinerja.tahun == 2024)
                      .where(LaporanKinerja.status == "ditandatangani")).all()
        assert lalu and all(x.dipublikasikan_pada is None for x in lalu)
