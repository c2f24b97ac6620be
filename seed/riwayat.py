"""The demo history: years of quarterly figures, monitoring, evaluations and follow-ups of a kabupaten's kecamatan.

Everything is written through the functions a person's actions call (models.kinerja.realisasi, models.sop.alur,
models.tindak_lanjut.rekomendasi, models.kinerja.iku), with explicit times that fall in office hours of each office's work calendar:
the Kasi or the Kasubag Evapor enters a quarter's figure in the first weeks after the quarter, submits it, and each
step of the collection SOP waits a little and is then worked on for a time drawn around its mutu baku (most within
it, about a quarter over, a few far over); about one decision in ten returns the work with a reason, and the rework
goes through again. The last ended quarter is left as an office finds it on a working morning: some figures still
in draft, some waiting on the Sekretaris Camat or the Camat, most approved. Every record is labelled demo.

Reproducible: one random.Random per office, seeded from the seed and the office's name, so an office's history does
not depend on how many offices are generated; "today" only bounds the history (nothing is dated on or after it).
"""
from __future__ import annotations

import math
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from models.db import session_scope
from models.jenis_kerja import muat as muat_jenis_kerja
from models.kinerja.iku import iku_kantor, mesin, per_triwulan, sop_pengumpul, target_berlaku, tetapkan_target
from models.kinerja.mesin import Realisasi as AngkaMesin
from models.kinerja.mesin import capaian_triwulan
from models.kinerja.realisasi import Isian, ajukan, boleh_mengisi, bukti_diminta, simpan_draf
from models.perencanaan.kalender_sakip import (
    PERJANJIAN_KINERJA,
    jadwal_kabupaten,
    jendela,
    label_periode_kewajiban,
    periode_renstra,
    rpjmd_kabupaten,
)
from models.perencanaan.laporan_kinerja import langkah_terkunci
from models.perencanaan.pekerjaan import mulai_pekerjaan, revisi_berlaku
from models.sop.alur import catatan_terbuka, mulai_kerjakan, putuskan, selesaikan, urutan_pelaksana
from models.sop.dokumen import kunci_nama
from models.sop.register import pastikan_kantor, salin_sop
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
    User,
)
from models.tindak_lanjut.evaluasi import SOP_JENIS, catat_evaluasi
from models.tindak_lanjut.rekomendasi import akui, mulai_tindak_lanjut, periksa, serahkan, tambah_rekomendasi
from models.umum import periode
from models.umum.angka import format_angka, tulis_angka
from models.umum.audit import catat
from models.umum.hari_libur import kalender_kantor
from models.umum.kalender import KalenderKerja
from models.umum.kemajuan import Kemajuan
from models.umum.periode import ROMAWI, akhir_triwulan
from seed.akip_demo import evaluasi_akip_kantor
from seed.anggaran import dpa_kantor_contoh
from seed.demo import (
    TARGET_DEMO,
    basis_data_kosong,
    buat_pengguna_kantor,
    muat_demo,
    pengumpulan_demo,
    pola_kabupaten,
    target_triwulan_demo,
)
from seed.lkj_demo import pada_tulis, tanda_tangani_demo, teks_kantor
from seed.perjanjian import perjanjian_kantor

# The real kecamatan of the kabupaten the demo knows, for adding offices by name.
KECAMATAN_KABUPATEN: dict[str, tuple[str, ...]] = {
    "Malang": (
        "Ampelgading", "Bantur", "Bululawang", "Dampit", "Dau", "Donomulyo", "Gedangan", "Gondanglegi", "Jabung",
        "Kalipare", "Karangploso", "Kasembon", "Kepanjen", "Kromengan", "Lawang", "Ngajum", "Ngantang", "Pagak",
        "Pagelaran", "Pakis", "Pakisaji", "Poncokusumo", "Pujon", "Singosari", "Sumbermanjing Wetan",
        "Sumberpucung", "Tajinan", "Tirtoyudo", "Tumpang", "Turen", "Wagir", "Wajak", "Wonosari",
    ),
    "Tanjung Jabung Barat": (
        "Batang Asam", "Betara", "Bram Itam", "Kuala Betara", "Merlung", "Muara Papalik", "Pengabuan",
        "Renah Mendaluh", "Seberang Kota", "Senyerang", "Tebing Tinggi", "Tungkal Ilir", "Tungkal Ulu",
    ),
}
# The seed office of each kabupaten whose SOPs new offices adopt.
KANTOR_CONTOH = {"Malang": "Poncokusumo", "Tanjung Jabung Barat": "Muara Papalik"}

PESAN_ADA_RIWAYAT = ("Kabupaten ini sudah berisi riwayat (realisasi, eksekusi SOP atau evaluasi); riwayat demo hanya "
                     "dibuat untuk kabupaten yang belum memiliki riwayat.")
# Demo offices and users (password demo12345) must never land in a real installation.
PESAN_BUKAN_DEMO = ("Basis data ini berisi data yang tidak dimuat dengan demo load; riwayat demo hanya dibuat pada "
                    "basis data kosong atau basis data demo.")

PELUANG_KEMBALI = 0.12  # a decision returns the work (first time); a second return of the same work is rarer
PELUANG_KEMBALI_LAGI = 0.05
PELUANG_SANGAT_LAMA = 0.04  # a step left lying for days: waiting for a signature, the person on leave
PELUANG_TERLAMBAT = 0.15  # a planning or reporting document started in the last days of its window
# How a piece of work is titled, by its obligation in the SAKIP calendar: "Renja 2027", "Renstra 2025–2029".
JUDUL_PEKERJAAN = {"pengukuran": "Pengukuran Kinerja", "renja": "Renja", "perjanjian_kinerja": "Perjanjian Kinerja",
                   "laporan_kinerja": "Laporan Kinerja", "pelaporan_kinerja": "Pelaporan Kinerja",
                   "renstra": "Renstra"}

# The last ended quarter, per office: how far its figures got by today.
KEADAAN_TERAKHIR = (("draf", 0.09), ("sekcam", 0.12), ("camat", 0.12))  # the rest: finished

