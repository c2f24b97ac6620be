"""Pengaturan Kabupaten: the Bupati's name, the cap for averages, the RPJMD and the capaian bands from a year on;
who may change them; what the cap does to Perbandingan; what the RPJMD does to the Renstra's due date; the LKj's
delivery due date.

Worked by hand:
- The cap. Poncokusumo, triwulan I 2026: IKU-1, target 40, realisasi 100/100 = 100 % → capaian 100 / 40 = 250 %;
  IKU-2, target 100, realisasi 80/100 = 80 % → capaian 80 %. IKU-3 has no figure that quarter, so it does not
  count. Average with the cap at 120: (120 + 80) / 2 = 100; at 150:
  (150 + 80) / 2 = 115; uncapped it would be 165. The cells keep 250 %.
- The Renstra 2025–2029: RPJMD 2025 set on 14 August 2025 → due 14 September 2025 (one month later); read on
  1 November 2026 with no execution: late. Without the RPJMD date: no due date, "belum ditetapkan", not late.
- Pelaporan Kinerja 2026 (the LKj delivered to the Bupati): due on the last day of February 2027 = 28 Februari 2027.
- Bands: the common scale judges 80 % "Baik" (above 75 up to 90); a set from 2027 (Tinggi above 85, Sedang above
  60, Rendah) judges it "Sedang" in 2027, while 2026 stays "Baik".
"""
from __future__ import annotations

import threading
from datetime import date, datetime, timezone

import pytest
from sqlmodel import func, select

from models.dasbor.kueri import Saringan
from models.dasbor.laporan import tabel_beranda_kabupaten
from models.dasbor.perbandingan import capaian_peringkat, tren_kantor
from models.db import session_scope
from models.kinerja.capaian import batas_rerata, predikat_kabupaten
from models.kinerja.mesin import PREDIKAT_BAKU, predikat
from models.perencanaan.kalender_sakip import (
    PESAN_TENGGAT_RENSTRA,
    jadwal_kabupaten,
    jendela,
    kewajiban_kantor,
    rpjmd_kabupaten,
    tenggat_renstra,
    ubah_jadwal,
)
from models.perencanaan.pengaturan import (
    PESAN_PERAN,
    atur_predikat,
    baca_pengaturan,
    daftar_predikat,
    ubah_pengaturan,
)
from models.tables import AuditLog, Kabupaten, PredikatKabupaten
from models.umum.hari_libur import kalender_kantor
from models.umum.penolakan import Ditolak
from models.umum.periode import atur_hari_ini
from tests.conftest import masuk
from tests.dash_util import buka_halaman, daftar_callback, panggil, sidik_basis_data, tabel_jawaban, teks_jawaban
from tests.fabrik import indikator, kabupaten, kantor, pengguna, realisasi

HARI = date(2026, 5, 1)
PITA_2027 = [{"nama": "Tinggi", "di_atas": "85", "warna": "#0a7d32"}, {"nama": "Sedang", "di_atas": "60", "warna": ""},
             {"nama": "Rendah", "di_atas": "", "warna": ""}]


@pytest.fixture
def hari():
    atur_hari_ini(HARI)
    yield HARI
    atur_hari_ini(None)


def _kunci(app, modul: str, nama: str) -> str:
    return next(k for k, cb in daftar_callback(app).items()
                if f"{cb['callback'].__module__}.{cb['callback'].__name__}" == f"callbacks.{modul}.{nama}")


def _audit(s, aksi: str) -> list[AuditLog]:
    return list(s.exec(select(AuditLog).where(AuditLog.aksi == aksi).order_by(AuditLog.id)).all())


def _jumlah_audit(engine) -> int:
    with session_scope(engine) as s:
        return s.exec(select(func.count(AuditLog.id))).one()


# ---------------------------------------------------------------------- the settings


def test_a_kabupaten_starts_with_the_cap_of_120_and_nothing_else_set(demo):
    with session_scope(demo) as s:
        p = baca_pengaturan(s, kabupaten(s, nama="Malang").id)
        # The demo names the Bupati by office, as it names its accounts ("Camat Poncokusumo").
        assert (p.nama, p.bupati_nama, p.batas_rerata, p.rpjmd_tahun_awal, p.rpjmd_ditetapkan, p.diubah_oleh) == (
            "Malang", "Bupati Malang", 120.0, None, None, None)
        assert daftar_predikat(s, p.kabupaten_id) == []


