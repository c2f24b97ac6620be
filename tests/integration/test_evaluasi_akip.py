"""The Evaluasi AKIP of an office's year: opening on the LKE in force (frozen), the office's self-assessment, sending
it, the evaluator's column, the desk review, the final score and predicate, and a kabupaten's revised LKE."""
from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal

import pytest
from sqlmodel import select

from models.db import session_scope
from models.tables import AuditLog, EvaluasiAkip, JawabanLke, Lampiran, Lke
from models.tindak_lanjut import evaluasi_akip as ea
from models.tindak_lanjut.lke import baca_struktur, bulat, isi_bawaan
from models.umum.penolakan import Ditolak
from tests import lke_contoh
from tests.dash_util import sidik_basis_data
from tests.fabrik import kabupaten, kantor, pengguna

HARI = date(2026, 3, 10)
TAHUN = 2025
PDF = b"%PDF-1.4 bukti uji"


def _buka(s, kec: str = "Poncokusumo", peran: str = "kasubag_evapor") -> EvaluasiAkip:
    return ea.buka(s, kecamatan_id=kantor(s, nama=kec).id, tahun=TAHUN, oleh=pengguna(s, peran=peran, kecamatan=kec),
                   hari_ini=HARI)


def _isi_mandiri(s, ev: EvaluasiAkip, jawaban: dict[str, str] | None = None, peran: str = "kasubag_evapor") -> None:
    oleh = pengguna(s, peran=peran, kecamatan="Poncokusumo")
    for kode, j in (jawaban or lke_contoh.jawaban_mandiri()).items():
        ea.jawab_mandiri(s, evaluasi_id=ev.id, kode=kode, jawaban=j, catatan=f"Catatan {kode}", oleh=oleh)


def _isi_evaluator(s, ev: EvaluasiAkip, jawaban: dict[str, str] | None = None) -> None:
    oleh = pengguna(s, peran="evaluator", kabupaten="Malang")
    for kode, j in (jawaban or lke_contoh.jawaban_evaluator()).items():
        ea.jawab_evaluator(s, evaluasi_id=ev.id, kode=kode, jawaban=j, catatan=None, oleh=oleh)


def _sampai_reviu(demo) -> int:
    with session_scope(demo) as s:
        ev = _buka(s)
        _isi_mandiri(s, ev)
        ea.kirim(s, evaluasi_id=ev.id, oleh=pengguna(s, peran="sekcam", kecamatan="Poncokusumo"))
        return ev.id


def _ditolak(demo, fungsi, pesan: str, **kw) -> None:
    """The call is refused with exactly `pesan`, and the database is as it was."""
    sebelum = sidik_basis_data(demo)
    with pytest.raises(Ditolak) as e, session_scope(demo) as s:
        fungsi(s, **{k: (v(s) if callable(v) else v) for k, v in kw.items()})
    assert str(e.value) == pesan
    assert sidik_basis_data(demo) == sebelum