# Per IKU code, the range an office's character is drawn from: its level (share of the denominator), the rise of
# that level per quarter, its size (delegates invited, requests per quarter, poskamling registered), and the floor
# of a poor quarter.
# For a negative indicator (less is better) the level is the share of the bad, the trend falls and a poor quarter
# rises to at most `maksimum`.
PROFIL = {
    "Malang": {
        "IKU-1": {"tingkat": (0.80, 0.94), "tren": (0.001, 0.005), "ukuran": (60, 120), "minimum": 0.50},
        "IKU-2": {"tingkat": (0.87, 0.97), "tren": (0.0005, 0.003), "ukuran": (150, 500), "minimum": 0.60},
        "IKU-3": {"tingkat": (0.62, 0.84), "tren": (0.001, 0.005), "ukuran": (20, 60), "minimum": 0.30},
        # Poncokusumo's own count: of its 17 desa, those whose reports came on time in the quarter
        "IKU-7": {"tingkat": (0.78, 0.92), "tren": (0.001, 0.004), "ukuran": (17, 17), "minimum": 0.50},
    },
    "Tanjung Jabung Barat": {
        "IKU-1": {"tingkat": (0.70, 0.90), "tren": (0.002, 0.006), "ukuran": (8, 20), "minimum": 0.40},
        "IKU-2": {"tingkat": (0.82, 0.95), "tren": (0.001, 0.004), "ukuran": (120, 400), "minimum": 0.55},
        "IKU-3": {"tingkat": (0.55, 0.80), "tren": (0.001, 0.004), "ukuran": (40, 90), "minimum": 0.30},
        "IKU-4": {"tingkat": (0.06, 0.16), "tren": (-0.003, -0.001), "ukuran": (10, 40), "maksimum": 0.45},
        # Muara Papalik's own count: guidance visits held in the quarter, of about 7 planned
        "IKU-5": {"tingkat": (0.72, 0.95), "tren": (0.001, 0.004), "ukuran": (7, 7), "minimum": 0.40},
    },
}
CATATAN_ANGKA_MALANG = {
    "IKU-1": ("Musrenbangcam dilaksanakan di pendopo kecamatan.", "Rekap dari daftar hadir dan berita acara.",
              "Delegasi perempuan dan pemuda ikut diundang."),
    "IKU-2": ("Rekap dari buku register pelayanan.", "Termasuk pengantar mutasi pindah antarkabupaten.",
              "Berkas yang belum lengkap tidak dihitung selesai."),
    "IKU-3": ("Rekap laporan kelompok Siskamling per desa.", "Data poskamling terdaftar sesuai SK Camat.",
              "Laporan ronda diterima melalui kepala desa."),
    "IKU-7": ("Rekap dari agenda surat masuk kecamatan.", "Laporan desa diterima melalui surel dan kurir desa."),
}
CATATAN_BURUK_MALANG = {
    "IKU-1": ("Sebagian delegasi desa berhalangan hadir karena bersamaan dengan musyawarah desa.",
              "Undangan terlambat diterima beberapa desa."),
    "IKU-2": ("Pelayanan terganggu karena gangguan jaringan SIAK selama dua minggu.",
              "Petugas register cuti; sebagian berkas diselesaikan triwulan berikutnya."),
    "IKU-3": ("Beberapa poskamling tidak melapor karena pergantian ketua RT.",
              "Musim panen, ronda di beberapa dusun tidak berjalan."),
    "IKU-7": ("Beberapa desa terlambat melapor karena pergantian sekretaris desa.",),
}
CATATAN_ANGKA_TJB = {
    "IKU-1": ("Rekap dari agenda surat masuk kecamatan.", "Laporan desa diterima melalui kurir dan surel."),
    "IKU-2": ("Rekap dari buku register PATEN.", "Termasuk layanan rekomendasi izin usaha mikro."),
    "IKU-3": ("Rekap dari berita acara Musrenbangcam.", "Usulan dibahas per bidang pembangunan."),
    "IKU-4": ("Rekap laporan gangguan dari desa dan Bhabinkamtibmas.", "Laporan ditangani bersama Satpol PP."),
    "IKU-5": ("Rekap dari berita acara pembinaan desa.",),
}
CATATAN_BURUK_TJB = {
    "IKU-1": ("Beberapa desa terlambat melapor karena akses jalan terputus saat banjir.",),
    "IKU-2": ("Pelayanan terhambat karena jaringan internet kantor terputus.",),
    "IKU-3": ("Pagu indikatif kecamatan turun sehingga banyak usulan tidak tertampung.",),
    "IKU-4": ("Sengketa batas kebun antardesa belum selesai dimediasi.",),
    "IKU-5": ("Jadwal pembinaan bergeser karena akses jalan ke dua desa terputus.",),
}
CATATAN_ANGKA = {"Malang": CATATAN_ANGKA_MALANG, "Tanjung Jabung Barat": CATATAN_ANGKA_TJB}
CATATAN_BURUK = {"Malang": CATATAN_BURUK_MALANG, "Tanjung Jabung Barat": CATATAN_BURUK_TJB}

# Reasons for returning work, by what is returned.
ALASAN_DATA_MALANG = {
    "IKU-1": ("Data pembilang belum sesuai daftar hadir", "Jumlah delegasi yang diundang belum sesuai surat undangan "
              "Musrenbangcam", "Berita acara Musrenbangcam belum ditandatangani pimpinan sidang"),
    "IKU-2": ("Jumlah permohonan belum sesuai buku register pelayanan", "Rekap pengantar mutasi pindah bulan terakhir "
              "belum dimasukkan", "Pengantar KK yang selesai tercatat dua kali"),
    "IKU-3": ("Jumlah poskamling terdaftar belum sesuai SK Camat", "Laporan ronda dua desa belum masuk",
              "Poskamling yang tidak melapor masih dihitung aktif"),
}
ALASAN_DATA = {"Malang": ALASAN_DATA_MALANG}
ALASAN_ANALISIS = ("Analisis capaian terhadap target Perjanjian Kinerja belum dicantumkan",
                   "Mohon dijelaskan penyebab capaian turun dibanding triwulan lalu",
                   "Angka belum dibandingkan dengan triwulan yang sama tahun lalu",
                   "Lampiran bukti belum lengkap; lengkapi sebelum diajukan kembali")
ALASAN_LANGKAH = {  # by kind of evaluation record
    "pemantauan": ("Rekomendasi belum menyebut penanggung jawab dan batas waktu",
                           "Rekomendasi perlu dikaitkan dengan IKU yang capaiannya di bawah target"),
    "evaluasi": ("Perubahan belum sesuai berita acara evaluasi", "Bukti perbaikan data belum dilampirkan",
                              "Perubahan baru sebagian; lengkapi untuk semua desa"),
}
ALASAN_UMUM = ("Dokumen belum lengkap; mohon dilengkapi", "Masih ada isian yang belum sesuai; mohon diperbaiki")