def test_the_kabupaten_changes_its_settings_in_one_audited_change(demo, hari):
    with session_scope(demo) as s:
        oleh = pengguna(s, peran="kabupaten", kabupaten="Malang")
        kab_id = kabupaten(s, nama="Malang").id
        ubah_pengaturan(s, kabupaten_id=kab_id, oleh=oleh, bupati_nama="  Drs. H.  M. Sanusi, M.M. ",
                        batas_rerata="150", rpjmd_tahun_awal="2025", rpjmd_ditetapkan="14 Agustus 2025")
    with session_scope(demo) as s:
        kab = s.get(Kabupaten, kab_id)
        assert (kab.bupati_nama, kab.batas_rerata) == ("Drs. H. M. Sanusi, M.M.", 150.0)
        assert rpjmd_kabupaten(s, [kab_id]) == {kab_id: {2025: date(2025, 8, 14)}}
        assert kab.diubah_oleh == oleh.id and kab.diubah_pada is not None
        assert baca_pengaturan(s, kab_id).diubah_oleh == oleh.nama
        [a] = _audit(s, "kabupaten.pengaturan")
        assert (a.username, a.objek, a.objek_id, a.keterangan) == ("kabupaten.malang", "kabupaten", kab_id,
                                                                    "Pengaturan Kabupaten Malang")
        assert a.sebelum == {"bupati_nama": "Bupati Malang", "batas_rerata": 120.0, "reviu_lkj": "sekcam",
                             "rpjmd": {}}
        assert a.sesudah == {"bupati_nama": "Drs. H. M. Sanusi, M.M.", "batas_rerata": 150.0, "reviu_lkj": "sekcam",
                             "rpjmd": {"2025": "2025-08-14"}}
        # The same values again change nothing and write no audit row.
        ubah_pengaturan(s, kabupaten_id=kab_id, oleh=oleh, bupati_nama="Drs. H. M. Sanusi, M.M.", batas_rerata="150,0",
                        rpjmd_tahun_awal=2025, rpjmd_ditetapkan="14/08/2025")
    with session_scope(demo) as s:
        assert len(_audit(s, "kabupaten.pengaturan")) == 1


def test_the_admin_changes_any_kabupaten(demo, hari):
    with session_scope(demo) as s:
        tjb = kabupaten(s, nama="Tanjung Jabung Barat").id
        ubah_pengaturan(s, kabupaten_id=tjb, oleh=pengguna(s, peran="admin"), batas_rerata=110)
    with session_scope(demo) as s:
        assert s.get(Kabupaten, tjb).batas_rerata == 110.0
        assert s.get(Kabupaten, kabupaten(s, nama="Malang").id).batas_rerata == 120.0
        assert [a.username for a in _audit(s, "kabupaten.pengaturan")] == ["admin"]


@pytest.mark.parametrize("isian, pesan", [
    ({"batas_rerata": "90"}, "Batas rata-rata capaian harus antara 100 dan 300 persen, bukan 90."),
    ({"batas_rerata": "300,5"}, "Batas rata-rata capaian harus antara 100 dan 300 persen, bukan 300,5."),
    ({"batas_rerata": "abc"}, 'Batas rata-rata capaian harus berupa angka persen, bukan "abc".'),
    ({"batas_rerata": ""}, "Batas rata-rata capaian wajib diisi (bawaan 120 persen)."),
    ({"rpjmd_tahun_awal": "2025", "rpjmd_ditetapkan": "31 Februari 2025"},
     'Tanggal penetapan RPJMD "31 Februari 2025" tidak dapat dibaca. Tanggal tidak dapat dibaca; tulis seperti '
     '15 Februari 2026 atau 15/02/2026.'),
    ({"rpjmd_tahun_awal": "25"}, 'Tahun awal RPJMD harus berupa tahun empat angka, mis. 2025, bukan "25".'),
    ({"rpjmd_tahun_awal": "2045"}, "Tahun awal RPJMD harus antara 2000 dan 2036, bukan 2045."),
    ({"rpjmd_ditetapkan": "14 Agustus 2025"}, "Isi tahun awal periode RPJMD yang ditetapkan pada tanggal itu."),
    ({"rpjmd_tahun_awal": "2025", "rpjmd_ditetapkan": "2 Mei 2026"},
     "Tanggal penetapan RPJMD (2 Mei 2026) belum tiba: isi setelah Perda RPJMD ditetapkan."),
    ({"rpjmd_tahun_awal": "2025", "rpjmd_ditetapkan": "1 Januari 2020"},
     "RPJMD periode 2025–2029 ditetapkan antara tahun 2024 dan 2026, bukan 1 Januari 2020."),
    ({"bupati_nama": "x" * 161}, "Nama Bupati paling panjang 160 karakter."),
])
def test_bad_settings_are_refused_with_their_reason_and_write_nothing(demo, hari, isian, pesan):
    sebelum, audit = sidik_basis_data(demo), _jumlah_audit(demo)
    with pytest.raises(Ditolak) as e:
        with session_scope(demo) as s:
            ubah_pengaturan(s, kabupaten_id=kabupaten(s, nama="Malang").id,
                            oleh=pengguna(s, peran="kabupaten", kabupaten="Malang"),
                            **({"bupati_nama": "Bupati Baru"} | isian))
    assert str(e.value) == pesan
    assert sidik_basis_data(demo) == sebelum and _jumlah_audit(demo) == audit