def test_the_hand_worked_lke_through_the_whole_workflow(demo):
    """Poncokusumo's Evaluasi AKIP 2025, every answer as in tests/lke_contoh.py:

    The office (Kasubag Evapor) answers Y on each Y/T criterion (1.1.1-1.1.7, 2.1.1-2.1.3, 3.1.1-3.1.6,
    4.1.1-4.1.3) and B on each A..E one; the evaluator answers
      1.1: T Y Y Y Y Y Y        1.2: A A B B B B C C C D   1.3: A B B B B C C C
      2.1: Y Y Y                2.2: A A A B B B C         2.3: B B B B C C C C D D
      3.1: Y Y Y Y T Y          3.2: A A A B B B C C C     3.3: B B B B B B B
      4.1: Y Y T                4.2: A B B C C             4.3: B B C C D
    By hand (sub-component = its points x the average value of its criteria):
      1.1 = 6 x 6/7 = 5,14; 1.2 = 9 x 6,75/10 = 6,08 (6,075); 1.3 = 15 x 5,5/8 = 10,31 (10,3125);
      komponen 1 = 5,142857 + 6,075 + 10,3125 = 21,53
      2.1 = 6; 2.2 = 9 x 5,75/7 = 7,39; 2.3 = 15 x 5,5/10 = 8,25; komponen 2 = 21,64
      3.1 = 3 x 5/6 = 2,50; 3.2 = 4,5 x 6,75/9 = 3,38 (3,375); 3.3 = 7,5 x 5,25/7 = 5,63 (5,625); komponen 3 = 11,50
      4.1 = 5 x 2/3 = 3,33; 4.2 = 7,5 x 3,5/5 = 5,25; 4.3 = 12,5 x 2,75/5 = 6,88 (6,875); komponen 4 = 15,46
      total = 21,530357 + 21,642857 + 11,5 + 15,458333 = 70,13: predikat BB (above 70 up to 80).
    The office's own: 24 + 24 + 12 + 20 = 80,00: BB (80 is not above 80).
    """
    assert len(lke_contoh.JAWABAN) == 80
    with session_scope(demo) as s:
        ev = _buka(s)
        assert (ev.status, ev.tahun, ev.lke["nama"]) == ("mandiri", TAHUN, "LKE PermenPAN-RB Nomor 88 Tahun 2021")
        _isi_mandiri(s, ev)
        ea.kirim(s, evaluasi_id=ev.id, oleh=pengguna(s, peran="kasubag_evapor", kecamatan="Poncokusumo"),
                 pada=datetime(2026, 2, 20, 3, tzinfo=timezone.utc))
        _isi_evaluator(s, ev)
        ea.finalkan(s, evaluasi_id=ev.id, temuan="Rencana aksi belum dipantau tiap triwulan.",
                    tanggal_lhe="9 Maret 2026", oleh=pengguna(s, peran="evaluator", kabupaten="Malang"), hari_ini=HARI)
        ev_id = ev.id
    with session_scope(demo) as s:
        ev = s.get(EvaluasiAkip, ev_id)
        evaluator = pengguna(s, peran="evaluator", kabupaten="Malang")
        assert (ev.status, ev.nilai, ev.predikat, ev.tanggal_lhe, ev.evaluator_id) == (
            "final", 70.13, "BB", date(2026, 3, 9), evaluator.id)
        assert ev.temuan == "Rencana aksi belum dipantau tiap triwulan." and ev.difinalkan_pada is not None
        assert ev.dikirim_pada == datetime(2026, 2, 20, 3) or ev.dikirim_pada.replace(tzinfo=None) == datetime(
            2026, 2, 20, 3)
        jawaban = ea.jawaban_evaluasi(s, ev.id)
        n = ea.nilai_evaluator(ea.struktur_evaluasi(ev), jawaban)
        assert {k: bulat(v) for k, v in n.sub.items()} == lke_contoh.SUB
        assert {k: bulat(v) for k, v in n.komponen.items()} == lke_contoh.KOMPONEN
        assert (bulat(n.total), n.predikat) == (lke_contoh.TOTAL, lke_contoh.PREDIKAT)
        m = ea.nilai_mandiri(ea.struktur_evaluasi(ev), jawaban)
        assert {k: bulat(v) for k, v in m.komponen.items()} == lke_contoh.KOMPONEN_MANDIRI
        assert (bulat(m.total), m.predikat) == (Decimal("80.00"), "BB")
        assert jawaban["2.2.4"].catatan_mandiri == "Catatan 2.2.4"
        aksi = [a.aksi for a in s.exec(select(AuditLog).where(AuditLog.aksi.startswith("evaluasi_akip.")))]
        assert aksi.count("evaluasi_akip.jawab_mandiri") == 80 and aksi.count("evaluasi_akip.jawab_evaluator") == 80
        assert [a for a in aksi if a not in ("evaluasi_akip.jawab_mandiri", "evaluasi_akip.jawab_evaluator")] == [
            "evaluasi_akip.buka", "evaluasi_akip.kirim", "evaluasi_akip.finalkan"]
        final = s.exec(select(AuditLog).where(AuditLog.aksi == "evaluasi_akip.finalkan")).one()
        assert final.sesudah["nilai"] == "70.13" and final.sesudah["komponen"] == {
            "1": "21.53", "2": "21.64", "3": "11.50", "4": "15.46"}
    # Final: nothing changes any more, for anyone.
    pesan = "Evaluasi AKIP 2025 Kecamatan Poncokusumo sudah final; jawaban dan nilainya tidak dapat diubah."
    _ditolak(demo, ea.jawab_evaluator, pesan, evaluasi_id=ev_id, kode="1.1.1", jawaban="Y", catatan=None,
             oleh=lambda s: pengguna(s, peran="evaluator", kabupaten="Malang"))
    _ditolak(demo, ea.jawab_mandiri, pesan, evaluasi_id=ev_id, kode="1.1.1", jawaban="Y", catatan=None,
             oleh=lambda s: pengguna(s, peran="kasubag_evapor", kecamatan="Poncokusumo"))


