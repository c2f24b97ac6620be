"""Demo Laporan Kinerja of the Malang and Tanjung Jabung Barat offices: the passages each office writes (Bab I once,
carried over; per IKU and Bab IV each year, worded from the year's capaian the engine gives), and the course of the
LKj of a finished year in the history (the reviu by the Sekretaris Camat, the Camat's signature with a placeholder
scan clearly marked as demo data).

`bab_i_demo` is called by the demo load (seed.demo.muat_demo) for the seed offices; `teks_kantor` and
`tanda_tangani_demo` by the history (seed.riwayat) for every office it builds. The passages are plausible Indonesian
text made for the demo, different per office (its name, place, kabupaten, figures and a choice of wording drawn from
a source seeded by the office's name); they are not any office's real report.
"""
from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from sqlmodel import Session, select

from models.kinerja.capaian import capaian_kantor
from models.perencanaan.laporan_kinerja import (
    langkah_terkunci,
    laporan,
    reviu,
    tandatangani,
    teks_tahun,
)
from models.perencanaan.laporan_kinerja import simpan_teks as tulis_teks
from models.perencanaan.publikasi import terbitkan
from models.settings import load_settings
from models.sop.alur import catatan_terbuka
from models.tables import Eksekusi, Kabupaten, Kecamatan, User
from models.umum.angka import format_angka, tulis_persen
from models.umum.penolakan import Ditolak
from models.umum.periode import ROMAWI
from models.umum.status import StatusLaporan
from seed import scan_contoh

JUMLAH_KECAMATAN = {"Malang": 33, "Tanjung Jabung Barat": 13}
# What the demo knows of the seed offices; other offices draw their place from WILAYAH.
TEMPAT = {
    "Poncokusumo": "di lereng barat Gunung Semeru, berbatasan dengan kawasan Taman Nasional Bromo Tengger Semeru, "
                   "dengan 17 desa yang sebagian besar penduduknya petani hortikultura dan apel",
    "Kalipare": "di bagian selatan Kabupaten Malang, di sekitar Waduk Karangkates (Lahor), dengan penduduk yang "
                "sebagian besar bekerja di pertanian lahan kering dan perikanan darat",
    "Karangploso": "di utara Kota Malang pada jalur Malang–Batu, dengan kawasan industri, pertanian dan permukiman "
                   "yang tumbuh cepat",
    "Muara Papalik": "di bagian barat Kabupaten Tanjung Jabung Barat, wilayah perkebunan kelapa sawit dan karet "
                     "dengan desa-desa yang berjauhan dan akses jalan yang sebagian belum beraspal",
}
WILAYAH = {
    "Malang": ("di dataran tinggi dengan desa-desa pertanian sayur dan kopi",
               "di wilayah selatan yang berbukit dengan pertanian tebu dan perkebunan",
               "di kawasan yang berkembang menjadi permukiman penyangga Kota Malang",
               "di daerah pertanian padi beririgasi dengan pasar desa yang ramai"),
    "Tanjung Jabung Barat": ("di kawasan pesisir timur Jambi dengan desa-desa nelayan dan perkebunan kelapa",
                             "di wilayah perkebunan kelapa sawit dengan permukiman eks-transmigrasi",
                             "di tepian sungai dengan desa yang sebagian hanya terjangkau lewat perairan",
                             "di daerah gambut dengan perkebunan pinang dan kelapa dalam"),
}
STRUKTUR = {
    "Malang": ("Camat dibantu Sekretaris Camat yang membawahi Subbagian Umum dan Kepegawaian serta Subbagian "
               "Evaluasi dan Pelaporan, dan tiga Kepala Seksi: Seksi Pemerintahan, Seksi Ekonomi dan Pembangunan, "
               "serta Seksi Ketenteraman dan Ketertiban. Tim Akuntabilitas Kinerja yang ditetapkan dengan Keputusan "
               "Camat mengumpulkan, mengukur dan melaporkan capaian kinerja."),
    "Tanjung Jabung Barat": ("Camat dibantu Sekretaris Camat yang membawahi Subbagian Perencanaan dan Keuangan serta "
                             "Subbagian Umum dan Kepegawaian, seorang Analis Perencanaan, dan seksi-seksi: "
                             "Pemerintahan, Ekonomi dan Pembangunan, serta Ketenteraman dan Ketertiban. Subbagian "
                             "Perencanaan dan Keuangan mengelola data kinerja dan DPA kecamatan."),
}
ISU = ("kualitas data kinerja desa yang belum seragam dan sering terlambat disampaikan",
       "partisipasi perempuan dan kelompok rentan dalam Musrenbang yang masih rendah",
       "kecepatan pelayanan administrasi kependudukan di tengah jumlah permohonan yang meningkat",
       "kapasitas aparatur desa dalam penyusunan laporan penyelenggaraan pemerintahan desa",
       "keaktifan pos kamling dan kesiapsiagaan linmas menghadapi gangguan ketertiban",
       "keterbatasan anggaran kecamatan dibanding luas wilayah dan jumlah desa yang dibina",
       "pemanfaatan aplikasi dalam pelaporan kinerja dan pelayanan yang belum merata",
       "kerawanan bencana (banjir, longsor, kebakaran lahan) yang mengganggu pelayanan",
       "koordinasi lintas perangkat daerah dalam menindaklanjuti usulan desa")
