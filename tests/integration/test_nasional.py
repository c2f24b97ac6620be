"""The view across kabupaten: one row per kabupaten, each column the sum of what its offices' own views count."""
from __future__ import annotations

from datetime import date

from sqlmodel import select

from models.dasbor.nasional import ringkasan_kabupaten
from models.db import session_scope
from models.kinerja.iku import iku_kantor
from models.perencanaan.kalender_sakip import kewajiban_kantor
from models.tables import Evaluasi, EvaluasiAkip, Kecamatan, Rekomendasi
from tests.fabrik import realisasi

HARI_INI = date(2026, 11, 20)
TAHUN, TRIWULAN = 2026, 3


def _baris(engine) -> dict[str, dict]:
    with session_scope(engine) as s:
        t = ringkasan_kabupaten(s, tahun=TAHUN, triwulan=TRIWULAN, hari_ini=HARI_INI)
        return {r["kabupaten"]: r for r in t.data.to_dict("records")}


def test_one_row_per_kabupaten_with_its_offices_counts(demo):
    awal = _baris(demo)
    assert list(awal) == ["Malang", "Tanjung Jabung Barat"]
    with session_scope(demo) as s:
        kantor = {k.nama: k for k in s.exec(select(Kecamatan))}
        malang = [k for k in kantor.values() if k.kabupaten_id == kantor["Poncokusumo"].kabupaten_id]
        # each column counted office by office through the office's own functions
        wajib = sum(len(iku_kantor(s, k.id)) for k in malang)
        # the quarter's obligations and the year's, as they stand today (as Perbandingan's compliance counts them)
        telat = sum(k.status == "terlambat" for kec in malang
                    for k in kewajiban_kantor(s, kec.id, hari_ini=HARI_INI, tahun=TAHUN) if k.triwulan in (None, TRIWULAN))
    m = awal["Malang"]
    assert (m["kecamatan"], m["angka_wajib"], m["kewajiban_terlambat"]) == (len(malang), wajib, telat)
    assert m["tautan"] == "/?kecamatan=kabupaten%3AMalang&tahun=2026&triwulan=3"
    assert awal["Tanjung Jabung Barat"]["tautan"] == (
        "/?kecamatan=kabupaten%3ATanjung+Jabung+Barat&tahun=2026&triwulan=3")

    with session_scope(demo) as s:
        realisasi(s, indikator="IKU-1", kecamatan="Poncokusumo", tahun=TAHUN, triwulan=TRIWULAN, status="resmi")
        realisasi(s, indikator="IKU-2", kecamatan="Poncokusumo", tahun=TAHUN, triwulan=TRIWULAN, status="diajukan")
        ponco = kantor["Poncokusumo"].id
        ev = Evaluasi(kecamatan_id=ponco, jenis="evaluasi", tahun=TAHUN, triwulan=2)
        s.add(ev)
        s.flush()
        s.add(Rekomendasi(evaluasi_id=ev.id, kecamatan_id=ponco, teks="Perbaiki.", role_kode="sekcam",
                          jatuh_tempo=date(2026, 9, 1)))
        s.add(Rekomendasi(evaluasi_id=ev.id, kecamatan_id=ponco, teks="Belum jatuh tempo.", role_kode="sekcam",
                          jatuh_tempo=date(2026, 12, 1)))
        s.add(Rekomendasi(evaluasi_id=ev.id, kecamatan_id=ponco, teks="Tuntas.", role_kode="sekcam",
                          jatuh_tempo=date(2026, 9, 1), status="selesai"))
        for nama, predikat in (("Poncokusumo", "BB"), ("Kalipare", "B")):
            s.add(EvaluasiAkip(kecamatan_id=kantor[nama].id, tahun=TAHUN - 1, status="final", predikat=predikat,
                               nilai=70.0))
        s.add(EvaluasiAkip(kecamatan_id=kantor["Karangploso"].id, tahun=TAHUN - 1, status="reviu"))
    sesudah = _baris(demo)
    m2 = sesudah["Malang"]
    assert m2["angka_resmi"] == m["angka_resmi"] + 1  # the submitted one is not official
    assert m2["persen_resmi"] == 100.0 * m2["angka_resmi"] / wajib
    assert m2["tl_terlambat"] == m["tl_terlambat"] + 1
    assert m2["langkah_terbuka"] > m["langkah_terbuka"]  # the submitted figure waits at its next step
    assert m2["predikat"] == f"BB 1 · B 1 (2 dari {len(malang)} kecamatan)"
    assert sesudah["Tanjung Jabung Barat"] == awal["Tanjung Jabung Barat"]
    assert awal["Tanjung Jabung Barat"]["predikat"] == "-"