@pytest.mark.parametrize("peran, kabupaten_pengguna", [("camat", None), ("kabupaten", "Tanjung Jabung Barat")])
def test_an_office_or_another_kabupaten_may_not_change_the_settings_nor_the_bands(demo, hari, peran,
                                                                                  kabupaten_pengguna):
    sebelum, audit = sidik_basis_data(demo), _jumlah_audit(demo)
    for ubah in (lambda s, kab, u: ubah_pengaturan(s, kabupaten_id=kab, oleh=u, batas_rerata="150"),
                 lambda s, kab, u: atur_predikat(s, kabupaten_id=kab, oleh=u, berlaku_mulai=2027, pita=PITA_2027)):
        with pytest.raises(Ditolak) as e:
            with session_scope(demo) as s:
                u = pengguna(s, peran=peran, kabupaten=kabupaten_pengguna)
                ubah(s, kabupaten(s, nama="Malang").id, u)
        assert str(e.value) == PESAN_PERAN == ("Hanya Admin atau pengguna kabupaten ini yang dapat mengubah "
                                                "pengaturan kabupatennya.")
    assert sidik_basis_data(demo) == sebelum and _jumlah_audit(demo) == audit


# ---------------------------------------------------------------------- bands from a year on


def test_bands_from_2027_leave_2026_as_judged_and_judge_2027(demo, hari):
    with session_scope(demo) as s:
        kec = kantor(s).id
        kab_id = kabupaten(s, nama="Malang").id
        assert predikat(80, predikat_kabupaten(s, kec, 2026)).nama == "Baik"
        row = atur_predikat(s, kabupaten_id=kab_id, berlaku_mulai="2027", pita=PITA_2027,
                            oleh=pengguna(s, peran="kabupaten", kabupaten="Malang"))
        row_id = row.id
    with session_scope(demo) as s:
        assert predikat_kabupaten(s, kec, 2026) == PREDIKAT_BAKU
        assert predikat(80, predikat_kabupaten(s, kec, 2026)).nama == "Baik"
        pita = predikat_kabupaten(s, kec, 2027)
        assert [(p.nama, p.di_atas, p.warna) for p in pita] == [
            ("Tinggi", 85.0, "#0a7d32"), ("Sedang", 60.0, "#d4a72c"), ("Rendah", None, "#cf222e")]
        assert predikat(80, pita).nama == "Sedang" and predikat_kabupaten(s, kec, 2030) == pita
        [a] = _audit(s, "predikat.atur")
        assert (a.username, a.objek, a.objek_id) == ("kabupaten.malang", "predikat_kabupaten", row_id)
        assert a.sebelum == {"berlaku_mulai": None, "pita": [
            {"nama": p.nama, "di_atas": p.di_atas, "warna": p.warna} for p in PREDIKAT_BAKU]}
        assert a.sesudah == {"berlaku_mulai": 2027, "pita": [
            {"nama": "Tinggi", "di_atas": 85.0, "warna": "#0a7d32"}, {"nama": "Sedang", "di_atas": 60.0,
                                                                      "warna": "#d4a72c"},
            {"nama": "Rendah", "di_atas": None, "warna": "#cf222e"}]}
        # Replacing the set of 2027 changes the same row; the audit row's "before" is the set it replaces.
        atur_predikat(s, kabupaten_id=kab_id, berlaku_mulai=2027, oleh=pengguna(s, peran="admin"),
                      pita=[{"nama": "Memuaskan", "di_atas": "70"}, {"nama": "Belum memuaskan"}])
    with session_scope(demo) as s:
        assert [(r.id, r.berlaku_mulai) for r in s.exec(select(PredikatKabupaten)).all()] == [(row_id, 2027)]
        assert predikat(80, predikat_kabupaten(s, kec, 2027)).nama == "Memuaskan"
        assert predikat(80, predikat_kabupaten(s, kec, 2026)).nama == "Baik"
        akhir = _audit(s, "predikat.atur")[-1]
        assert akhir.sebelum["berlaku_mulai"] == 2027 and akhir.sebelum["pita"][0]["nama"] == "Tinggi"
        assert [p.berlaku_mulai for p in daftar_predikat(s, kab_id)] == [2027]