# Per IKU, by a word of its name: what made the difference, what was done, what stood in the way.
TOPIK = (
    ("musrenbang", "Musrenbang",
     ("undangan disampaikan paling lambat tujuh hari sebelumnya dan dikonfirmasi ulang melalui kepala desa",
      "jadwal Musrenbangcam disepakati bersama desa sejak awal tahun"),
     ("pendampingan pra-Musrenbang di setiap desa", "penyampaian hasil verifikasi usulan desa sebelum forum"),
     ("sebagian delegasi berhalangan karena bertepatan dengan masa panen", "jarak dan akses ke kantor kecamatan")),
    ("pengantar", "pelayanan pengantar administrasi kependudukan",
     ("penerapan antrean dan pemeriksaan berkas di loket sejak pagi", "pembagian tugas petugas loket yang jelas"),
     ("penambahan jam layanan pada hari sibuk", "jemput bola pengantar KTP-el di desa yang jauh"),
     ("berkas pemohon yang tidak lengkap", "gangguan jaringan saat verifikasi data")),
    ("poskamling", "keaktifan pos kamling",
     ("jadwal ronda yang dipantau Babinsa dan Bhabinkamtibmas bersama perangkat desa",
      "pembinaan linmas secara berkala"),
     ("lomba pos kamling tingkat kecamatan", "patroli gabungan tiga pilar pada malam akhir pekan"),
     ("sebagian pos kamling rusak dan belum diperbaiki", "menurunnya minat warga muda untuk ronda")),
    ("laporan", "ketepatan laporan desa",
     ("agenda surat masuk yang mencatat tanggal terima setiap laporan",
      "pengingat tenggat laporan yang dikirim ke desa setiap awal bulan"),
     ("bimbingan teknis penyusunan laporan bagi sekretaris desa", "klinik pelaporan di kantor kecamatan"),
     ("pergantian perangkat desa yang belum terlatih", "laporan yang dikembalikan karena tidak lengkap")),
    ("paten", "pelayanan PATEN",
     ("standar pelayanan yang dipasang di ruang layanan", "pemantauan waktu penyelesaian setiap permohonan"),
     ("penyederhanaan alur dan formulir layanan", "survei kepuasan masyarakat setiap semester"),
     ("permohonan menumpuk pada awal tahun ajaran", "petugas yang merangkap tugas lain")),
    ("gangguan", "penanganan gangguan ketenteraman",
     ("respons cepat bersama Satpol PP dan aparat keamanan", "pemetaan titik rawan bersama desa"),
     ("rapat koordinasi keamanan bulanan", "sosialisasi pencegahan konflik dan kenakalan remaja"),
     ("laporan warga yang terlambat sampai ke kecamatan", "luas wilayah dengan personel yang terbatas")),
    ("pembinaan", "pembinaan pemerintahan desa",
     ("jadwal pembinaan yang disusun bersama desa", "tim pembina yang melibatkan seluruh seksi"),
     ("kunjungan pembinaan ke desa secara bergilir", "evaluasi pembinaan di akhir setiap triwulan"),
     ("agenda desa yang berbenturan dengan jadwal pembinaan", "kendaraan dinas yang terbatas")),
)
UMUM = ("pelaksanaan kegiatan", ("koordinasi yang baik antara kecamatan dan desa",
                                 "pemantauan capaian setiap triwulan oleh Tim"),
        ("rapat evaluasi triwulanan", "pendampingan desa yang capaiannya rendah"),
        ("keterbatasan anggaran dan sumber daya manusia", "data dukung yang terlambat dikumpulkan"))