def test_who_may_open_and_what_is_refused(demo):
    kec = lambda s: kantor(s, nama="Poncokusumo").id  # noqa: E731
    pesan_buka = ("Evaluasi AKIP dibuka oleh evaluator Inspektorat kabupaten, atau oleh Sekretaris Camat atau "
                  "Kasubag Evapor kecamatan ini saat memulai penilaian mandiri.")
    for oleh in (lambda s: pengguna(s, peran="camat", kecamatan="Poncokusumo"),
                 lambda s: pengguna(s, peran="kabupaten", kabupaten="Malang"),
                 lambda s: pengguna(s, peran="kasubag_evapor", kecamatan="Kalipare")):
        _ditolak(demo, ea.buka, pesan_buka, kecamatan_id=kec, tahun=TAHUN, oleh=oleh, hari_ini=HARI)
    _ditolak(demo, ea.buka, "Hanya evaluator Inspektorat kabupaten kecamatan ini yang dapat mengisi kolom evaluator.",
             kecamatan_id=kec, tahun=TAHUN, oleh=lambda s: pengguna(s, peran="evaluator", kabupaten="Tanjung Jabung Barat"),
             hari_ini=HARI)
    for th, akhir in ((2027, " sebelum 1 Januari 2028."), (2026, " sebelum 1 Januari 2027."), (1999, ".")):
        _ditolak(demo, ea.buka, f"Evaluasi AKIP menilai tahun yang sudah berakhir; tahun {th} tidak dapat dibuka{akhir}",
                 kecamatan_id=kec, tahun=th, oleh=lambda s: pengguna(s, peran="sekcam", kecamatan="Poncokusumo"),
                 hari_ini=HARI)  # HARI is in 2026: its own year is still running
    with session_scope(demo) as s:  # the evaluator of the kabupaten opens it
        ev = ea.buka(s, kecamatan_id=kec(s), tahun=TAHUN, oleh=pengguna(s, peran="evaluator", kabupaten="Malang"),
                     hari_ini=HARI)
        assert ev.evaluator_id == pengguna(s, peran="evaluator", kabupaten="Malang").id
    _ditolak(demo, ea.buka, "Evaluasi AKIP 2025 Kecamatan Poncokusumo sudah dibuka.", kecamatan_id=kec, tahun=TAHUN,
             oleh=lambda s: pengguna(s, peran="sekcam", kecamatan="Poncokusumo"), hari_ini=HARI)