def test_two_sets_of_the_same_year_at_once_are_made_one_after_the_other(demo, hari):
    """The second waits for the first one's transaction, then replaces its set (the unique kabupaten and year
    would refuse a second insert), and its audit row's "before" is the first one's set."""
    hasil: dict[str, object] = {}

    def kedua() -> None:
        try:
            with session_scope(demo) as s:
                atur_predikat(s, kabupaten_id=kabupaten(s, nama="Malang").id, berlaku_mulai=2027,
                              pita=[{"nama": "Memuaskan", "di_atas": "70"}, {"nama": "Belum memuaskan"}],
                              oleh=pengguna(s, peran="admin"))
            hasil["kedua"] = "selesai"
        except Exception as e:  # reported by the assertion below
            hasil["kedua"] = e

    with session_scope(demo) as s:
        pengguna(s, peran="admin")
    with session_scope(demo) as s:
        atur_predikat(s, kabupaten_id=kabupaten(s, nama="Malang").id, berlaku_mulai=2027, pita=PITA_2027,
                      oleh=pengguna(s, peran="kabupaten", kabupaten="Malang"))
        benang = threading.Thread(target=kedua)
        benang.start()
        benang.join(timeout=1.0)
        assert benang.is_alive() and not hasil  # waiting for this transaction
    benang.join(timeout=30)
    assert hasil == {"kedua": "selesai"}
    with session_scope(demo) as s:
        [row] = s.exec(select(PredikatKabupaten)).all()
        assert [p["nama"] for p in row.pita] == ["Memuaskan", "Belum memuaskan"]
        assert [[p["nama"] for p in a.sebelum["pita"]] for a in _audit(s, "predikat.atur")] == [
            [p.nama for p in PREDIKAT_BAKU], ["Tinggi", "Sedang", "Rendah"]]


@pytest.mark.parametrize("tahun, pita, pesan", [
    (2025, PITA_2027, "Predikat hanya dapat diatur mulai tahun 2026 atau sesudahnya: tahun 2025 dan sebelumnya tetap "
                      "dinilai dengan predikat yang berlaku saat itu."),
    ("", PITA_2027, "Isi tahun mulai berlakunya predikat."),
    (2027, [{"nama": "Semua"}], "Isi sedikitnya 2 predikat: yang tertinggi dengan batas bawahnya, dan yang terendah "
                                "tanpa batas."),
    (2027, [{"nama": "Baik", "di_atas": "60"}, {"nama": " baik ", "di_atas": ""}],
     'Nama predikat "baik" dipakai dua kali: setiap predikat harus bernama lain.'),
    (2027, [{"nama": "", "di_atas": "60"}, {"nama": "Kurang"}], "Nama predikat ke-1 wajib diisi."),
    (2027, [{"nama": "A", "di_atas": "60"}, {"nama": "B", "di_atas": "70"}, {"nama": "C"}],
     'Batas predikat harus menurun: "B" (70) harus lebih rendah dari "A" (60).'),
    (2027, [{"nama": "A", "di_atas": "60"}, {"nama": "B", "di_atas": "60"}, {"nama": "C"}],
     'Batas predikat harus menurun: "B" (60) harus lebih rendah dari "A" (60).'),
    (2027, [{"nama": "A", "di_atas": "60"}, {"nama": "B", "di_atas": "10"}],
     'Predikat terendah "B" tidak memakai batas: ia mencakup semua capaian di bawah predikat di atasnya. '
     'Kosongkan batasnya.'),
    (2027, [{"nama": "A"}, {"nama": "B"}],
     'Batas predikat "A" wajib diisi: capaian di atas batas itu mendapat predikat ini.'),
    (2027, [{"nama": "A", "di_atas": "enam puluh"}, {"nama": "B"}],
     'Batas predikat "A" harus berupa angka persen, bukan "enam puluh".'),
    (2027, [{"nama": "A", "di_atas": "60", "warna": "hijau"}, {"nama": "B"}],
     'Warna predikat "A" harus kode heksadesimal seperti #1a7f37, bukan "hijau".'),
])
def test_bad_bands_are_refused_with_their_reason_and_write_nothing(demo, hari, tahun, pita, pesan):
    sebelum, audit = sidik_basis_data(demo), _jumlah_audit(demo)
    with pytest.raises(Ditolak) as e:
        with session_scope(demo) as s:
            atur_predikat(s, kabupaten_id=kabupaten(s, nama="Malang").id, berlaku_mulai=tahun, pita=pita,
                          oleh=pengguna(s, peran="kabupaten", kabupaten="Malang"))
    assert str(e.value) == pesan
    assert sidik_basis_data(demo) == sebelum and _jumlah_audit(demo) == audit