PERBAIKAN = ("menetapkan jadwal pengumpulan data dukung per triwulan dan memantaunya dalam rapat Tim",
             "memperkuat pendampingan bagi desa yang capaiannya di bawah target",
             "menyelaraskan kegiatan DPA dengan sasaran yang capaiannya rendah",
             "mempercepat pengesahan realisasi triwulan agar pengukuran tidak tertunda",
             "meningkatkan kapasitas aparatur melalui bimbingan teknis SAKIP",
             "memanfaatkan aplikasi untuk mempercepat pelaporan dari desa")


def _rng(kec: Kecamatan, *tambahan: Any) -> random.Random:
    return random.Random("|".join(str(x) for x in (kec.nama, kec.id, *tambahan)))


def _penulis(s: Session, kec: Kecamatan) -> User | None:
    for role in ("kasubag_evapor", "kasubag_renkeu", "sekcam", "camat"):
        u = s.exec(select(User).where(User.kecamatan_id == kec.id).where(User.role_kode == role)
                   .where(User.aktif == True).order_by(User.id)).first()  # noqa: E712
        if u is not None:
            return u
    return None


def _demo(s: Session, kec: Kecamatan) -> str | None:
    """The kabupaten (Malang, Tanjung Jabung Barat) whose demo texts the office gets, or None."""
    nama = s.get(Kabupaten, kec.kabupaten_id).nama
    return nama if nama in JUMLAH_KECAMATAN else None


def bab_i(kec: Kecamatan, kab: str, tahun: int) -> dict[str, str]:
    """Bab I's passages of an office."""
    r = _rng(kec, "bab1")
    tempat = TEMPAT.get(kec.nama) or r.choice(WILAYAH[kab])
    pegawai = r.randint(18, 34)
    isu = r.sample(ISU, 4)
    return {
        "profil": (f"Kecamatan {kec.nama} adalah satu dari {JUMLAH_KECAMATAN[kab]} kecamatan di Kabupaten {kab}, "
                   f"terletak {tempat}. Kantor kecamatan melayani warga dan membina desa-desa di wilayahnya dengan "
                   f"{pegawai} orang pegawai.\n"
                   f"Laporan Kinerja ini menyajikan capaian kinerja Kecamatan {kec.nama} terhadap Perjanjian "
                   "Kinerja tahunan yang ditandatangani Camat dengan Bupati, sebagai wujud akuntabilitas "
                   "sebagaimana diatur Peraturan Presiden Nomor 29 Tahun 2014 dan Peraturan Menteri PAN-RB Nomor 53 "
                   "Tahun 2014."),
        "tugas_fungsi": (f"Berdasarkan Peraturan Pemerintah Nomor 17 Tahun 2018 tentang Kecamatan dan Peraturan Bupati "
                         f"{kab} tentang kedudukan, susunan organisasi, tugas dan fungsi kecamatan, Camat {kec.nama} "
                         "menyelenggarakan urusan pemerintahan umum, mengoordinasikan pemberdayaan masyarakat, "
                         "ketenteraman dan ketertiban umum, penerapan peraturan daerah, pemeliharaan sarana pelayanan "
                         "umum, serta membina dan mengawasi penyelenggaraan pemerintahan desa, ditambah kewenangan "
                         "yang dilimpahkan Bupati untuk pelayanan kepada masyarakat."),
        "struktur": STRUKTUR[kab],
        "isu_strategis": ("Isu strategis yang dihadapi kecamatan: " + "; ".join(isu[:-1]) + f"; dan {isu[-1]}."),
    }