# Recommendations of an evaluation: (text, what was done when it is followed up, evidence).
REKOMENDASI_IKU_MALANG = {
    "IKU-1": (
        ("Undangan Musrenbangcam disampaikan paling lambat 7 hari sebelum pelaksanaan dan dikonfirmasi ulang ke "
         "setiap desa.", "Undangan dikirim 8 hari sebelum pelaksanaan dan dikonfirmasi melalui telepon kepada "
         "sekretaris desa.", ["Surat undangan", "Daftar konfirmasi desa"]),
        ("Daftar hadir delegasi dipisahkan per unsur (desa, perempuan, pemuda, tokoh masyarakat) agar pembilang "
         "dapat diverifikasi.", "Format daftar hadir per unsur sudah dipakai dan direkap.",
         ["Format daftar hadir baru", "Rekap per unsur"]),
        ("Berita acara dan foto dokumentasi Musrenbangcam diunggah sebagai bukti paling lambat 3 hari setelah "
         "kegiatan.", "Berita acara dan foto sudah diunggah ke aplikasi.", ["Berita acara", "Foto dokumentasi"]),
    ),
    "IKU-2": (
        ("Buku register pelayanan pengantar KTP, KK dan mutasi direkap setiap akhir bulan.",
         "Rekap bulanan register pelayanan sudah dibuat dan ditandatangani Kasi Pem.", ["Rekap register bulanan"]),
        ("Permohonan yang belum selesai pada akhir triwulan dicatat beserta alasannya dan diselesaikan pada awal "
         "triwulan berikutnya.", "Daftar permohonan tertunda beserta alasannya sudah dibuat; sebagian besar telah "
         "diselesaikan.", ["Daftar permohonan tertunda"]),
        ("Koordinasi dengan Dispendukcapil untuk mengatasi gangguan jaringan SIAK yang memperlambat pelayanan.",
         "Rapat koordinasi dengan Dispendukcapil telah dilaksanakan; jaringan cadangan dipasang.",
         ["Notulen rapat koordinasi", "Foto kegiatan"]),
    ),
    "IKU-3": (
        ("Lakukan pembinaan kepada poskamling yang tidak melapor dua triwulan berturut-turut.",
         "Pembinaan dilaksanakan bersama Babinsa dan Bhabinkamtibmas di desa terkait.",
         ["Daftar hadir pembinaan", "Foto kegiatan"]),
        ("Perbarui data poskamling terdaftar bersama Babinsa dan Bhabinkamtibmas.",
         "Data poskamling terdaftar sudah diperbarui per desa.", ["Rekap data poskamling"]),
        ("Laporan ronda dari setiap desa dikumpulkan melalui kepala desa paling lambat tanggal 5 bulan berikutnya.",
         "Surat edaran Camat tentang jadwal laporan ronda sudah disampaikan ke desa.", ["Surat edaran Camat"]),
    ),
    "IKU-7": (
        ("Kirim pengingat laporan kepada sekretaris desa setiap tanggal 5 dan catat tanggal terima di agenda.",
         "Pengingat dikirim setiap bulan; tanggal terima dicatat di agenda surat masuk.", ["Agenda surat masuk"]),
    ),
}
REKOMENDASI_IKU_TJB = {
    "IKU-1": (("Kirim surat pengingat laporan kepada desa setiap tanggal 5.", "Surat pengingat dikirim setiap bulan.",
               ["Surat pengingat"]),),
    "IKU-2": (("Susun jadwal piket layanan PATEN agar permohonan selesai dalam standar waktu.",
               "Jadwal piket layanan PATEN sudah ditetapkan.", ["Jadwal piket"]),),
    "IKU-3": (("Verifikasi usulan desa terhadap pagu indikatif sebelum Musrenbangcam.",
               "Usulan desa diverifikasi bersama Bappeda sebelum Musrenbangcam.", ["Rekap verifikasi usulan"]),),
    "IKU-4": (("Tindak lanjuti laporan gangguan paling lambat tujuh hari bersama Satpol PP dan Bhabinkamtibmas.",
               "Rapat koordinasi penanganan gangguan diadakan setiap bulan.", ["Notulen rapat koordinasi"]),),
    "IKU-5": (("Susun jadwal pembinaan desa per triwulan sesuai Rencana Aksi.",
               "Jadwal pembinaan per triwulan sudah ditetapkan Camat.", ["Jadwal pembinaan"]),),
}
REKOMENDASI_IKU = {"Malang": REKOMENDASI_IKU_MALANG, "Tanjung Jabung Barat": REKOMENDASI_IKU_TJB}
REKOMENDASI_SOP = (
    ("Data kinerja triwulan disampaikan ke Sekretariat paling lambat 10 hari kerja setelah triwulan berakhir.",
     "Jadwal penyampaian data kinerja sudah disepakati dengan para Kasi.", ["Jadwal pengumpulan data"]),
    ("Analisis capaian dibandingkan dengan target Perjanjian Kinerja dan triwulan sebelumnya sebelum dilaporkan "
     "kepada Sekretaris Camat.", "Format analisis capaian dengan pembanding target dan triwulan lalu sudah dipakai.",
     ["Format analisis capaian"]),
    ("Waktu penyelesaian langkah analisis data kinerja melebihi mutu baku SOP; susun jadwal pengumpulan data bersama "
     "para Kasi.", "Jadwal pengumpulan dan analisis data sudah disusun dan diedarkan.", ["Jadwal kerja Evapor"]),
)
ALASAN_TINDAK_LANJUT = ("Bukti kegiatan belum dilampirkan.", "Uraian belum menyebut desa yang sudah ditindaklanjuti.",
                        "Rekap belum ditandatangani Kasi.", "Tindak lanjut belum menjawab rekomendasi; lengkapi "
                        "datanya per desa.")
PESERTA_PEMANTAUAN = "Tim Akuntabilitas Kinerja, Kasubag Evapor, Sekretaris Camat"
PESERTA_EVALUASI = ("Camat, Sekretaris Camat, Kasubag Evapor, Kasi Pemerintahan, Kasi Ekonomi dan Pembangunan, "
                    "Kasi Ketentraman dan Ketertiban, Tim Akuntabilitas Kinerja")


class RiwayatDitolak(RuntimeError):
    """The history cannot be generated here; the message says why."""


@dataclass(frozen=True)
class Ringkasan:
    """What one generation wrote."""

    kabupaten: str
    kecamatan: int
    kecamatan_baru: int
    realisasi: int
    eksekusi: int
    catatan_langkah: int
    evaluasi: int
    rekomendasi: int
    detik: float

    def kalimat(self) -> str:
        n = format_angka
        detik = format_angka(self.detik, 1)
        return (f"Riwayat demo Kabupaten {self.kabupaten} dibuat: {n(self.kecamatan)} kecamatan "
                f"({n(self.kecamatan_baru)} baru), {n(self.realisasi)} realisasi, {n(self.eksekusi)} eksekusi SOP, "
                f"{n(self.catatan_langkah)} catatan langkah, {n(self.evaluasi)} evaluasi dan pemantauan, "
                f"{n(self.rekomendasi)} rekomendasi, dalam {detik} detik.")


def ada_riwayat(session: Session, kabupaten: str) -> bool:
    """Whether any figure, SOP execution or evaluation of the kabupaten's offices is stored (demo or not)."""
    kantor = select(Kecamatan.id).join(Kabupaten, Kabupaten.id == Kecamatan.kabupaten_id) \
        .where(Kabupaten.nama == kabupaten)
    return any(session.exec(select(func.count(t.id)).where(t.kecamatan_id.in_(kantor))).one()
               for t in (Realisasi, Eksekusi, Evaluasi))


def alasan_menolak(engine: Engine, kabupaten: str = "Malang") -> str | None:
    """Why no history of the kabupaten may be generated in this database (it has some already, or it is not a demo
    database), or None."""
    with session_scope(engine) as s:
        if ada_riwayat(s, kabupaten):
            return PESAN_ADA_RIWAYAT
        demo = s.exec(select(AuditLog.id).where(AuditLog.aksi == "demo.muat")).first() is not None
    return None if demo or basis_data_kosong(engine) else PESAN_BUKAN_DEMO


