"""Demo Evaluasi AKIP of an office's history (seed.riwayat calls `evaluasi_akip_kantor` once per office, after its
Perjanjian Kinerja): the kabupaten Inspektorat's evaluation of the last full year on the LKE in force, answered by
the office (self-assessment) and by the evaluator, final, with its findings, the LHE's date and, for Malang, the
predicate released; then two or three recommendations of the LHE in follow-up (some already handed in, checked or
done). The answers differ per office (its own random source) and the evaluator's total falls between about 55 and
80; the frozen score and predicate are lke.hitung_nilai's. Where the office's records propose an answer
(models.tindak_lanjut.bukti_lke) the self-assessment takes it, and the evaluator mostly agrees.

The evaluator is the kabupaten's "inspektorat.<kabupaten>" user (Evaluator Inspektorat), made here only if the
demo does not have it yet. Synthetic offices (seed.sintetis) get none.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from sqlmodel import Session, select
from werkzeug.security import generate_password_hash

from models.akun.pengguna import KATA_SANDI_DEMO
from models.tables import EvaluasiAkip, JawabanLke, Kabupaten, User
from models.tindak_lanjut.bukti_lke import usulan_kantor
from models.tindak_lanjut.lhe import FINAL, RekomendasiBaruLhe, rekomendasi_lhe
from models.tindak_lanjut.lke import baca_struktur, bulat, hitung_nilai, lke_berlaku
from models.tindak_lanjut.rekomendasi import akui, mulai_tindak_lanjut, periksa, serahkan
from models.umum.audit import catat
from seed.demo import AWALAN_SINTETIS, nama_login

RILIS = frozenset({"Malang"})  # kabupaten whose demo predicates are released (public)
HURUF = ("E", "D", "C", "B", "A")  # A..E from worst to best
# A weak sub-component's finding and the LHE's recommendation for it (text, responsible role, days to its due date).
SARAN: dict[str, tuple[str, str, str, int]] = {
    "1.1": ("Dokumen perencanaan belum lengkap di seluruh unit kerja.",
            "Lengkapi dokumen perencanaan aktivitas dan anggaran setiap seksi dan tetapkan dengan keputusan Camat.",
            "sekcam", 90),
    "1.2": ("Perjanjian kinerja berjenjang belum seluruhnya selaras dengan sasaran Camat.",
            "Selaraskan indikator Perjanjian Kinerja Sekretaris Camat dan Kasi dengan sasaran Camat (cascading).",
            "sekcam", 60),
    "1.3": ("Rencana aksi belum dipantau setiap triwulan dan belum menjadi dasar perbaikan.",
            "Pantau capaian Rencana Aksi setiap triwulan dalam rapat pimpinan dan catat tindak lanjutnya.",
            "sekcam", 90),
    "2.1": ("Definisi operasional dan cara pengumpulan data sebagian IKU belum jelas.",
            "Lengkapi definisi operasional IKU dan SOP pengumpulan data untuk setiap IKU.", "kasubag_evapor", 60),
    "2.2": ("Pengukuran kinerja triwulanan belum selalu selesai tepat waktu.",
            "Selesaikan Pengukuran Kinerja setiap triwulan paling lambat tenggat kalender SAKIP.", "kasubag_evapor",
            120),
    "2.3": ("Hasil pengukuran kinerja belum dimanfaatkan untuk penyesuaian kegiatan dan anggaran.",
            "Gunakan hasil pengukuran kinerja sebagai dasar penyesuaian kegiatan dan anggaran pada perubahan DPA.",
            "camat", 150),
    "3.1": ("Laporan Kinerja belum direviu dan dipublikasikan tepat waktu.",
            "Reviu dan publikasikan Laporan Kinerja sebelum tenggat penyampaian kepada Bupati.", "sekcam", 120),
    "3.2": ("Laporan Kinerja belum menyajikan perbandingan dengan tahun sebelumnya dan analisis efisiensi.",
            "Sajikan perbandingan capaian lima tahun, target Renstra dan efisiensi anggaran pada Bab III LKj.",
            "kasubag_evapor", 120),
    "3.3": ("Informasi Laporan Kinerja belum digunakan dalam perencanaan berikutnya.",
            "Bahas simpulan Laporan Kinerja dalam penyusunan Renja dan Perjanjian Kinerja tahun berikutnya.",
            "camat", 150),
    "4.1": ("Evaluasi internal belum dilaksanakan pada seluruh triwulan.",
            "Laksanakan evaluasi kinerja internal setiap triwulan dengan berita acara.", "sekcam", 60),
    "4.2": ("Evaluasi internal belum didukung SDM yang memadai.",
            "Tetapkan Tim Akuntabilitas Kinerja dengan keputusan Camat dan ikutkan anggotanya bimbingan teknis.",
            "camat", 90),
    "4.3": ("Sebagian rekomendasi evaluasi internal belum ditindaklanjuti sampai selesai.",
            "Tuntaskan rekomendasi evaluasi internal yang terlambat dan laporkan buktinya kepada Camat.", "sekcam",
            60),
}
URAIAN_TL = "Telah dibahas dalam rapat pimpinan; bukti dilampirkan."


def pastikan_evaluator(s: Session, kab: Kabupaten) -> User:
    """The kabupaten's demo evaluator ("inspektorat.malang", role evaluator), made only if it does not exist yet."""
    username = f"inspektorat.{nama_login(kab.nama)}"
    ada = s.exec(select(User).where(User.username == username)).first()
    if ada is not None:
        return ada
    u = User(username=username, nama=f"Inspektorat Kabupaten {kab.nama}", role_kode="evaluator",
             kabupaten_id=kab.id, password_hash=generate_password_hash(KATA_SANDI_DEMO),
             jabatan=f"Inspektur Kabupaten {kab.nama}")
    s.add(u)
    s.flush()
    catat(s, aksi="pengguna.buat", objek="pengguna", objek_id=u.id, sesudah={"username": username,
                                                                             "role": "evaluator"})
    return u