def bab_i_demo(s: Session, tahun: int, pada: datetime) -> int:
    """Bab I's passages of every Malang and Tanjung Jabung Barat office without them, as of `tahun` (later years
    carry them over). Returns how many were written."""
    n = 0
    for kec in s.exec(select(Kecamatan).order_by(Kecamatan.nama)).all():
        kab, oleh = _demo(s, kec), _penulis(s, kec)
        if kab is None or oleh is None:
            continue
        ada = teks_tahun(s, kec.id, tahun)
        for bagian, isi in bab_i(kec, kab, tahun).items():
            if (bagian, None) not in ada:
                tulis_teks(s, kecamatan_id=kec.id, tahun=tahun, bagian=bagian, indikator_id=None, isi=isi, oleh=oleh,
                           pada=pada)
                n += 1
    return n


def _topik(nama: str) -> tuple:
    kunci = nama.lower()
    for t in TOPIK:
        if t[0] in kunci:
            return t[1:]
    return UMUM


def _capaian(b: Any) -> tuple[float | None, str]:
    """The year's capaian, or the latest quarter's while the year is not complete, with the period it covers."""
    if b.tahun.tersedia:
        return b.tahun.persen, "tahun ini"
    for q in (3, 2, 1):
        c, _resmi = b.pada(q)
        if c.tersedia:
            return c.persen, f"sampai triwulan {ROMAWI[q]}"
    return None, ""


def teks_iku(kec: Kecamatan, tahun: int, b: Any) -> dict[str, str]:
    """The passages on one IKU of a year, worded from its capaian."""
    r = _rng(kec, tahun, b.indikator.kode)
    hal, sebab, upaya, hambat = _topik(b.indikator.nama)
    persen, kapan = _capaian(b)
    if persen is None:
        penyebab = (f"Capaian {b.indikator.kode} belum dapat dihitung karena realisasi triwulan belum lengkap "
                    "disahkan; analisis penyebab disusun setelah seluruh data resmi.")
    elif persen >= 100:
        utama, pendukung = r.sample(sebab, 2)
        penyebab = (f"Capaian {b.indikator.kode} {kapan} {tulis_persen(persen)} memenuhi target. Keberhasilan "
                    f"{hal} terutama karena {utama}, didukung {pendukung}.")
    else:
        penyebab = (f"Capaian {b.indikator.kode} {kapan} {tulis_persen(persen)} belum memenuhi target. "
                    f"Kekurangan {hal} terutama karena {r.choice(hambat)}.")
    pertama, kedua = r.sample(upaya, 2)
    return {
        "penyebab": penyebab,
        "upaya": f"Upaya yang dilakukan kecamatan: {pertama}, dan {kedua}; hasilnya dipantau dalam rapat Tim setiap "
                 "triwulan.",
        "hambatan": (f"Hambatan utama: {r.choice(hambat)}. "
                     + r.choice(("Kecamatan mengusulkan dukungan perangkat daerah terkait.",
                                 "Hambatan ini dibahas dalam evaluasi triwulan dan ditindaklanjuti Kasi terkait.",
                                 "Tindak lanjutnya dicatat pada rekomendasi evaluasi kinerja."))),
    }


def bab_iv(kec: Kecamatan, tahun: int, baris: list[Any]) -> dict[str, str]:
    r = _rng(kec, tahun, "bab4")
    capai = [c for b in baris if (c := _capaian(b)[0]) is not None]
    penuh = sum(1 for c in capai if c >= 100)
    if capai:
        simpulan = (f"Dari {len(baris)} IKU Kecamatan {kec.nama} tahun {tahun}, {len(capai)} telah dapat diukur dan "
                    f"{penuh} di antaranya memenuhi target. Rata-rata capaian {format_angka(sum(capai) / len(capai), 2)}"
                    " %. " + ("Kinerja kecamatan secara umum baik." if penuh * 2 >= len(capai) else
                              "Kinerja kecamatan masih perlu ditingkatkan."))
    else:
        simpulan = f"Capaian IKU Kecamatan {kec.nama} tahun {tahun} belum dapat disimpulkan karena data belum lengkap."
    langkah = r.sample(PERBAIKAN, 3)
    return {"simpulan": simpulan,
            "perbaikan": f"Untuk tahun {tahun + 1} kecamatan akan: 1) {langkah[0]}; 2) {langkah[1]}; 3) {langkah[2]}."}