def test_a_list_of_kabupaten_reads_only_theirs(demo):
    with session_scope(demo) as s:
        kab = s.exec(select(Kecamatan.kabupaten_id).where(Kecamatan.nama == "Muara Papalik")).one()
        t = ringkasan_kabupaten(s, tahun=TAHUN, triwulan=TRIWULAN, hari_ini=HARI_INI, kabupaten_ids=[kab],
                                tautan="/perbandingan")
    assert t.data["kabupaten"].tolist() == ["Tanjung Jabung Barat"]
    assert t.data["tautan"].iloc[0].startswith("/perbandingan?kecamatan=kabupaten%3ATanjung+Jabung+Barat")
    assert t.judul == "Ringkasan per kabupaten, triwulan III 2026"


def test_obligations_and_follow_ups_follow_the_chosen_period(demo):
    """Late obligations and overdue follow-ups are those of the chosen quarter (or year), as they stand today; the
    steps waiting are today's whatever the period."""
    from models.dasbor.nasional import KOLOM_NASIONAL

    with session_scope(demo) as s:
        kantor = {k.nama: k for k in s.exec(select(Kecamatan))}
        ponco = kantor["Poncokusumo"]
        malang = [k.id for k in kantor.values() if k.kabupaten_id == ponco.kabupaten_id]
        ev = Evaluasi(kecamatan_id=ponco.id, jenis="evaluasi", tahun=TAHUN, triwulan=1)
        s.add(ev)
        s.flush()
        for jatuh_tempo in (date(2026, 5, 4), date(2026, 5, 5), date(2026, 8, 3)):
            s.add(Rekomendasi(evaluasi_id=ev.id, kecamatan_id=ponco.id, teks="Perbaiki.", role_kode="sekcam",
                              jatuh_tempo=jatuh_tempo))
        semua = [k for kec in malang for k in kewajiban_kantor(s, kec, hari_ini=HARI_INI, tahun=TAHUN)]
        telat = {tw: sum(k.status == "terlambat" for k in semua if k.triwulan in (None, tw)) for tw in (2, 3, 4)}
        telat_tahun = sum(k.status == "terlambat" for k in semua)
        baris = {}
        for nama, tw, periode in (("II", 2, (2,)), ("III", 3, (3,)), ("IV", 3, (4,)), ("tahun", 3, (1, 2, 3, 4))):
            t = ringkasan_kabupaten(s, tahun=TAHUN, triwulan=tw, hari_ini=HARI_INI, periode=periode)
            baris[nama] = t.data.set_index("kabupaten").loc["Malang"]
    assert [baris[n]["tl_terlambat"] for n in ("II", "III", "IV", "tahun")] == [2, 1, 0, 3]
    assert [baris[n]["kewajiban_terlambat"] for n in ("II", "III", "IV", "tahun")] == [
        telat[2], telat[3], telat[4], telat_tahun]
    assert telat[2] != telat[4]  # the periods differ: the column is not today's whatever is chosen
    assert len({baris[n]["langkah_terbuka"] for n in baris}) == 1
    assert [k.nama for k in KOLOM_NASIONAL][5:8] == [
        "Kewajiban terlambat (periode ini)", "Tindak lanjut terlambat (periode ini)", "Langkah menunggu (hari ini)"]


def test_monitoring_sops_summary_is_the_semesters(demo):
    from models.sop.monitoring import ringkasan_kantor

    with session_scope(demo) as s:
        t = ringkasan_kabupaten(s, tahun=TAHUN, triwulan=2, hari_ini=HARI_INI, periode=(1, 2), semester=1,
                                tautan="/monitoring-sop")
        kab = s.exec(select(Kecamatan.kabupaten_id).where(Kecamatan.nama == "Poncokusumo")).one()
        malang = list(s.exec(select(Kecamatan.id).where(Kecamatan.kabupaten_id == kab)))
        sop = sum(r.sop for r in ringkasan_kantor(s, kecamatan_ids=malang, tahun=TAHUN, semester=1))
    assert t.judul == "Ringkasan per kabupaten, Semester I 2026"
    assert [k.nama for k in t.kolom][-2:] == ["SOP berlaku", "SOP dimonitor"]
    assert t.data.set_index("kabupaten").loc["Malang", "sop"] == sop > 0