def _huruf(rng: Any, mutu: float) -> str:
    """An A..E answer around the office's quality (0..1)."""
    x = min(0.999, max(0.0, rng.gauss(mutu, 0.18)))
    return HURUF[int(x * 5)]


def _jawab(rng: Any, struktur: Any, mutu: float, usulan: dict) -> dict[str, str]:
    """The evaluator's answers: the records' proposal mostly where there is one, else drawn around `mutu`."""
    hasil = {}
    for k in struktur.kriteria():
        u = usulan.get(k.kode)
        if u is not None and u.jawaban and rng.random() < 0.7:
            hasil[k.kode] = u.jawaban
        elif k.skala == "YT":
            hasil[k.kode] = "Y" if rng.random() < mutu + 0.12 else "T"
        else:
            hasil[k.kode] = _huruf(rng, mutu)
    return hasil


def _lebih_baik(j: str) -> str:
    """A self-assessment a grade more generous than the evaluator's."""
    if j in ("Y", "T"):
        return "Y"
    return HURUF[min(4, HURUF.index(j) + 1)]


def evaluasi_akip_kantor(k: Any) -> EvaluasiAkip | None:
    """The Evaluasi AKIP of the last full year of one office of the history `k` (a seed.riwayat.KantorRiwayat)."""
    s, kec, rng = k.s, k.kec, k.rng
    kab = s.get(Kabupaten, kec.kabupaten_id)
    if kab.nama.startswith(AWALAN_SINTETIS + " "):
        return None
    tahun = k.hari_ini.year - 1
    if tahun not in k.tahun:
        return None
    ada = s.exec(select(EvaluasiAkip).where(EvaluasiAkip.kecamatan_id == kec.id)
                 .where(EvaluasiAkip.tahun == tahun)).first()
    if ada is not None:
        return ada
    evaluator = pastikan_evaluator(s, kab)
    pengisi = k.pengguna.get("sekcam")
    isi, _ = lke_berlaku(s, kec.id, tahun)
    struktur = baca_struktur(isi)
    usulan = usulan_kantor(s, kec.id, tahun, struktur)
    # The evaluator's answers: an office of its own quality, drawn again until its total reads between 55 and 80.
    mutu = rng.uniform(0.5, 0.75)
    for _ in range(40):
        jawaban = _jawab(rng, struktur, mutu, usulan)
        nilai = hitung_nilai(struktur, jawaban)
        assert nilai.total is not None
        if 55 <= nilai.total <= 80:
            break
        mutu += 0.04 if nilai.total < 55 else -0.04
    # Its dates: the self-assessment sent in February, the LHE in April, released some days after (Malang).
    kirim = k._lokal(date(tahun + 1, 2, 10) + timedelta(days=rng.randint(0, 14)), 9)
    tanggal_lhe = date(tahun + 1, 4, 7) + timedelta(days=rng.randint(0, 20))
    final = k._lokal(tanggal_lhe, 14)
    if final >= k.batas:
        return None
    lemah = sorted((sub for km in struktur.komponen for sub in km.sub),
                   key=lambda sub: (nilai.sub[sub.kode] or 0) / sub.bobot)[:3]
    temuan = " ".join(SARAN[sub.kode][0] for sub in lemah if sub.kode in SARAN)
    ev = EvaluasiAkip(kecamatan_id=kec.id, tahun=tahun, lke=isi, status=FINAL, dikirim_oleh=pengisi.id,
                      dikirim_pada=kirim, evaluator_id=evaluator.id, nilai=float(bulat(nilai.total)),
                      predikat=nilai.predikat, temuan=temuan or None, tanggal_lhe=tanggal_lhe, difinalkan_pada=final,
                      dibuat_pada=kirim - timedelta(days=10))
    rilis = final + timedelta(days=rng.randint(3, 10))
    if kab.nama in RILIS and rilis < k.batas:
        ev.dirilis_oleh, ev.dirilis_pada = evaluator.id, rilis
    s.add(ev)
    s.flush()
    dinilai = kirim + timedelta(days=rng.randint(20, 40))
    for kode, j in jawaban.items():
        u = usulan.get(kode)
        mandiri = u.jawaban if u is not None and u.jawaban else _lebih_baik(j) if rng.random() < 0.4 else j
        s.add(JawabanLke(evaluasi_akip_id=ev.id, kode=kode, mandiri=mandiri,
                         catatan_mandiri=u.alasan if u is not None else None, mandiri_oleh=pengisi.id,
                         mandiri_pada=kirim - timedelta(days=2), evaluator=j,
                         catatan_evaluator="Sesuai bukti." if j == mandiri else "Bukti belum mendukung jawaban "
                                                                                  "kecamatan.",
                         evaluator_oleh=evaluator.id, evaluator_pada=dinilai))
    s.flush()
    _rekomendasi(k, ev, [sub.kode for sub in lemah], evaluator, final)
    return ev