# ---------------------------------------------------------------------- the cap on Perbandingan


def _dua_capaian(s) -> int:
    """Poncokusumo's IKU-1 at 250 % and IKU-2 at 80 % in triwulan I 2026, both official; IKU-3 has no figure."""
    a = indikator(s, kode="IKU-1", target={2026: 40})
    b = indikator(s, kode="IKU-2", target={2026: 100})
    realisasi(s, indikator=a, tahun=2026, triwulan=1, pembilang="100", penyebut="100", status="resmi")
    realisasi(s, indikator=b, tahun=2026, triwulan=1, pembilang="80", penyebut="100", status="resmi")
    return kantor(s).id


def _rata(s, kec: int) -> tuple[float, float]:
    sar = Saringan(kecamatan_ids=[kec], kecamatan_id=None, tahun=2026, triwulan=1)
    t = capaian_peringkat(s, sar)
    baris = t.data.iloc[0]
    return float(baris["rata"]), float(baris["capaian_IKU-1"])


def test_an_offices_own_indicator_is_shown_but_not_averaged_nor_ranked(demo, hari):
    """Poncokusumo's own IKU-7 (a count no other office has) at 6 against its triwulan I target of 15 (the demo's
    Rencana Aksi), 40 %, official: its cell shows 40 %, but
    the average and rank across offices stay on the shared IKU, 100 as above, in Perbandingan, its trend and
    Beranda's table."""
    with session_scope(demo) as s:
        kec = _dua_capaian(s)
        iku7 = indikator(s, kode="IKU-7", target={2026: 30})
        assert iku7.kecamatan_id == kec
        realisasi(s, indikator=iku7, tahun=2026, triwulan=1, pembilang="6", status="resmi")
    with session_scope(demo) as s:
        sar = Saringan(kecamatan_ids=[kec], kecamatan_id=None, tahun=2026, triwulan=1)
        baris = capaian_peringkat(s, sar).data.iloc[0]
        assert (float(baris["capaian_IKU-7"]), float(baris["rata"])) == (40.0, 100.0)
        assert tren_kantor(s, sar)[kec][-1] == ("I/2026", 100.0)
        beranda = tabel_beranda_kabupaten(s, sar).data.iloc[0]
        assert (float(beranda["capaian_IKU-7"]), float(beranda["rata"])) == (40.0, 100.0)


def test_an_office_at_250_and_80_averages_100_under_the_cap_of_120_and_115_under_150(demo, hari, client, app):
    with session_scope(demo) as s:
        kec = _dua_capaian(s)
    with session_scope(demo) as s:
        assert batas_rerata(s, [kec]) == {kec: 120.0}
        assert _rata(s, kec) == (100.0, 250.0)  # the cell keeps its 250 %
        sar = Saringan(kecamatan_ids=[kec], kecamatan_id=None, tahun=2026, triwulan=1)
        assert tren_kantor(s, sar)[kec][-1] == ("I/2026", 100.0)
    masuk(client, "kabupaten.malang")
    client.get("/_dash-layout")
    periode = {"kecamatan": None, "tahun": 2026, "triwulan": 1}  # every Malang office
    teks = teks_jawaban(panggil(client, app, _kunci(app, "perbandingan", "tampil_capaian"), **periode))
    assert "Rata-rata dan peringkat atas IKU bersama kabupaten (IKU milik satu kantor ditampilkan, tidak dibandingkan): tiap capaian dihitung paling tinggi 120%" in teks

    r = panggil(client, app, _kunci(app, "pengaturan_kabupaten", "simpan"), kabupaten=None, bupati="",
                batas="150", awal="", ditetapkan="")
    assert ("Pengaturan Kabupaten Malang disimpan. Rata-rata capaian kini menghitung tiap capaian paling tinggi "
            "150%.") in teks_jawaban(r)
    with session_scope(demo) as s:
        assert _rata(s, kec) == (115.0, 250.0)
        assert tren_kantor(s, sar)[kec][-1] == ("I/2026", 115.0)
    r = panggil(client, app, _kunci(app, "perbandingan", "tampil_capaian"), **periode)
    teks = teks_jawaban(r)
    assert "Rata-rata dan peringkat atas IKU bersama kabupaten (IKU milik satu kantor ditampilkan, tidak dibandingkan): tiap capaian dihitung paling tinggi 150%" in teks
    assert "120%" not in teks
    # The downloads carry the cap in the average's header, and the capped average.
    for unduhan in ("pk-capaian", "beranda-kabupaten"):
        csv = client.get(f"/unduh/{unduhan}.csv?tahun=2026&triwulan=1").get_data(as_text=True)
        kepala, *baris = [[x.strip('"') for x in b.split(";")] for b in csv.lstrip("\ufeff").split("\r\n") if b]
        kolom = kepala.index("Rata-rata capaian (tiap capaian dihitung paling tinggi 150%) (%)")
        assert [b[kolom] for b in baris if b[0] == "Poncokusumo"] == ["115,00"], unduhan
    # The kabupaten's Beranda: the same average, with the same note.
    client.get("/")
    r = panggil(client, app, "beranda-isi.children", kecamatan=None, tahun=2026, triwulan=1)
    assert "Rata-rata capaian atas IKU bersama kabupaten: tiap capaian dihitung paling tinggi 150% (batas yang ditetapkan " \
           "kabupaten)." in teks_jawaban(r)
    tabel = tabel_jawaban(r, "tabel-perbandingan-kantor")
    rata = tabel[0].index("Rata-rata")
    assert [b[rata] for b in tabel if b[0] == "Poncokusumo"] == ["115,00%"]