def buat_riwayat(engine: Engine, *, kabupaten: str = "Malang", kecamatan: int = 33, tahun: int = 5, seed: int = 1,
                 hari_ini: date | None = None, menit_per_hari: int = 480, jam_kerja: str | None = None,
                 tulis: Callable[[str], None] | None = None) -> Ringkasan:
    """Generate the demo history of `kecamatan` offices of a kabupaten over `tahun` years ending this year.

    An empty database first gets the base demo (seed.demo.muat_demo). Offices are added with the kabupaten's real
    kecamatan names, in alphabetical order, until it has `kecamatan` of them; each new office gets one demo user
    per role and copies of the SOPs of Poncokusumo, and an existing office lacking a collection SOP gets a copy.
    Refused (RiwayatDitolak, nothing written) when any history is already stored, or when the database holds data
    that the demo did not load. One transaction; `tulis` receives the progress, office by office.
    """
    muat_jenis_kerja()  # the history runs through the state machine: every kind of work registered
    mulai_detik = time.perf_counter()
    hari_ini = hari_ini or periode.hari_ini()
    if kecamatan < 1:
        raise RiwayatDitolak("Jumlah kecamatan sedikitnya 1.")
    if not 1 <= tahun <= 20:
        raise RiwayatDitolak("Jumlah tahun riwayat antara 1 dan 20.")
    alasan = alasan_menolak(engine, kabupaten)
    if alasan:
        raise RiwayatDitolak(alasan)
    if basis_data_kosong(engine):
        muat_demo(engine, menit_per_hari=menit_per_hari)
    with session_scope(engine, jam_kerja=jam_kerja) as s:
        if ada_riwayat(s, kabupaten):  # another generation finished in the meantime
            raise RiwayatDitolak(PESAN_ADA_RIWAYAT)
        kab = s.exec(select(Kabupaten).where(Kabupaten.nama == kabupaten)).first()
        if kab is None:
            raise RiwayatDitolak(f"Kabupaten {kabupaten} tidak ada di basis data.")
        kantor, baru = siapkan_kantor(s, kab, kecamatan)
        keadaan = keadaan_triwulan_terakhir([k.nama for k in kantor], seed, kab.nama)
        kemajuan = Kemajuan(f"Riwayat Kabupaten {kab.nama}", len(kantor), tulis=tulis) if tulis else None
        # The DPA first: a Perjanjian Kinerja signed in the history freezes the programs and pagu of its sasaran.
        dpa_kantor_contoh(s, kantor, kabupaten=kab.nama, tahun=list(range(hari_ini.year - tahun + 1, hari_ini.year + 1)),
                          hari_ini=hari_ini, seed=seed)
        for n, kec in enumerate(kantor, 1):
            KantorRiwayat(s, kec, random.Random(f"{seed}/{kab.nama}/{kec.nama}"), hari_ini, tahun,
                          keadaan[kec.nama]).jalankan()
            if kemajuan:
                kemajuan.maju(n)
        s.flush()
        ids = [k.id for k in kantor]
        hitung = {
            "realisasi": s.exec(select(func.count(Realisasi.id)).where(Realisasi.kecamatan_id.in_(ids))
                                .where(Realisasi.demo == True)).one(),  # noqa: E712
            "eksekusi": s.exec(select(func.count(Eksekusi.id)).where(Eksekusi.kecamatan_id.in_(ids))
                               .where(Eksekusi.demo == True)).one(),  # noqa: E712
            "catatan_langkah": s.exec(select(func.count(CatatanLangkah.id)).join(Eksekusi)
                                      .where(Eksekusi.kecamatan_id.in_(ids))
                                      .where(Eksekusi.demo == True)).one(),  # noqa: E712
            "evaluasi": s.exec(select(func.count(Evaluasi.id)).where(Evaluasi.kecamatan_id.in_(ids))
                               .where(Evaluasi.demo == True)).one(),  # noqa: E712
            "rekomendasi": s.exec(select(func.count(Rekomendasi.id)).join(Evaluasi)
                                  .where(Evaluasi.kecamatan_id.in_(ids))
                                  .where(Evaluasi.demo == True)).one(),  # noqa: E712
        }
        ringkasan = Ringkasan(kabupaten=kab.nama, kecamatan=len(kantor), kecamatan_baru=baru,
                              detik=time.perf_counter() - mulai_detik, **hitung)
        catat(s, aksi="demo.generate", keterangan=ringkasan.kalimat(),
              sesudah={"kabupaten": kab.nama, "kecamatan": len(kantor), "kecamatan_baru": baru, "tahun": tahun,
                       "seed": seed, "hari_ini": hari_ini.isoformat(), **hitung})
    return Ringkasan(**{**ringkasan.__dict__, "detik": time.perf_counter() - mulai_detik})


# ---------------------------------------------------------------- offices


def siapkan_kantor(s: Session, kab: Kabupaten, jumlah: int) -> tuple[list[Kecamatan], int]:
    """The kabupaten's offices, topped up with real names to `jumlah`; each with the SOPs it needs."""
    ada = list(s.exec(select(Kecamatan).where(Kecamatan.kabupaten_id == kab.id).order_by(Kecamatan.nama)))
    nama_ada = {k.nama for k in ada}
    calon = [n for n in sorted(KECAMATAN_KABUPATEN.get(kab.nama, ())) if n not in nama_ada]
    kurang = jumlah - len(ada)
    if kurang > len(calon):
        if kab.nama not in KECAMATAN_KABUPATEN:
            raise RiwayatDitolak(f"Kabupaten {kab.nama} memiliki {len(ada)} kecamatan dan nama kecamatan lainnya "
                                 "tidak dikenal; kurangi --kecamatan.")
        raise RiwayatDitolak(f"Kabupaten {kab.nama} hanya memiliki {len(ada) + len(calon)} kecamatan; "
                             f"--kecamatan paling banyak {len(ada) + len(calon)}.")
    if ada and not iku_kantor(s, ada[0].id):
        raise RiwayatDitolak(f"Kabupaten {kab.nama} belum memiliki IKU; impor IKU lebih dahulu (iku import).")
    sop_contoh = sop_kantor_contoh(s, kab.nama)
    pengumpul = {i.sop_kunci for i in iku_kantor(s, sop_contoh[0].kecamatan_id) if i.sop_kunci}
    for kec in ada:  # an office lacking a collection SOP gets a copy
        punya = set(s.exec(select(Sop.kunci).where(Sop.kecamatan_id == kec.id)))
        for sop in sop_contoh:
            if sop.kunci not in punya and sop.kunci in pengumpul:
                salin_sop(s, sop_id=sop.id, ke_kecamatan_id=kec.id, oleh=None)
    baru = [kantor_baru(s, kab.nama, nama, sop_contoh) for nama in calon[:max(kurang, 0)]]
    return sorted(ada + baru, key=lambda k: k.nama), len(baru)


def sop_kantor_contoh(s: Session, kabupaten: str) -> list[Sop]:
    """The SOPs a new office of the kabupaten (or of a synthetic kabupaten following it) adopts: its example
    office's."""
    pola = pola_kabupaten(kabupaten)
    contoh = s.exec(select(Kecamatan).join(Kabupaten, Kabupaten.id == Kecamatan.kabupaten_id)
                    .where(Kabupaten.nama == pola).where(Kecamatan.nama == KANTOR_CONTOH.get(pola, ""))).first()
    sop = list(s.exec(select(Sop).where(Sop.kecamatan_id == contoh.id).order_by(Sop.id))) if contoh else []
    if not sop:
        raise RiwayatDitolak(f"Kabupaten {pola} tidak memiliki kecamatan contoh yang SOP-nya disalin ke kantor baru.")
    return sop


def kantor_baru(s: Session, kabupaten: str, nama: str, sop_contoh: list[Sop]) -> Kecamatan:
    """A new demo office: the row, copies of the example office's SOPs, its collection settings and one demo user
    per role its SOPs name."""
    kec = pastikan_kantor(s, kabupaten, nama)
    for sop in sop_contoh:
        salin_sop(s, sop_id=sop.id, ke_kecamatan_id=kec.id, oleh=None)
    pengumpulan_demo(s, kec)
    buat_pengguna_kantor(s, kec)  # after its SOPs: one user for every role they name
    if not iku_kantor(s, kec.id):
        raise RiwayatDitolak(f"Kabupaten {kabupaten} belum memiliki IKU; impor IKU lebih dahulu (iku import).")
    return kec


def keadaan_triwulan_terakhir(nama_kantor: list[str], seed: int, kabupaten: str) -> dict[str, str]:
    """How far each office's figures of the last ended quarter got: a few of each open state, the rest finished."""
    rng = random.Random(f"{seed}/{kabupaten}/triwulan-terakhir")
    n = len(nama_kantor)
    if n >= 4:
        terbuka = [nama for nama, porsi in KEADAAN_TERAKHIR for _ in range(max(1, round(porsi * n)))]
    else:  # too few offices for shares: still something pending, one office finished when there are two
        terbuka = ["sekcam", "camat", "draf"][:max(1, n - 1)]
    urut = sorted(nama_kantor)
    rng.shuffle(urut)
    return dict(zip(urut, terbuka + ["selesai"] * n))


# ---------------------------------------------------------------- one office


@dataclass
class _Angka:
    pembilang: int
    penyebut: int | None  # None: a count, no denominator
    buruk: bool