def test_the_self_assessment_is_the_offices_and_is_sent_only_complete(demo):
    with session_scope(demo) as s:
        ev_id = _buka(s).id
    pengisi = "Penilaian mandiri diisi oleh Sekretaris Camat atau Kasubag Evapor kecamatan ini; peran Anda tidak " \
              "dapat mengisinya."
    for oleh in (lambda s: pengguna(s, peran="camat", kecamatan="Poncokusumo"),
                 lambda s: pengguna(s, peran="kasubag_evapor", kecamatan="Kalipare"),
                 lambda s: pengguna(s, peran="evaluator", kabupaten="Malang"),
                 lambda s: pengguna(s, peran="kabupaten", kabupaten="Malang")):
        _ditolak(demo, ea.jawab_mandiri, pengisi, evaluasi_id=ev_id, kode="1.1.1", jawaban="Y", catatan="", oleh=oleh)
    evapor = lambda s: pengguna(s, peran="kasubag_evapor", kecamatan="Poncokusumo")  # noqa: E731
    _ditolak(demo, ea.jawab_mandiri, 'Jawaban "B" tidak ada pada skala Y/T.', evaluasi_id=ev_id, kode="1.1.1",
             jawaban="B", catatan="", oleh=evapor)
    _ditolak(demo, ea.jawab_mandiri, "Pilih jawaban mandiri kriteria 1.2.1 (A/B/C/D/E).", evaluasi_id=ev_id,
             kode="1.2.1", jawaban="", catatan="", oleh=evapor)
    _ditolak(demo, ea.jawab_mandiri, "Kriteria 9.9.9 tidak ada pada LKE evaluasi ini.", evaluasi_id=ev_id,
             kode="9.9.9", jawaban="Y", catatan="", oleh=evapor)
    _ditolak(demo, ea.jawab_evaluator, "Evaluasi AKIP 2025 Kecamatan Poncokusumo masih dalam penilaian mandiri; "
             "evaluator menilai setelah kecamatan mengirimkannya.", evaluasi_id=ev_id, kode="1.1.1", jawaban="Y",
             catatan="", oleh=lambda s: pengguna(s, peran="evaluator", kabupaten="Malang"))
    with session_scope(demo) as s:  # all but three criteria
        ev = s.get(EvaluasiAkip, ev_id)
        _isi_mandiri(s, ev, {k: v for k, v in lke_contoh.jawaban_mandiri().items()
                             if k not in ("1.1.1", "2.2.4", "4.3.5")})
    _ditolak(demo, ea.kirim, "Penilaian mandiri belum lengkap; kriteria yang belum dijawab: 1.1.1, 2.2.4, 4.3.5.",
             evaluasi_id=ev_id, oleh=evapor)
    with session_scope(demo) as s:
        _isi_mandiri(s, s.get(EvaluasiAkip, ev_id), {"1.1.1": "y", "2.2.4": "B", "4.3.5": "C"})
        j = ea.jawaban_evaluasi(s, ev_id)["1.1.1"]
        assert (j.mandiri, j.catatan_mandiri, j.mandiri_oleh) == ("Y", "Catatan 1.1.1", evapor(s).id)
    _ditolak(demo, ea.kirim, pengisi, evaluasi_id=ev_id, oleh=lambda s: pengguna(s, peran="camat",
                                                                                 kecamatan="Poncokusumo"))
    with session_scope(demo) as s:
        ea.kirim(s, evaluasi_id=ev_id, oleh=evapor(s))
        assert s.get(EvaluasiAkip, ev_id).status == "reviu"
    _ditolak(demo, ea.kirim, "Penilaian mandiri Evaluasi AKIP 2025 Kecamatan Poncokusumo sudah dikirim ke evaluator.",
             evaluasi_id=ev_id, oleh=evapor)
    _ditolak(demo, ea.jawab_mandiri, "Penilaian mandiri sudah dikirim ke evaluator; kriteria 1.1.1 hanya dapat "
             "dijawab lagi bila dikembalikan dengan pertanyaan.", evaluasi_id=ev_id, kode="1.1.1", jawaban="T",
             catatan="", oleh=evapor)


def test_a_proof_is_attached_to_the_criterion_by_whoever_may_answer_it(demo, tmp_path):
    with session_scope(demo) as s:
        ev_id = _buka(s).id
        x = ea.unggah_bukti(s, evaluasi_id=ev_id, kode="2.1.3", nama_berkas="SOP Pengumpulan Data.pdf", data=PDF,
                            oleh=pengguna(s, peran="sekcam", kecamatan="Poncokusumo"), folder=tmp_path)
        j = ea.jawaban_evaluasi(s, ev_id)["2.1.3"]
        assert (x.pemilik_jenis, x.pemilik_id, x.nama_berkas) == ("jawaban_lke", j.id, "SOP_Pengumpulan_Data.pdf")
        assert j.mandiri is None  # a proof before the answer
        assert [b.id for b in ea.bukti_evaluasi(s, ev_id)["2.1.3"]] == [x.id]
    _ditolak(demo, ea.unggah_bukti, "Penilaian mandiri diisi oleh Sekretaris Camat atau Kasubag Evapor kecamatan "
             "ini; peran Anda tidak dapat mengisinya.", evaluasi_id=ev_id, kode="2.1.3", nama_berkas="x.pdf", data=PDF,
             oleh=lambda s: pengguna(s, peran="evaluator", kabupaten="Malang"), folder=tmp_path)
    with session_scope(demo) as s:
        assert len(s.exec(select(Lampiran).where(Lampiran.pemilik_jenis == "jawaban_lke")).all()) == 1