def _rekomendasi(k: Any, ev: EvaluasiAkip, lemah: list[str], evaluator: User, final: datetime) -> None:
    """Two or three of the LHE's recommendations, for the weakest sub-components, followed up as far as today."""
    rng = k.rng
    baris = []
    for kode in lemah[:rng.choice((2, 3))]:
        _, teks, role, hari = SARAN[kode]
        if role not in k.pengguna:
            role = k.evapor.role_kode if role == "kasubag_evapor" else "sekcam"
        baris.append(RekomendasiBaruLhe(teks, role, ev.tanggal_lhe + timedelta(days=hari)))
    t = final + timedelta(minutes=30)
    for r in rekomendasi_lhe(k.s, evaluasi_akip_id=ev.id, rekomendasi=baris, oleh=evaluator, pada=t,
                               demo=True):
        pelaksana = k.pengguna.get(r.role_kode, k.pengguna["camat"])
        langkah = rng.choice((1, 2, 3, 4, 4))  # mulai, serahkan, terima, akui: how far it has come
        waktu = t
        for n, aksi in enumerate(("mulai", "serahkan", "terima", "akui")[:langkah]):
            waktu = k._hari_kerja(waktu, rng.uniform(2, 15) if n else rng.uniform(1, 5))
            if waktu >= k.batas:
                break
            if aksi == "mulai":
                mulai_tindak_lanjut(k.s, rekomendasi_id=r.id, oleh=pelaksana, pada=waktu)
            elif aksi == "serahkan":
                serahkan(k.s, rekomendasi_id=r.id, uraian=URAIAN_TL, bukti=["Notulen rapat", "Daftar hadir"],
                         oleh=pelaksana, pada=waktu)
            elif aksi == "terima":
                periksa(k.s, rekomendasi_id=r.id, terima=True, oleh=k.pengguna["sekcam"], pada=waktu)
            else:
                akui(k.s, rekomendasi_id=r.id, oleh=k.pengguna["camat"], pada=waktu)
