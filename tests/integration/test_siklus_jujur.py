"""Waktu Siklus says what it can measure: a step whose mutu baku is 0 sets no standard (never the bottleneck, not
counted within or over it), a period with nothing finished says so, the page opens on an SOP that ran, and steps the
SOP numbers again from 1 are told apart by their order."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from dashboard.components.siklus import isi
from models.dasbor.kueri import Saringan, sop_terbanyak
from models.dasbor.laporan import tabel_langkah
from models.db import session_scope
from models.sop.alur import catatan_terbuka, putuskan, selesaikan
from models.sop.siklus import analisis
from models.tables import Kecamatan, SopLangkah
from models.tindak_lanjut.evaluasi import catat_evaluasi
from tests.fabrik import kantor, pekerjaan, pengguna, sop

T = datetime(2026, 10, 26, 1, 0, tzinfo=timezone.utc)  # Monday 08:00 WIB
KUNCI = "evaluasi data kinerja"


def _teks(k) -> str:
    if isinstance(k, str):
        return k
    if isinstance(k, (list, tuple)):
        return " ".join(_teks(x) for x in k)
    anak = getattr(k, "children", None)
    return _teks(anak) if anak is not None else ""


def _evaluasi_selesai(s, kec: Kecamatan) -> None:
    """Poncokusumo's Evaluasi Data Kinerja of triwulan III 2026, each step taking 30 working minutes (step 4, whose
    mutu baku is "0", too), all on one Monday morning."""
    ev = catat_evaluasi(s, kecamatan_id=kec.id, jenis="evaluasi", tahun=2026, triwulan=3, tanggal=date(2026, 10, 26),
                        peserta="Tim", temuan="IKU-3 di bawah target.", oleh=pengguna(s, peran="tim"), pada=T)
    t = T
    while (rec := catatan_terbuka(s, ev.eksekusi_id)) is not None:
        t += timedelta(minutes=30)
        oleh = pengguna(s, peran="kasi_pem" if rec.role_kode == "kasi_terkait" else rec.role_kode)
        if s.get(SopLangkah, rec.langkah_id).keputusan:
            putuskan(s, catatan_id=rec.id, setuju=True, oleh=oleh, pada=t)
        else:
            selesaikan(s, catatan_id=rec.id, oleh=oleh, pada=t)


def test_a_zero_standard_is_no_standard_and_repeated_numbers_are_told_apart(demo):
    with session_scope(demo) as s:
        kec = kantor(s)
        _evaluasi_selesai(s, kec)
        a = analisis(s, kecamatan_ids=[kec.id], sop_kunci=KUNCI, tahun=2026)
        nol = next(x for x in a.langkah if x.urutan == 4)
        assert (nol.no, nol.mutu_baku, nol.n, nol.median, nol.dalam_baku, nol.hambatan) == ("2", 0, 1, 30.0, None,
                                                                                             False)
        # Every step took 30 minutes: the bottleneck is the step furthest over its standard, step 7 (5 minutes).
        assert [x.urutan for x in a.langkah if x.hambatan] == [9]
        tabel = tabel_langkah(a)
        assert [k.nama for k in tabel.kolom[:3]] == ["Urutan", "Langkah", "Kegiatan"]
        assert list(tabel.data["urutan"]) == list(range(1, 10)) and list(tabel.data["no"][:4]) == ["1", "2", "1", "2"]
        assert tabel.data["mutu_baku"].isna().tolist() == [False, False, False, True] + [False] * 5
        halaman, _ = isi(s, Saringan(kecamatan_ids=[kec.id], kecamatan_id=kec.id, tahun=2026, triwulan=0, sop=KUNCI), 480)
        teks = _teks(halaman)
        # 8 visits with a standard; only step 2 (1 jam) took no longer than it: 1 of 8, step 4 not counted.
        assert "1 dari 8 kunjungan langkah" in teks and "Langkah 7" in teks


def test_a_period_with_nothing_finished_says_there_is_nothing_to_measure(demo):
    with session_scope(demo) as s:
        kec = kantor(s)
        halaman, _ = isi(s, Saringan(kecamatan_ids=[kec.id], kecamatan_id=kec.id, tahun=2026, triwulan=0, sop=KUNCI), 480)
        teks = _teks(halaman)
        assert "Belum ada langkah yang selesai pada periode ini; belum ada yang dapat diukur." in teks
        assert "Median setiap langkah dalam mutu baku." not in teks


def test_the_page_opens_on_an_sop_that_ran(demo):
    with session_scope(demo) as s:
        kec = kantor(s, nama="Karangploso")
        assert sop_terbanyak(s, [kec.id], 2026) is None
        pekerjaan(s, sop="Pelaporan Kinerja", kecamatan=kec.nama, judul="Pelaporan Kinerja 2026", tahun=2026,
                  pada=T)  # by the Camat
        assert sop_terbanyak(s, [kec.id], 2026) == sop(s, nama="Pelaporan Kinerja", kecamatan=kec.nama).kunci


def test_a_waiting_step_without_a_standard_is_never_overdue(demo):
    from models.dasbor.kueri import antrian_terbuka

    with session_scope(demo) as s:
        kec = kantor(s)
        ev = catat_evaluasi(s, kecamatan_id=kec.id, jenis="evaluasi", tahun=2026, triwulan=3,
                            tanggal=date(2026, 10, 26), peserta="Tim", temuan="IKU-3 di bawah target.",
                            oleh=pengguna(s, peran="tim"), pada=T)
        while s.get(SopLangkah, (rec := catatan_terbuka(s, ev.eksekusi_id)).langkah_id).waktu_menit > 0:
            selesaikan(s, catatan_id=rec.id, oleh=pengguna(s, peran=rec.role_kode), pada=T)
        df = antrian_terbuka(s, kecamatan_ids=[kec.id])
        baris = df.set_index("catatan_id").loc[rec.id]
        assert (baris["mutu_baku"], bool(baris["terlambat"])) == (0, False)  # waiting since October: no standard