def test_the_evaluators_column_is_the_kabupatens_evaluators_only(demo):
    ev_id = _sampai_reviu(demo)
    pesan = "Hanya evaluator Inspektorat kabupaten kecamatan ini yang dapat mengisi kolom evaluator."
    for oleh in (lambda s: pengguna(s, peran="kabupaten", kabupaten="Malang"),
                 lambda s: pengguna(s, peran="camat", kecamatan="Poncokusumo"),
                 lambda s: pengguna(s, peran="kasubag_evapor", kecamatan="Poncokusumo"),
                 lambda s: pengguna(s, peran="evaluator", kabupaten="Tanjung Jabung Barat")):
        _ditolak(demo, ea.jawab_evaluator, pesan, evaluasi_id=ev_id, kode="1.1.1", jawaban="Y", catatan="",
                 oleh=oleh)
        _ditolak(demo, ea.kembalikan, pesan, evaluasi_id=ev_id, kode="1.1.1", pertanyaan="Mana buktinya?", oleh=oleh)
        _ditolak(demo, ea.finalkan, pesan, evaluasi_id=ev_id, temuan="x", tanggal_lhe="9 Maret 2026", oleh=oleh,
                 hari_ini=HARI)
    evaluator = lambda s: pengguna(s, peran="evaluator", kabupaten="Malang")  # noqa: E731
    _ditolak(demo, ea.jawab_evaluator, 'Jawaban "Z" tidak ada pada skala A/B/C/D/E.', evaluasi_id=ev_id, kode="1.2.1",
             jawaban="Z", catatan="", oleh=evaluator)
    with session_scope(demo) as s:
        j = ea.jawab_evaluator(s, evaluasi_id=ev_id, kode="1.2.1", jawaban="c", catatan="Belum dipublikasikan.",
                               oleh=evaluator(s))
        assert (j.evaluator, j.catatan_evaluator, j.evaluator_oleh, j.mandiri) == (
            "C", "Belum dipublikasikan.", evaluator(s).id, "B")