# ---------------------------------------------------------------------- the calendar


def _renstra(s, hari_ini: date):
    return next(k for k in kewajiban_kantor(s, kantor(s).id, hari_ini=hari_ini) if k.kewajiban == "renstra")


def test_the_renstra_has_no_due_date_until_the_rpjmd_is_set_and_is_never_late_without_one(demo, client, app):
    with session_scope(demo) as s:
        k = _renstra(s, date(2026, 11, 1))
        assert (k.label, k.tenggat, k.status, k.status_label) == ("2025–2029", None, "tanpa_tenggat",
                                                                 "Tenggat belum ditetapkan")
        assert _renstra(s, date(2029, 12, 31)).status == "tanpa_tenggat"  # years on, still not late
        assert "renstra" not in {k.kewajiban for k in kewajiban_kantor(s, kantor(s).id, hari_ini=date(2026, 11, 1))
                                 if k.status in ("terlambat", "segera")}
    atur_hari_ini(date(2026, 11, 1))
    try:
        masuk(client, "camat.poncokusumo")
        client.get("/_dash-layout")
        baris = tabel_jawaban(panggil(client, app, _kunci(app, "kalender_sakip", "kantor"), tahun=2026),
                              "tabel-kewajiban-kantor")
        assert ["Rencana Strategis (Renstra)", "2025–2029", "1 Juli 2024", "belum ditetapkan",
                "Tenggat belum ditetapkan", "-"] in baris
    finally:
        atur_hari_ini(None)


def test_the_renstra_is_due_one_month_after_its_periods_rpjmd_was_set(demo, client, app):
    atur_hari_ini(date(2026, 11, 1))
    try:
        with session_scope(demo) as s:
            kab = kabupaten(s, nama="Malang")
            ubah_pengaturan(s, kabupaten_id=kab.id, oleh=pengguna(s, peran="kabupaten", kabupaten="Malang"),
                            rpjmd_tahun_awal=2025, rpjmd_ditetapkan="14 Agustus 2025")
        with session_scope(demo) as s:
            kal = kalender_kantor(s, kantor(s).id, tahun=(2024, 2026))
            j = next(j for j in jadwal_kabupaten(s, kabupaten(s, nama="Malang").id) if j.kewajiban == "renstra")
            kab = kabupaten(s, nama="Malang")
            rpjmd = rpjmd_kabupaten(s, [kab.id])[kab.id]
            assert jendela(j, 2025, None, kal, rpjmd) == (date(2024, 7, 1), date(2025, 9, 14))
            assert jendela(j, 2030, None, kal, rpjmd) == (date(2029, 7, 1), None)  # another period's RPJMD
            k = _renstra(s, date(2026, 11, 1))
            assert (k.tenggat, k.status) == (date(2025, 9, 14), "terlambat")
        masuk(client, "kabupaten.malang")
        client.get("/_dash-layout")
        baris = tabel_jawaban(panggil(client, app, _kunci(app, "kalender_sakip", "jadwal"), kabupaten=None),
                              "tabel-jadwal-sakip")
        assert ["Rencana Strategis (Renstra)", "Penyusunan Renstra", "tiap lima tahun", "1 Juli tahun sebelumnya",
                "1 bulan setelah RPJMD ditetapkan (RPJMD 2025–2029 ditetapkan 14 Agustus 2025)"] in baris
    finally:
        atur_hari_ini(None)