def teks_kantor(s: Session, kec: Kecamatan, tahun: Iterable[int], *, pada: Any) -> int:
    """Every passage an office of the demo lacks for each of its years (Bab I only for the first year, carried over
    after), written by its performance keeper at `pada(tahun)`; a signed year is left as signed."""
    kab, oleh = _demo(s, kec), _penulis(s, kec)
    if kab is None or oleh is None:
        return 0
    n = 0
    thn = sorted(tahun)
    for th in thn:
        lk = laporan(s, kec.id, th)
        if lk is not None and lk.status == StatusLaporan.DITANDATANGANI:
            continue
        ada = teks_tahun(s, kec.id, th)
        baris = capaian_kantor(s, kecamatan_id=kec.id, tahun=th)
        isi: dict[tuple[str, int | None], str] = {}
        if th == thn[0]:
            isi.update({(k, None): v for k, v in bab_i(kec, kab, th).items()})
        for b in baris:
            isi.update({(k, b.indikator.id): v for k, v in teks_iku(kec, th, b).items()})
        isi.update({(k, None): v for k, v in bab_iv(kec, th, baris).items()})
        for (bagian, ind), teks in isi.items():
            if (bagian, ind) in ada:
                continue
            tulis_teks(s, kecamatan_id=kec.id, tahun=th, bagian=bagian, indikator_id=ind, isi=teks, oleh=oleh,
                       pada=pada(th))
            n += 1
    return n


def tanda_tangani_demo(k: Any, eks: Eksekusi, t: datetime, folder: Path | None = None) -> datetime | None:
    """A year's LKj run of the history `k` (a seed.riwayat.KantorRiwayat) waiting at its Camat's step: the Sekretaris
    Camat records the reviu a few working days later, the Camat signs a few days after; returns when it was signed,
    or None when that would fall after today (the run then waits)."""
    s = k.s
    rec = catatan_terbuka(s, eks.id)
    if rec is None or langkah_terkunci(s, eks, rec) is None:
        return None
    folder = folder or load_settings().upload_dir
    t_reviu = k._hari_kerja(t, k.rng.uniform(0.5, 3))
    if t_reviu >= k.batas:
        return None
    lk = laporan(s, eks.kecamatan_id, eks.tahun)
    if lk is None or lk.status == StatusLaporan.DRAF:
        catatan = k.rng.choice((
            "Sistematika sesuai PermenPAN-RB 53/2014; analisis penyebab dan efisiensi sudah memadai.",
            "Data capaian sesuai Pengukuran Kinerja; mohon lengkapi uraian hambatan pada IKU yang belum mencapai "
            "target.", "Laporan lengkap. Tabel realisasi anggaran telah sesuai DPA dan laporan realisasi."))
        reviu(s, kecamatan_id=eks.kecamatan_id, tahun=eks.tahun, catatan=catatan, oleh=k.pengguna["sekcam"],
              pada=t_reviu)
    t_ttd = k._hari_kerja(t_reviu, k.rng.uniform(0.5, 3))
    if t_ttd >= k.batas:
        return None
    tanggal = t_ttd.astimezone(k.zona).date()
    try:
        tandatangani(s, kecamatan_id=eks.kecamatan_id, tahun=eks.tahun, nama_berkas="scan-laporan-kinerja-demo.pdf",
                     data=scan_contoh("Laporan Kinerja"), tanggal=tanggal, oleh=k.pengguna["camat"], folder=folder, pada=t_ttd)
    except Ditolak:
        return None  # e.g. a date outside the years the LKj may be signed in: the run waits
    # The last full year's report is published by the Camat the next working day; earlier ones stay unpublished.
    t_terbit = k._hari_kerja(t_ttd, 1)
    if eks.tahun == k.batas.year - 1 and t_terbit < k.batas:
        terbitkan(s, jenis="lkj", id=laporan(s, eks.kecamatan_id, eks.tahun).id, oleh=k.pengguna["camat"],
                  pada=t_terbit)
    return t_ttd


def pada_tulis(k: Any) -> Any:
    """When the history's office writes a year's passages: the first days of the January after it, as its LKj's
    run begins (no later than the day before today)."""
    def pada(th: int) -> datetime:  # not from the history's random stream: an office without texts draws none
        jam = _rng(k.kec, th, "pada").uniform(0, 48)
        t = datetime(th + 1, 1, 2, 1, 0, tzinfo=timezone.utc) + timedelta(hours=jam)
        return min(t, k.batas - timedelta(days=1))
    return pada