def test_the_desk_review_sends_a_criterion_back_and_the_offices_answer_clears_it(demo):
    ev_id = _sampai_reviu(demo)
    evaluator = lambda s: pengguna(s, peran="evaluator", kabupaten="Malang")  # noqa: E731
    evapor = lambda s: pengguna(s, peran="kasubag_evapor", kecamatan="Poncokusumo")  # noqa: E731
    _ditolak(demo, ea.kembalikan, "Tulis pertanyaan untuk kecamatan sebelum mengembalikan kriteria.",
             evaluasi_id=ev_id, kode="2.2.4", pertanyaan="  ", oleh=evaluator)
    with session_scope(demo) as s:
        _isi_evaluator(s, s.get(EvaluasiAkip, ev_id))
        j = ea.kembalikan(s, evaluasi_id=ev_id, kode="2.2.4", pertanyaan="Lampirkan berita acara pengukuran TW IV.",
                          oleh=evaluator(s))
        assert (j.dikembalikan, j.pertanyaan) == (True, "Lampirkan berita acara pengukuran TW IV.")
        ea.kembalikan(s, evaluasi_id=ev_id, kode="1.1.1", pertanyaan="Pedoman teknis mana?", oleh=evaluator(s))
    _ditolak(demo, ea.finalkan, "Kriteria 1.1.1, 2.2.4 masih dikembalikan ke kecamatan; tunggu jawabannya sebelum "
             "memfinalkan.", evaluasi_id=ev_id, temuan="Temuan", tanggal_lhe="9 Maret 2026", oleh=evaluator,
             hari_ini=HARI)
    # The office answers the returned criterion, not another one.
    _ditolak(demo, ea.jawab_mandiri, "Penilaian mandiri sudah dikirim ke evaluator; kriteria 2.2.5 hanya dapat "
             "dijawab lagi bila dikembalikan dengan pertanyaan.", evaluasi_id=ev_id, kode="2.2.5", jawaban="A",
             catatan="", oleh=evapor)
    with session_scope(demo) as s:
        j = ea.jawab_mandiri(s, evaluasi_id=ev_id, kode="2.2.4", jawaban="A", catatan="Berita acara dilampirkan.",
                             oleh=evapor(s))
        assert (j.dikembalikan, j.mandiri, j.pertanyaan) == (False, "A", "Lampirkan berita acara pengukuran TW IV.")
        ea.jawab_mandiri(s, evaluasi_id=ev_id, kode="1.1.1", jawaban="T", catatan="Belum ada.", oleh=evapor(s))
        jawaban = ea.jawaban_evaluasi(s, ev_id)
        assert ea.dikembalikan(jawaban) == []
        # the office's new answers clear the evaluator's earlier ones on those criteria: to be judged again
        assert (jawaban["2.2.4"].evaluator, jawaban["1.1.1"].evaluator, jawaban["2.2.5"].evaluator) == (None, None, "B")
    _ditolak(demo, ea.finalkan, "Kolom evaluator belum lengkap; kriteria yang belum dijawab: 1.1.1, 2.2.4.",
             evaluasi_id=ev_id, temuan="Temuan", tanggal_lhe="9 Maret 2026", oleh=evaluator, hari_ini=HARI)
    with session_scope(demo) as s:
        for kode in ("1.1.1", "2.2.4"):
            ea.jawab_evaluator(s, evaluasi_id=ev_id, kode=kode, jawaban=lke_contoh.JAWABAN[kode][1], catatan=None,
                               oleh=evaluator(s))
    _ditolak(demo, ea.finalkan, "Temuan hasil evaluasi wajib diisi sebelum memfinalkan.", evaluasi_id=ev_id,
             temuan=" ", tanggal_lhe="9 Maret 2026", oleh=evaluator, hari_ini=HARI)
    _ditolak(demo, ea.finalkan, "Tanggal LHE (11 Maret 2026) tidak boleh setelah hari ini.", evaluasi_id=ev_id,
             temuan="Temuan", tanggal_lhe="11 Maret 2026", oleh=evaluator, hari_ini=HARI)
    _ditolak(demo, ea.finalkan, "Tanggal LHE (31 Desember 2024) tidak boleh sebelum tahun yang dievaluasi (2025).",
             evaluasi_id=ev_id, temuan="Temuan", tanggal_lhe="31 Desember 2024", oleh=evaluator, hari_ini=HARI)
    with session_scope(demo) as s:
        ev = ea.finalkan(s, evaluasi_id=ev_id, temuan="Temuan", tanggal_lhe=date(2026, 3, 10), oleh=evaluator(s),
                         hari_ini=HARI)
        assert (ev.status, ev.nilai, ev.predikat) == ("final", 70.13, "BB")  # the evaluator's answers decide


def test_final_needs_every_criterion_answered_by_the_evaluator(demo):
    ev_id = _sampai_reviu(demo)
    with session_scope(demo) as s:
        _isi_evaluator(s, s.get(EvaluasiAkip, ev_id), {k: v for k, v in lke_contoh.jawaban_evaluator().items()
                                                        if not k.startswith("3.2.")})
    _ditolak(demo, ea.finalkan, "Kolom evaluator belum lengkap; kriteria yang belum dijawab: 3.2.1, 3.2.2, 3.2.3, "
             "3.2.4, 3.2.5, 3.2.6, 3.2.7, 3.2.8, 3.2.9.", evaluasi_id=ev_id, temuan="Temuan",
             tanggal_lhe="9 Maret 2026", oleh=lambda s: pengguna(s, peran="evaluator", kabupaten="Malang"),
             hari_ini=HARI)
    with session_scope(demo) as s:
        ev = s.get(EvaluasiAkip, ev_id)
        assert (ev.status, ev.nilai, ev.predikat) == ("reviu", None, None)
        acts = {t.aksi: (t.boleh, t.alasan) for t in ea.tindakan_evaluasi(s, ev, pengguna(s, peran="evaluator",
                                                                                           kabupaten="Malang"))}
        assert acts["finalkan"][0] is False and acts["jawab_evaluator"] == (True, None)
        acts = {t.aksi: t.boleh for t in ea.tindakan_evaluasi(s, ev, pengguna(s, peran="sekcam",
                                                                               kecamatan="Poncokusumo"))}
        assert acts == {"jawab_mandiri": True, "jawab_evaluator": False, "kembalikan": False, "finalkan": False}