def test_recording_the_next_rpjmd_keeps_the_earlier_renstras_due_date(demo):
    """The 2030–2034 RPJMD set on 20 Juli 2030 dates the 2030 Renstra (20 Agustus 2030) and leaves the 2025 Renstra
    due on 14 September 2025, as it was judged; the settings show the latest; emptying 2030's date removes it."""
    atur_hari_ini(date(2030, 11, 1))
    try:
        with session_scope(demo) as s:
            kab = kabupaten(s, nama="Malang")
            oleh = pengguna(s, peran="kabupaten", kabupaten="Malang")
            ubah_pengaturan(s, kabupaten_id=kab.id, oleh=oleh, rpjmd_tahun_awal=2025,
                            rpjmd_ditetapkan="14 Agustus 2025")
            ubah_pengaturan(s, kabupaten_id=kab.id, oleh=oleh, rpjmd_tahun_awal=2030, rpjmd_ditetapkan="20 Juli 2030")
        with session_scope(demo) as s:
            kab = kabupaten(s, nama="Malang")
            rpjmd = rpjmd_kabupaten(s, [kab.id])[kab.id]
            assert (tenggat_renstra(2025, rpjmd), tenggat_renstra(2030, rpjmd)) == (date(2025, 9, 14),
                                                                                   date(2030, 8, 20))
            p = baca_pengaturan(s, kab.id)
            assert (p.rpjmd_tahun_awal, p.rpjmd_ditetapkan) == (2030, date(2030, 7, 20))
            ubah_pengaturan(s, kabupaten_id=kab.id, oleh=pengguna(s, peran="admin"), rpjmd_tahun_awal=2030,
                            rpjmd_ditetapkan="")
        with session_scope(demo) as s:
            kab = kabupaten(s, nama="Malang")
            assert rpjmd_kabupaten(s, [kab.id]) == {kab.id: {2025: date(2025, 8, 14)}}
            assert [a.sesudah["rpjmd"] for a in _audit(s, "kabupaten.pengaturan")] == [
                {"2025": "2025-08-14"}, {"2025": "2025-08-14", "2030": "2030-07-20"}, {"2025": "2025-08-14"}]
    finally:
        atur_hari_ini(None)


def test_the_renstras_due_date_is_not_set_on_the_calendar(demo):
    sebelum = sidik_basis_data(demo)
    with pytest.raises(Ditolak) as e:
        with session_scope(demo) as s:
            ubah_jadwal(s, kabupaten_id=kabupaten(s, nama="Malang").id, kewajiban="renstra", tenggat=(0, 3, 31),
                        oleh=pengguna(s, peran="kabupaten", kabupaten="Malang"))
    assert str(e.value) == PESAN_TENGGAT_RENSTRA
    assert sidik_basis_data(demo) == sebelum


def test_the_lkj_is_delivered_to_the_bupati_by_the_end_of_february_unless_the_kabupaten_sets_another_day(demo):
    with session_scope(demo) as s:
        kec = kantor(s).id
        k = next(k for k in kewajiban_kantor(s, kec, tahun=2026, hari_ini=date(2027, 1, 5))
                 if k.kewajiban == "pelaporan_kinerja")
        assert (k.mulai, k.tenggat) == (date(2027, 1, 1), date(2027, 2, 28))
        ubah_jadwal(s, kabupaten_id=kabupaten(s, nama="Malang").id, kewajiban="pelaporan_kinerja",
                    tenggat=(1, 2, 15), oleh=pengguna(s, peran="kabupaten", kabupaten="Malang"))
    with session_scope(demo) as s:
        k = next(k for k in kewajiban_kantor(s, kec, tahun=2026, hari_ini=date(2027, 1, 5))
                 if k.kewajiban == "pelaporan_kinerja")
        assert k.tenggat == date(2027, 2, 15)
        [a] = _audit(s, "jadwal_sakip.ubah")
        assert (a.sebelum["tenggat"], a.sesudah["tenggat"]) == ([1, 2, 29], [1, 2, 15])


# ---------------------------------------------------------------------- the page