class KantorRiwayat:
    """One office's history, in time order per quarter."""

    def __init__(self, s: Session, kec: Kecamatan, rng: random.Random, hari_ini: date, tahun: int,
                 keadaan_terakhir: str) -> None:
        self.s, self.kec, self.rng = s, kec, rng
        self.zona = ZoneInfo(kec.zona_waktu or "Asia/Jakarta")
        self.hari_ini = hari_ini
        self.batas = datetime(hari_ini.year, hari_ini.month, hari_ini.day, tzinfo=self.zona).astimezone(timezone.utc)
        self.kal: KalenderKerja = kalender_kantor(s, kec.id, tahun=(hari_ini.year - tahun - 1, hari_ini.year + 1))
        self.tahun = list(range(hari_ini.year - tahun + 1, hari_ini.year + 1))
        self.keadaan_terakhir = keadaan_terakhir
        self.pengguna: dict[str, User] = {}
        for u in s.exec(select(User).where(User.kecamatan_id == kec.id).where(User.aktif == True)  # noqa: E712
                        .order_by(User.id)):
            self.pengguna.setdefault(u.role_kode, u)
        for wajib in ("camat", "sekcam"):
            if wajib not in self.pengguna:
                raise RiwayatDitolak(f"Kecamatan {kec.nama} belum memiliki pengguna aktif berperan {wajib}.")
        # Who keeps the office's performance figures and targets (Malang: the Kasubag Evapor; Tanjung Jabung Barat:
        # the Kasubag Perencanaan dan Keuangan), and who records its monitoring and evaluation meetings.
        self.evapor = self.pengguna.get("kasubag_evapor") or self.pengguna.get("kasubag_renkeu")
        if self.evapor is None:
            raise RiwayatDitolak(f"Kecamatan {kec.nama} belum memiliki pengguna aktif berperan kasubag_evapor atau "
                                 "kasubag_renkeu.")
        self.tim = self.pengguna.get("tim") or self.pengguna["sekcam"]
        self.kab = pola_kabupaten(s.get(Kabupaten, kec.kabupaten_id).nama)  # whose demo profiles it follows
        self.iku = [i for i in iku_kantor(s, kec.id) if i.kode in PROFIL.get(self.kab, {})]
        self.bukti = {i.id: bukti_diminta(s, i, kec.id) for i in self.iku}
        self.sop = {sop.kunci: sop for sop in s.exec(select(Sop).where(Sop.kecamatan_id == kec.id))}
        self.langkah: dict[int, SopLangkah] = {}
        # The office's character: how fast its people work (log scale around mutu baku), its levels and sizes.
        self.laju = rng.uniform(-0.45, -0.15)
        self.profil = {}
        for i in self.iku:
            p = PROFIL[self.kab][i.kode]
            self.profil[i.kode] = {"tingkat": rng.uniform(*p["tingkat"]), "tren": rng.uniform(*p["tren"]),
                                   "ukuran": rng.randint(*p["ukuran"])}
        self.bersama = {i.id: per_triwulan(s, i, kec.id) for i in self.iku}
        self.target: dict[tuple[str, int], float] = {}
        self.nilai: dict[tuple[str, int, int], float] = {}

    # ------------------------------------------------------------ time

    def _lokal(self, d: date, jam: int = 8, menit: int = 0) -> datetime:
        return datetime(d.year, d.month, d.day, jam, menit, tzinfo=self.zona).astimezone(timezone.utc)

    def _tambah(self, t: datetime, menit: float) -> datetime:
        return self.kal.tambah_menit_kerja(t, max(1, round(menit)))

    def _hari_kerja(self, t: datetime, hari: float) -> datetime:
        return self._tambah(t, hari * self.kal.menit_per_hari)

    def _sebelum_batas(self, menit: float) -> datetime:
        """The instant `menit` working minutes before the start of today."""
        sisa = max(1, round(menit))
        hari = self.hari_ini
        while True:
            hari -= timedelta(days=1)
            a = self._lokal(hari, 0)
            w = self.kal.working_minutes(a, self._lokal(hari + timedelta(days=1), 0))
            if w > sisa:
                return self.kal.tambah_menit_kerja(a, w - sisa)
            sisa -= w

    def _durasi(self, baku: int) -> int:
        """Working minutes a step takes from receipt to completion, drawn around its mutu baku."""
        baku = max(baku, 5)
        if self.rng.random() < PELUANG_SANGAT_LAMA:
            return round(baku * self.rng.uniform(3, 12))
        return max(2, round(baku * math.exp(self.rng.gauss(self.laju, 0.45))))

    # ------------------------------------------------------------ the whole history

    def jalankan(self) -> None:
        for th in self.tahun:
            for ind in self.iku:
                self._target(ind, th, self.evapor)
        triwulan = [(th, tw) for th in self.tahun for tw in (1, 2, 3, 4) if akhir_triwulan(th, tw) < self.hari_ini]
        for n, (th, tw) in enumerate(triwulan):
            terakhir = n == len(triwulan) - 1
            sendiri = [i for i in self.iku if not self.bersama[i.id]]
            for ind in sendiri:
                self._realisasi(ind, th, tw, n, terakhir)
            if len(sendiri) < len(self.iku):
                self._realisasi_bersama([i for i in self.iku if self.bersama[i.id]], th, tw, n, terakhir)
            self._evaluasi(th, tw, terakhir=terakhir, baru_saja=n >= len(triwulan) - 2)
        # The LKj's passages (the year before the history too: its LKj is written in the history's first year).
        teks_kantor(self.s, self.kec, [self.tahun[0] - 1, *self.tahun], pada=pada_tulis(self))
        self._pekerjaan()
        perjanjian_kantor(self)  # the Perjanjian Kinerja, its cascade and Rencana Aksi of every year
        evaluasi_akip_kantor(self)  # the kabupaten's Evaluasi AKIP of the last full year, its LHE's follow-up

    def _target(self, ind: Indikator, th: int, oleh: User) -> None:
        ada = target_berlaku(self.s, indikator_id=ind.id, kecamatan_id=self.kec.id, tahun=th)
        if ada is not None:
            self.target[(ind.kode, th)] = ada.nilai
            return
        sebelumnya = self.target.get((ind.kode, th - 1))
        if sebelumnya is None:
            nilai = TARGET_DEMO.get(self.kab, {}).get(ind.kode, 80.0) + self.rng.choice((-5, -4, -3, -2, -1, 0, 0, 1, 2))
            nilai = max(1.0, nilai)
        else:  # targets tighten: up for a positive indicator, down for a negative one
            langkah = (0, 0, 1, 1) if ind.penyebut is None else (0, 0, 0.5, 1)  # a count moves by whole units
            nilai = sebelumnya + self.rng.choice(langkah) * (1 if ind.polaritas == "positif" else -1)
        nilai = max(1.0, float(nilai)) if ind.satuan != "%" else min(100.0, max(1.0, float(nilai)))
        pada = min(self._hari_kerja(self._lokal(date(th, 1, 2)), self.rng.uniform(3, 12)),
                   self.batas - timedelta(minutes=1))
        tetapkan_target(self.s, indikator_id=ind.id, kecamatan_id=self.kec.id, tahun=th, nilai=nilai, oleh=oleh,
                        pada=pada)
        target_triwulan_demo(self.s, self.kec, ind, th, nilai, oleh=oleh, pada=pada)
        self.target[(ind.kode, th)] = nilai

    # ------------------------------------------------------------ figures

    def _angka(self, ind: Indikator, th: int, tw: int, n: int) -> _Angka:
        """A quarter's numerator and denominator: the denominator by the indicator's kind (an event's invitees, a
        quarter's requests with their season, a register that grows), the numerator at the office's level."""
        p = self.profil[ind.kode]
        batas = PROFIL[self.kab][ind.kode]
        r = self.rng
        tingkat = p["tingkat"] + p["tren"] * n + r.gauss(0, 0.02)
        buruk = r.random() < 0.06
        if ind.polaritas == "positif":
            tingkat = min(1.0, max(batas["minimum"], tingkat - (r.uniform(0.10, 0.22) if buruk else 0)))
        else:
            tingkat = max(0.0, min(batas["maksimum"], tingkat + (r.uniform(0.08, 0.2) if buruk else 0)))
        if ind.penyebut is None:  # a count: of `ukuran` (desa, planned visits), those done in the quarter
            return _Angka(min(p["ukuran"], round(tingkat * p["ukuran"])), None, buruk)
        if ind.agregasi == "terakhir":
            penyebut = max(5, p["ukuran"] + r.randint(-6, 6))
        elif ind.agregasi == "kumulatif":
            musim = {1: 1.05, 2: 0.95, 3: 1.10, 4: 0.90}[tw]
            penyebut = max(5, round(p["ukuran"] * musim * 1.02 ** (th - self.tahun[0]) * r.uniform(0.9, 1.1)))
        else:
            penyebut = p["ukuran"] + (th - self.tahun[0]) * r.randint(0, 2)
        return _Angka(min(penyebut, round(tingkat * penyebut)), penyebut, buruk)

    def _catatan(self, ind: Indikator, buruk: bool) -> str | None:
        r = self.rng
        if buruk:
            return r.choice(CATATAN_BURUK[self.kab][ind.kode])
        return r.choice(CATATAN_ANGKA[self.kab][ind.kode]) if r.random() < 0.4 else None

    def _pengisi(self, ind: Indikator) -> User:
        """The Kasi responsible when the collection SOP's first step is theirs to do (most quarters), else the
        office's figure keeper."""
        kasi = self.pengguna.get(ind.role_penanggung_jawab or "")
        if kasi is not None and self.rng.random() < 0.65 and boleh_mengisi(self.s, kasi, ind, self.kec.id):
            return kasi
        return self.evapor

    def _realisasi(self, ind: Indikator, th: int, tw: int, n: int, terakhir: bool) -> None:
        r = self.rng
        angka = self._angka(ind, th, tw, n)
        pengisi = self._pengisi(ind)
        keadaan = self.keadaan_terakhir if terakhir else "selesai"
        if terakhir and r.random() < 0.2:  # offices are not uniform: one figure ahead or behind the rest
            keadaan = r.choice(("draf", "sekcam", "camat", "selesai", "selesai", "selesai"))
        awal = self._lokal(akhir_triwulan(th, tw) + timedelta(days=1))
        draf_pada = self._hari_kerja(awal, r.uniform(0, 4) + r.uniform(0, 9))
        if terakhir and keadaan != "selesai" and r.random() < 0.5:  # late: entered in the last days
            draf_pada = self._sebelum_batas(r.uniform(0.3, 4) * self.kal.menit_per_hari)
        if draf_pada >= self.batas:
            return
        catatan = self._catatan(ind, angka.buruk)
        isian = Isian(ind.id, angka.pembilang, angka.penyebut, catatan, list(self.bukti[ind.id]))
        rea = simpan_draf(self.s, kecamatan_id=self.kec.id, tahun=th, triwulan=tw, isian=isian, oleh=pengisi,
                          pada=draf_pada, hari_ini=self.hari_ini, demo=True)
        self.nilai[(ind.kode, th, tw)] = rea.nilai
        if keadaan == "draf":
            return
        t = self._tambah(draf_pada, self._durasi(75))  # the entry steps: prepare (1 jam) and hand over (15 menit)
        if t >= self.batas:
            return
        eks = ajukan(self.s, realisasi_id=rea.id, oleh=pengisi, pada=t, demo=True)
        berhenti = None if keadaan == "selesai" else (
            lambda rec, lk, keadaan=keadaan: rec.role_kode == keadaan and lk.keputusan)
        self._jalani(eks.id, t, berhenti=berhenti, realisasi=rea, ind=ind)

    def _realisasi_bersama(self, iku: list[Indikator], th: int, tw: int, n: int, terakhir: bool) -> None:
        """Every indicator of the quarter entered by the office's figure keeper, then submitted together through
        the office's per-quarter collection SOP, whose steps run to its end (the figures become official there)."""
        r = self.rng
        keadaan = self.keadaan_terakhir if terakhir else "selesai"
        t = self._hari_kerja(self._lokal(akhir_triwulan(th, tw) + timedelta(days=1)), r.uniform(0, 4) + r.uniform(0, 6))
        if terakhir and keadaan != "selesai" and r.random() < 0.5:  # late: entered in the last days
            t = self._sebelum_batas(r.uniform(0.3, 4) * self.kal.menit_per_hari)
        rea = None
        for ind in iku:
            if t >= self.batas:
                return
            angka = self._angka(ind, th, tw, n)
            isian = Isian(ind.id, angka.pembilang, angka.penyebut, self._catatan(ind, angka.buruk),
                          list(self.bukti[ind.id]))
            rea = simpan_draf(self.s, kecamatan_id=self.kec.id, tahun=th, triwulan=tw, isian=isian, oleh=self.evapor,
                              pada=t, hari_ini=self.hari_ini, demo=True)
            self.nilai[(ind.kode, th, tw)] = rea.nilai
            t = self._tambah(t, self._durasi(20))
        if keadaan == "draf" or rea is None or t >= self.batas:
            return
        eks = ajukan(self.s, realisasi_id=rea.id, oleh=self.evapor, pada=t, demo=True)
        # Left open in the last quarter at the Sekretaris Camat's step (this SOP has no Camat decision).
        berhenti = None if keadaan == "selesai" else (lambda rec, _lk: rec.role_kode == "sekcam")
        self._jalani(eks.id, t, berhenti=berhenti)

    def _perbaiki(self, rea: Realisasi, ind: Indikator, rec: CatatanLangkah, t: datetime) -> datetime | None:
        """A figure returned to its entry step: the Kasi corrects it and submits again; returns when."""
        kasi = self.pengguna.get(rec.role_kode, self.pengguna["camat"])
        t_mulai = self._tambah(t, self._durasi(30))
        t_simpan = self._tambah(t_mulai, self._durasi(45))
        t_ajukan = self._tambah(t_simpan, self.rng.randint(2, 15))
        if t_ajukan >= self.batas:
            return None
        mulai_kerjakan(self.s, catatan_id=rec.id, oleh=kasi, pada=t_mulai)
        rea = self.s.get(Realisasi, rea.id)
        penyebut = int(rea.penyebut) if rea.penyebut is not None else None
        pembilang = max(0, int(rea.pembilang) + self.rng.choice((-3, -2, -1, 1, 2)))
        pembilang = min(penyebut, pembilang) if penyebut is not None else pembilang
        rea = simpan_draf(self.s, kecamatan_id=self.kec.id, tahun=rea.tahun, triwulan=rea.triwulan,
                          isian=Isian(ind.id, pembilang, penyebut, rea.catatan, list(rea.bukti or []), rea.versi),
                          oleh=kasi, pada=t_simpan, hari_ini=self.hari_ini)
        self.nilai[(ind.kode, rea.tahun, rea.triwulan)] = rea.nilai
        ajukan(self.s, realisasi_id=rea.id, oleh=kasi, pada=t_ajukan, demo=True)
        return t_ajukan

    # ------------------------------------------------------------ walking an execution

    def _lk(self, langkah_id: int) -> SopLangkah:
        if langkah_id not in self.langkah:
            self.langkah[langkah_id] = self.s.get(SopLangkah, langkah_id)
        return self.langkah[langkah_id]

    def _alasan(self, lk: SopLangkah, jenis: str, ind: Indikator | None) -> str:
        """A reason a person gives for returning this step: the data to the Kasi, the analysis to the Evapor."""
        r = self.rng
        if ind is not None:
            data = ALASAN_DATA.get(self.kab, {}).get(ind.kode, ALASAN_UMUM)
            return r.choice(data) if lk.kembali_ke_urutan == 1 else r.choice(ALASAN_ANALISIS)
        return r.choice(ALASAN_LANGKAH.get(jenis, ALASAN_UMUM))

    def _jalani(self, eks_id: int, t: datetime, *, berhenti=None, realisasi: Realisasi | None = None,
                ind: Indikator | None = None, jenis: str = "") -> datetime:
        """Carry an execution's open records forward as the people they wait on, until it ends, `berhenti` says
        stop, or the next moment would be today; returns the time of the last completion."""
        rec = catatan_terbuka(self.s, eks_id)
        kembali = 0
        while rec is not None:
            lk = self._lk(rec.langkah_id)
            pelaku = self.pengguna.get(rec.role_kode, self.pengguna["camat"])
            if berhenti is not None and berhenti(rec, lk):
                if self.rng.random() < 0.4:  # already opened, not yet decided
                    t_mulai = self._tambah(t, self._durasi(lk.waktu_menit) // 2)
                    if t_mulai < self.batas:
                        mulai_kerjakan(self.s, catatan_id=rec.id, oleh=pelaku, pada=t_mulai)
                return t
            total = self._durasi(lk.waktu_menit)
            tunggu = max(1, round(total * self.rng.uniform(0.15, 0.6)))
            t_mulai = self._tambah(t, tunggu)
            t_selesai = self._tambah(t_mulai, max(1, total - tunggu))
            if t_mulai >= self.batas:
                return t
            mulai_kerjakan(self.s, catatan_id=rec.id, oleh=pelaku, pada=t_mulai)
            if t_selesai >= self.batas:
                return t
            if lk.keputusan and self.rng.random() < (PELUANG_KEMBALI if kembali == 0 else PELUANG_KEMBALI_LAGI):
                kembali += 1
                rec = putuskan(self.s, catatan_id=rec.id, setuju=False, oleh=pelaku, pada=t_selesai,
                               alasan=self._alasan(lk, jenis, ind))
                t = t_selesai
                if realisasi is not None and self.s.get(Realisasi, realisasi.id).status == "dikembalikan":
                    t_baru = self._perbaiki(realisasi, ind, rec, t)
                    if t_baru is None:
                        return t
                    t = t_baru
                    rec = catatan_terbuka(self.s, eks_id)
                continue
            if lk.keputusan:
                rec = putuskan(self.s, catatan_id=rec.id, setuju=True, oleh=pelaku, pada=t_selesai)
            else:
                rec = selesaikan(self.s, catatan_id=rec.id, oleh=pelaku, pada=t_selesai)
            t = t_selesai
        return t

    # ------------------------------------------------------------ planning and reporting documents

    def _pekerjaan(self) -> None:
        """Every other SOP of the office, run at its kabupaten's SAKIP calendar times: Pengukuran each quarter,
        Renja, Laporan Kinerja and Pelaporan each year, the Renstra once per period; an SOP the calendar does not
        name, each January. Most start early in their window; some start in its last days and end late."""
        jadwal = {kunci_nama(j.sop_nama): j for j in jadwal_kabupaten(self.s, self.kec.kabupaten_id) if j.sop_nama}
        lain = {kunci_nama(nama) for nama in SOP_JENIS.values()}  # run by catat_evaluasi
        pengumpul = {rev.sop_id for i in self.iku if (rev := sop_pengumpul(self.s, i, self.kec.id))}
        for sop in sorted(self.sop.values(), key=lambda x: x.id):
            if sop.id in pengumpul or sop.kunci in lain or sop.kunci in {i.sop_kunci for i in self.iku}:
                continue
            j = jadwal.get(sop.kunci)
            if j is not None and j.kewajiban == PERJANJIAN_KINERJA:  # run about the PK: seed.perjanjian
                continue
            for th, tw in self._periode_pekerjaan(j):
                buka, tenggat = self._jendela(j, th, tw)
                label = label_periode_kewajiban(j.siklus if j else "tahun", th, tw)
                judul = f"{JUDUL_PEKERJAAN.get(j.kewajiban, j.nama)} {label}" if j else f"{sop.nama} {label}"
                self._jalankan_pekerjaan(sop, judul.replace("Tahun ", "").replace("Triwulan", "triwulan"), th, tw,
                                         buka, tenggat)

    def _jendela(self, j, th: int, tw: int | None) -> tuple[date, date]:  # noqa: ANN001
        """An obligation's window as the history plans it; a Renstra whose kabupaten has not set its RPJMD has no
        due date, so its run is planned to end by 31 March of the period's first year."""
        if j is None:
            return date(th, 1, 2), date(th, 1, 31)
        buka, tenggat = jendela(j, th, tw, self.kal,
                               rpjmd_kabupaten(self.s, [self.kec.kabupaten_id]).get(self.kec.kabupaten_id))
        return buka, tenggat or max(buka, date(th, 3, 31))

    def _periode_pekerjaan(self, j) -> list[tuple[int, int | None]]:  # noqa: ANN001
        awal = date(self.tahun[0], 1, 1)
        if j is None:
            calon: list[tuple[int, int | None]] = [(th, None) for th in self.tahun]
        elif j.siklus == "triwulan":
            calon = [(th, tw) for th in self.tahun for tw in (1, 2, 3, 4)]
        elif j.siklus == "renstra":
            calon = sorted({(periode_renstra(th) + geser, None) for th in self.tahun for geser in (0, 5)})
        else:
            calon = [(th, None) for th in range(self.tahun[0] - 1, self.tahun[-1] + 2)]
        hasil = []
        for th, tw in calon:  # the windows that overlap the history and have opened by today
            buka, tenggat = self._jendela(j, th, tw)
            if tenggat >= awal and buka < self.hari_ini:
                hasil.append((th, tw))
        return hasil

    def _jalankan_pekerjaan(self, sop: Sop, judul: str, th: int, tw: int | None, buka: date, tenggat: date) -> None:
        r = self.rng
        a, b = self._lokal(max(buka, date(self.tahun[0], 1, 2))), self._lokal(tenggat)
        hari = max(1.0, self.kal.working_minutes(a, b) / self.kal.menit_per_hari)
        porsi = r.uniform(0.9, 1.0) if r.random() < PELUANG_TERLAMBAT else r.uniform(0.02, 0.45)
        t = self._tambah(self._hari_kerja(a, hari * porsi), r.uniform(0, 240))
        if t >= self.batas:
            return
        rev = revisi_berlaku(self.s, sop.id)
        if rev is None:
            return
        pemula = self.pengguna.get(urutan_pelaksana(self.s, rev.id)[0].role_kode, self.pengguna["camat"])
        eks = mulai_pekerjaan(self.s, sop_id=sop.id, judul=judul, tahun=th, triwulan=tw, oleh=pemula, pada=t,
                              demo=True)
        # A Laporan Kinerja's run waits at the Camat's step for the reviu and the signature (seed.lkj_demo).
        t = self._jalani(eks.id, t, jenis="dokumen",
                         berhenti=lambda rec, _lk: langkah_terkunci(self.s, eks, rec) is not None)
        if catatan_terbuka(self.s, eks.id) is not None and (t_ttd := tanda_tangani_demo(self, eks, t)) is not None:
            self._jalani(eks.id, t_ttd, jenis="dokumen")

    # ------------------------------------------------------------ monitoring, evaluation, follow-up

    def _target_triwulan(self, ind: Indikator, th: int) -> tuple[float | None, ...]:
        return tuple(t.nilai if (t := target_berlaku(self.s, indikator_id=ind.id, kecamatan_id=self.kec.id, tahun=th,
                                                     triwulan=n)) else None for n in range(1, 5))

    def _temuan(self, th: int, tw: int) -> tuple[str, list[Indikator]]:
        bagian, kurang = [], []
        for ind in self.iku:
            nilai = self.nilai.get((ind.kode, th, tw))
            target = self.target.get((ind.kode, th))
            if nilai is None:
                bagian.append(f"{ind.kode} belum ada realisasi")
                continue
            if ind.satuan != "%":  # a count: the engine's combined figure against the target it is measured by
                c = capaian_triwulan(mesin(ind), target, [
                    AngkaMesin(v) if (v := self.nilai.get((ind.kode, th, n))) is not None else None
                    for n in range(1, tw + 1)], tw, self._target_triwulan(ind, th))
                if c.persen is None:
                    bagian.append(f"{ind.kode} belum dapat diukur ({c.alasan})")
                    continue
                bagian.append(f"{ind.kode} {tulis_angka(c.realisasi)} {ind.satuan} s.d. triwulan {ROMAWI[tw]} "
                              f"({c.terhadap} {tulis_angka(c.target)} {ind.satuan})")
                if c.persen < 100:
                    kurang.append(ind)
                continue
            teks = f"{ind.kode} {nilai:.1f}% (target {target:g}%)".replace(".", ",")
            bagian.append(teks)
            if target is not None and nilai < target:
                kurang.append(ind)
        periode = f"triwulan {ROMAWI[tw]} {th}"
        temuan = f"Realisasi {periode}: " + "; ".join(bagian) + "."
        if kurang:
            temuan += " Di bawah target: " + ", ".join(i.kode for i in kurang) + "; penyebab perlu ditindaklanjuti."
        else:
            temuan += " Seluruh IKU mencapai target."
        return temuan, kurang

    def _evaluasi(self, th: int, tw: int, *, terakhir: bool, baru_saja: bool) -> None:
        r = self.rng
        awal = self._lokal(akhir_triwulan(th, tw) + timedelta(days=1))
        t_pantau = self._tambah(self._hari_kerja(awal, r.uniform(15, 22)), r.uniform(30, 240))
        t_eval = self._tambah(self._hari_kerja(t_pantau, r.uniform(4, 9)), r.uniform(0, 180))
        temuan, kurang = self._temuan(th, tw)
        for jenis, t in (("pemantauan", t_pantau), ("evaluasi", t_eval)):
            if t >= self.batas:
                return
            oleh = self.tim if r.random() < 0.6 else self.evapor  # both may record meetings (PENCATAT)
            tanggal = t.astimezone(self.zona).date()
            ba = (f"Berita Acara Evaluasi Kinerja Triwulan {ROMAWI[tw]} Tahun {th} Nomor 700/{r.randint(100, 999)}/"
                  f"{th}" if jenis == "evaluasi" else None)
            ev = catat_evaluasi(
                self.s, kecamatan_id=self.kec.id, jenis=jenis, tahun=th, triwulan=tw, tanggal=tanggal,
                peserta=PESERTA_EVALUASI if jenis == "evaluasi" else PESERTA_PEMANTAUAN,
                temuan=temuan if jenis == "evaluasi" else f"Telaah hasil pengukuran kinerja. {temuan}",
                oleh=oleh, berita_acara=ba, pada=t, demo=True)
            if ev.eksekusi_id is not None:
                berhenti = None
                if terakhir and r.random() < 0.7:
                    batas_langkah = r.randint(1, 8)
                    hitung = {"n": 0}

                    def berhenti(rec, lk, batas_langkah=batas_langkah, hitung=hitung):  # noqa: ANN001
                        hitung["n"] += 1
                        return hitung["n"] > batas_langkah
                self._jalani(ev.eksekusi_id, t, berhenti=berhenti, jenis=jenis)
            if jenis == "evaluasi":
                self._rekomendasi(ev, t, kurang, terakhir=terakhir, baru_saja=baru_saja)

    def _rekomendasi(self, ev: Evaluasi, t: datetime, kurang: list[Indikator], *, terakhir: bool,
                     baru_saja: bool) -> None:
        r = self.rng
        jumlah = r.choice((1, 2, 2, 3))
        saran = REKOMENDASI_IKU[self.kab]
        pilihan: list[tuple[Indikator | None, tuple]] = [(i, r.choice(saran[i.kode])) for i in kurang]
        lain = [i for i in self.iku if i not in kurang]
        r.shuffle(lain)
        pilihan += [(i, r.choice(saran[i.kode])) for i in lain]
        pilihan.insert(min(len(pilihan), r.randint(0, 2)), (None, r.choice(REKOMENDASI_SOP)))
        t_rek = self._tambah(t, r.uniform(20, 90))
        if t_rek >= self.batas:
            return
        pencatat = self.tim
        for ind, (teks, uraian, bukti) in pilihan[:jumlah]:
            if ind is None:
                role = self.evapor.role_kode
                kunci = r.choice([i.sop_kunci for i in self.iku if i.sop_kunci in self.sop] or [None])
                sop_id = self.sop[kunci].id if kunci else None
            else:
                role = ind.role_penanggung_jawab or self.evapor.role_kode
                sop_id = None
            if role not in self.pengguna:
                role = self.evapor.role_kode
            rek = tambah_rekomendasi(self.s, evaluasi_id=ev.id, teks=teks, role_kode=role,
                                     jatuh_tempo=ev.tanggal + timedelta(days=r.randint(30, 60)), oleh=pencatat,
                                     indikator_id=ind.id if ind else None, sop_id=sop_id, pada=t_rek)
            self._tindak_lanjut(rek, t_rek, uraian, bukti, terakhir=terakhir, baru_saja=baru_saja)

    def _tindak_lanjut(self, rek: Rekomendasi, t: datetime, uraian: str, bukti: list[str], *, terakhir: bool,
                       baru_saja: bool) -> None:
        """Follow a recommendation up to the status this one reaches by today."""
        r = self.rng
        if baru_saja:
            sasaran = r.choices(("baru", "dalam proses", "diserahkan", "dikembalikan", "diverifikasi", "selesai"),
                                weights=(3, 5, 4, 2, 3, 2 if terakhir else 8))[0]
        else:
            sasaran = "selesai" if r.random() < 0.94 else r.choice(("dalam proses", "diserahkan", "baru"))
        if sasaran == "baru":
            return
        pelaksana = self.pengguna.get(rek.role_kode, self.pengguna["camat"])
        sekcam, camat = self.pengguna["sekcam"], self.pengguna["camat"]
        dikembalikan = sasaran == "dikembalikan" or (sasaran in ("diverifikasi", "selesai") and r.random() < 0.2)
        langkah = [("mulai", r.uniform(0.5, 5)), ("serahkan", r.uniform(2, 18))]
        if dikembalikan:
            langkah += [("kembalikan", r.uniform(0.5, 4))]
            if sasaran != "dikembalikan":
                langkah += [("mulai", r.uniform(0.3, 3)), ("serahkan", r.uniform(1, 8))]
        if sasaran in ("diverifikasi", "selesai"):
            langkah += [("terima", r.uniform(0.5, 4))]
        if sasaran == "selesai":
            langkah += [("akui", r.uniform(0.5, 5))]
        berhenti_di = {"dalam proses": 1, "diserahkan": 2}.get(sasaran)
        if berhenti_di is not None:
            langkah = langkah[:berhenti_di]
        laju = 0.4 if terakhir else 1.0  # the latest evaluation is recent: its follow-ups move faster
        for aksi, hari in langkah:
            t = self._hari_kerja(t, hari * laju)
            if t >= self.batas:
                return
            if aksi == "mulai":
                mulai_tindak_lanjut(self.s, rekomendasi_id=rek.id, oleh=pelaksana, pada=t)
            elif aksi == "serahkan":
                serahkan(self.s, rekomendasi_id=rek.id, uraian=uraian, bukti=list(bukti), oleh=pelaksana, pada=t)
            elif aksi == "kembalikan":
                periksa(self.s, rekomendasi_id=rek.id, terima=False, alasan=r.choice(ALASAN_TINDAK_LANJUT),
                        oleh=sekcam, pada=t)
            elif aksi == "terima":
                periksa(self.s, rekomendasi_id=rek.id, terima=True, oleh=sekcam, pada=t)
            else:
                akui(self.s, rekomendasi_id=rek.id, oleh=camat, pada=t)