def _toml(nama: str, kriteria_1_1: int) -> bytes:
    isi = isi_bawaan()
    isi["nama"] = nama
    isi["komponen"][0]["sub"][0]["kriteria"] = isi["komponen"][0]["sub"][0]["kriteria"][:kriteria_1_1]
    baris = [f'nama = "{nama}"']
    for km in isi["komponen"]:
        baris += ["", "[[komponen]]", f'kode = "{km["kode"]}"', f'nama = "{km["nama"]}"', f'bobot = {km["bobot"]}']
        for sb in km["sub"]:
            kr = ", ".join('"' + k.replace('"', "'") + '"' for k in sb["kriteria"])
            baris += ["", "[[komponen.sub]]", f'kode = "{sb["kode"]}"', f'nama = "{sb["nama"]}"',
                      f'persen = {sb["persen"]}', f'skala = "{sb["skala"]}"', f"kriteria = [{kr}]"]
    return "\n".join(baris).encode()


def test_a_kabupaten_adopts_a_revised_lke_and_an_opened_evaluation_keeps_its_own(demo):
    with session_scope(demo) as s:
        lama = _buka(s)  # opened on the regulation's LKE
        assert len(ea.struktur_evaluasi(lama).kriteria()) == 80
        lke = ea.adopsi_lke(s, kabupaten_id=kabupaten(s, nama="Malang").id, berlaku_mulai=2025,
                            nama_berkas="lke-2025.toml", data=_toml("LKE Kabupaten Malang 2025", 5),
                            oleh=pengguna(s, peran="evaluator", kabupaten="Malang"), hari_ini=HARI)
        assert (lke.nama, lke.berlaku_mulai) == ("LKE Kabupaten Malang 2025", 2025)
        lama_id = lama.id
    with session_scope(demo) as s:
        assert len(ea.struktur_evaluasi(s.get(EvaluasiAkip, lama_id)).kriteria()) == 80
        baru = _buka(s, kec="Kalipare")
        assert baru.lke["nama"] == "LKE Kabupaten Malang 2025" and len(ea.struktur_evaluasi(baru).kriteria()) == 78
        assert [r.berlaku_mulai for r in ea.daftar_lke(s, kabupaten(s, nama="Malang").id)] == [2025]
        a = s.exec(select(AuditLog).where(AuditLog.aksi == "lke.adopsi")).one()
        assert a.sesudah == {"kabupaten": "Malang", "berlaku_mulai": 2025, "nama": "LKE Kabupaten Malang 2025",
                             "kriteria": 78}
    kab = lambda s: kabupaten(s, nama="Malang").id  # noqa: E731
    kab_user = lambda s: pengguna(s, peran="kabupaten", kabupaten="Malang")  # noqa: E731
    _ditolak(demo, ea.adopsi_lke, "LKE kabupaten ditetapkan oleh pengguna kabupaten atau evaluator Inspektorat "
             "kabupaten itu.", kabupaten_id=kab, berlaku_mulai=2026, nama_berkas="a.toml", data=_toml("X", 7),
             oleh=lambda s: pengguna(s, peran="camat", kecamatan="Poncokusumo"), hari_ini=HARI)
    _ditolak(demo, ea.adopsi_lke, "LKE kabupaten ditetapkan oleh pengguna kabupaten atau evaluator Inspektorat "
             "kabupaten itu.", kabupaten_id=kab, berlaku_mulai=2026, nama_berkas="a.toml", data=_toml("X", 7),
             oleh=lambda s: pengguna(s, peran="evaluator", kabupaten="Tanjung Jabung Barat"), hari_ini=HARI)
    _ditolak(demo, ea.adopsi_lke, "lke.xlsx: LKE diunggah sebagai berkas .toml dengan bentuk seed/lke.toml.",
             kabupaten_id=kab, berlaku_mulai=2026, nama_berkas="lke.xlsx", data=b"PK\x03\x04", oleh=kab_user,
             hari_ini=HARI)
    rusak = _toml("Rusak", 7).replace(b"bobot = 25", b"bobot = 20")
    _ditolak(demo, ea.adopsi_lke, "LKE tidak sah: bobot komponen berjumlah 95, bukan 100.", kabupaten_id=kab,
             berlaku_mulai=2026, nama_berkas="rusak.toml", data=rusak, oleh=kab_user, hari_ini=HARI)
    _ditolak(demo, ea.adopsi_lke, "Tahun mulai berlaku LKE harus antara 2000 dan 2027, bukan 2030.", kabupaten_id=kab,
             berlaku_mulai=2030, nama_berkas="a.toml", data=_toml("X", 7), oleh=kab_user, hari_ini=HARI)
    with session_scope(demo) as s:  # the same year again replaces that year's
        ea.adopsi_lke(s, kabupaten_id=kab(s), berlaku_mulai=2025, nama_berkas="lke.toml", data=_toml("Revisi", 6),
                      oleh=kab_user(s), hari_ini=HARI)
        [row] = s.exec(select(Lke)).all()
        assert (row.nama, len(baca_struktur(row.isi).kriteria())) == ("Revisi", 79)
        assert s.exec(select(JawabanLke)).all() == []