def test_the_page_is_the_kabupatens_and_the_admins_only(demo, client, app):
    masuk(client, "camat.poncokusumo")
    assert client.get("/pengaturan-kabupaten").status_code == 403
    assert buka_halaman(client, "/pengaturan-kabupaten").status_code == 403
    sebelum = sidik_basis_data(demo)
    client.get("/_dash-layout")
    r = panggil(client, app, _kunci(app, "pengaturan_kabupaten", "simpan"), kabupaten=None, bupati="X",
                batas="150", awal="", ditetapkan="")
    assert r.status_code == 403
    r = panggil(client, app, _kunci(app, "pengaturan_kabupaten", "simpan_pita"), kabupaten=None, tahun=2030,
                nama=["A", "B"], ambang=["50", ""], warna=["", ""])
    assert r.status_code == 403
    assert sidik_basis_data(demo) == sebelum
    masuk(client, "kabupaten.malang")
    assert buka_halaman(client, "/pengaturan-kabupaten").status_code == 200


def test_the_page_fills_the_form_with_the_kabupatens_values_and_shows_refusals(demo, hari, client, app):
    with session_scope(demo) as s:
        ubah_pengaturan(s, kabupaten_id=kabupaten(s, nama="Malang").id,
                        oleh=pengguna(s, peran="kabupaten", kabupaten="Malang"), bupati_nama="Drs. H. M. Sanusi, M.M.",
                        batas_rerata="130,5", rpjmd_tahun_awal=2025, rpjmd_ditetapkan=date(2025, 8, 14))
        atur_predikat(s, kabupaten_id=kabupaten(s, nama="Malang").id, berlaku_mulai=2027, pita=PITA_2027,
                      oleh=pengguna(s, peran="kabupaten", kabupaten="Malang"),
                      pada=datetime(2026, 5, 1, 3, 0, tzinfo=timezone.utc))
    masuk(client, "kabupaten.malang")
    client.get("/_dash-layout")
    # A kabupaten user asking for another kabupaten reads their own.
    r = panggil(client, app, _kunci(app, "pengaturan_kabupaten", "isi"), kabupaten=str(999))
    jawaban = r.get_json()["response"]
    assert [jawaban[k]["value"] for k in ("pengaturan-bupati", "pengaturan-batas", "pengaturan-rpjmd-awal",
                                          "pengaturan-rpjmd-tanggal", "pita-tahun")] == [
        "Drs. H. M. Sanusi, M.M.", "130,5", 2025, "14 Agustus 2025", 2027]
    assert tabel_jawaban(r, "tabel-pita") == [
        ["Tahun dinilai", "Predikat (capaian %)", "Diatur oleh"],
        ["sampai 2026", "Sangat Baik > 90Baik > 75Cukup > 65Kurang > 50Sangat Kurang ≤ 50", "skala umum"],
        ["mulai 2027", "Tinggi > 85Sedang > 60Rendah ≤ 60", "Kabupaten Malang, 1 Mei 2026"]]
    r = panggil(client, app, _kunci(app, "pengaturan_kabupaten", "simpan_pita"), kabupaten=None, tahun="2025",
                nama=["A", "B"], ambang=["50", ""], warna=["", ""])
    assert ("Predikat hanya dapat diatur mulai tahun 2026 atau sesudahnya: tahun 2025 dan sebelumnya tetap dinilai "
            "dengan predikat yang berlaku saat itu.") in teks_jawaban(r)
    r = panggil(client, app, _kunci(app, "pengaturan_kabupaten", "simpan"), kabupaten=None, bupati="",
                batas="120", awal="2025", ditetapkan="31 Februari 2025")
    assert 'Tanggal penetapan RPJMD "31 Februari 2025" tidak dapat dibaca.' in teks_jawaban(r)
    with session_scope(demo) as s:
        assert s.get(Kabupaten, kabupaten(s, nama="Malang").id).batas_rerata == 130.5
        assert [a.keterangan for a in _audit(s, "aksi.ditolak")][-2:] == [
            "Predikat hanya dapat diatur mulai tahun 2026 atau sesudahnya: tahun 2025 dan sebelumnya tetap dinilai "
            "dengan predikat yang berlaku saat itu.",
            'Tanggal penetapan RPJMD "31 Februari 2025" tidak dapat dibaca. Tanggal tidak dapat dibaca; tulis seperti '
            '15 Februari 2026 atau 15/02/2026.']
    r = panggil(client, app, _kunci(app, "pengaturan_kabupaten", "simpan_pita"), kabupaten=None, tahun="2028",
                nama=["Baik", "Kurang", ""], ambang=["70", "", ""], warna=["", "", ""])
    assert "Predikat Kabupaten Malang mulai tahun 2028 disimpan (2 predikat)." in teks_jawaban(r)