def test_an_answer_after_a_final_made_meanwhile_is_refused_and_the_frozen_score_stands(demo):
    """Both read the evaluation in reviu; the evaluator's colleague finalises and commits; the late answer finds
    the evaluation no longer in reviu and writes nothing, so the frozen score is the one its answers give."""
    ev_id = _sampai_reviu(demo)
    with session_scope(demo) as s:
        _isi_evaluator(s, s.get(EvaluasiAkip, ev_id))
    with session_scope(demo) as s1, session_scope(demo) as s2:
        satu, dua = s1.get(EvaluasiAkip, ev_id), s2.get(EvaluasiAkip, ev_id)
        assert satu.status == dua.status == "reviu"
        evaluator1 = pengguna(s1, peran="evaluator", kabupaten="Malang")
        evaluator2 = pengguna(s2, peran="evaluator", kabupaten="Malang")
        s1.commit()
        s2.commit()
        satu, dua = s1.get(EvaluasiAkip, ev_id), s2.get(EvaluasiAkip, ev_id)  # both read in reviu
        ea.finalkan(s1, evaluasi_id=ev_id, temuan="Temuan", tanggal_lhe=HARI, oleh=evaluator1, hari_ini=HARI)
        s1.commit()
        with pytest.raises(Ditolak) as e:
            ea.jawab_evaluator(s2, evaluasi_id=ev_id, kode="1.1.1", jawaban="Y", catatan="Terlambat.", oleh=evaluator2)
        assert str(e.value) == "Evaluasi AKIP ini baru saja diubah orang lain; muat ulang halaman."
        s2.rollback()
    with session_scope(demo) as s:
        ev = s.get(EvaluasiAkip, ev_id)
        assert (ev.status, ev.nilai, ev.predikat) == ("final", 70.13, "BB")
        assert ea.jawaban_evaluasi(s, ev_id)["1.1.1"].evaluator == "T"


def test_two_openings_at_once_make_one_evaluation(demo):
    with session_scope(demo) as s1, session_scope(demo) as s2:
        evapor, sekcam = (pengguna(s1, peran="kasubag_evapor", kecamatan="Poncokusumo"),
                          pengguna(s2, peran="sekcam", kecamatan="Poncokusumo"))
        s1.commit()
        s2.commit()
        assert ea.evaluasi_kantor(s2, evapor.kecamatan_id, TAHUN) is None  # both see none
        ea.buka(s1, kecamatan_id=evapor.kecamatan_id, tahun=TAHUN, oleh=evapor, hari_ini=HARI)
        s1.commit()
        with pytest.raises(Ditolak) as e:
            ea.buka(s2, kecamatan_id=sekcam.kecamatan_id, tahun=TAHUN, oleh=sekcam, hari_ini=HARI)
        assert str(e.value) == "Evaluasi AKIP 2025 Kecamatan Poncokusumo sudah dibuka."
        s2.rollback()
    with session_scope(demo) as s:
        assert len(s.exec(select(EvaluasiAkip)).all()) == 1
