"""Demo Perjanjian Kinerja of an office's history (seed.riwayat calls `perjanjian_kantor` once per office): for each
year, the lower PKs' indicators (the Sekretaris Camat's and each Kasi's, each supporting one of the Camat's IKU),
the Rencana Aksi kegiatan of every IKU and quarter, and the PKs themselves. The Camat's PK goes through the office's
SOP for it where it has one (Poncokusumo, Muara Papalik and the offices copied from them), else the Camat signs it
directly; the lower ones follow a few days later. Every signed PK carries a placeholder scan made here, plainly
marked as demo data. A PK whose signing would fall after today stays where the flow left it (a running SOP or a
draft): the current year's as the calendar allows. Synthetic offices (seed.sintetis) get none.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from models.kinerja.iku import iku_kantor, target_berlaku
from models.perencanaan.kalender_sakip import PERJANJIAN_KINERJA, jadwal_kabupaten, jendela, tanggal_lokal
from models.perencanaan.pekerjaan import revisi_berlaku
from models.perencanaan.perjanjian_kinerja import (
    PIHAK_BAWAH,
    buat_draf,
    indikator_pk,
    langkah_terkunci,
    mulai_sop,
    pk_terakhir,
    rencana_aksi,
    simpan_rencana_aksi,
    sop_pk,
    tambah_indikator,
    tandatangani,
)
from models.settings import load_settings
from models.sop.alur import catatan_terbuka, urutan_pelaksana
from models.tables import Eksekusi, Indikator, Kabupaten
from models.umum.penolakan import Ditolak
from models.umum.periode import akhir_triwulan
from models.umum.status import StatusEksekusi, StatusPerjanjian
from seed import scan_contoh
from seed.demo import AWALAN_SINTETIS

# (name, unit, target) of each lower PK's indicators, by role: the Sekretaris Camat's serve the first IKU; a Kasi's
# the IKU it is responsible for (else the first).
INDIKATOR_BAWAH: dict[str, tuple[tuple[str, str, float], ...]] = {
    "sekcam": (("Persentase dokumen perencanaan dan pelaporan kinerja yang tepat waktu", "%", 100.0),
               ("Jumlah rapat koordinasi evaluasi kinerja triwulanan", "kali", 4.0)),
    "kasi_pem": (("Persentase desa yang tertib administrasi kependudukan", "%", 90.0),),
    "kasi_ekbang": (("Persentase usulan Musrenbang desa yang terverifikasi", "%", 85.0),
                    ("Jumlah desa yang menyampaikan laporan pembangunan tepat waktu", "desa", 12.0)),
    "kasi_trantib": (("Jumlah pos kamling yang aktif", "pos", 20.0),),
}
# The quarter's kegiatan of every IKU; "{iku}" is the indicator's name.
KEGIATAN = {
    1: "Sosialisasi target {iku} kepada desa dan penyusunan jadwal pengumpulan data",
    2: "Pendampingan desa dan rapat koordinasi capaian {iku}",
    3: "Monitoring lapangan dan verifikasi data {iku}",
    4: "Evaluasi akhir tahun capaian {iku} bersama Tim",
}
TERLAKSANA = {
    1: "Sosialisasi dilaksanakan di kantor kecamatan; jadwal disepakati semua desa",
    2: "Rapat koordinasi dilaksanakan; kendala desa dicatat untuk ditindaklanjuti",
    3: "Verifikasi selesai; data desa yang belum lengkap sudah diminta",
    4: "Evaluasi dilaksanakan; hasilnya masuk bahan Laporan Kinerja",
}


def perjanjian_kantor(k: Any, folder: Path | None = None) -> None:
    """The PKs, lower indicators and Rencana Aksi of one office of the history `k` (a seed.riwayat.KantorRiwayat:
    its session, office, years, people, random source, work calendar and step walker)."""
    folder = folder or load_settings().upload_dir
    s, kec = k.s, k.kec
    if s.get(Kabupaten, kec.kabupaten_id).nama.startswith(AWALAN_SINTETIS + " "):
        return  # a synthetic office is a bulk copy of a template's history without its PKs (seed.sintetis)
    jadwal = next((j for j in jadwal_kabupaten(s, kec.kabupaten_id) if j.kewajiban == PERJANJIAN_KINERJA), None)
    if jadwal is None:
        return
    iku = iku_kantor(s, kec.id)
    if not iku:
        return
    camat = k.pengguna["camat"]
    sekcam = k.pengguna["sekcam"]
    sop = sop_pk(s, kec.id)
    tahun = list(k.tahun)
    if jendela(jadwal, k.hari_ini.year + 1, None, k.kal)[0] < k.hari_ini:
        tahun.append(k.hari_ini.year + 1)  # next year's PK is already being prepared
    for th in tahun:
        buka, tenggat = jendela(jadwal, th, None, k.kal)
        if buka >= k.hari_ini:
            continue
        _rencana_aksi(k, iku, th, camat)
        for role in PIHAK_BAWAH:
            if role in k.pengguna and not indikator_pk(s, kec.id, th, role):
                for nama, satuan, target in INDIKATOR_BAWAH.get(role, ()):
                    ind = next((i for i in iku if i.role_penanggung_jawab == role), iku[0])
                    tambah_indikator(s, kecamatan_id=kec.id, tahun=th, role_kode=role, indikator_id=ind.id,
                                     nama=nama, satuan=satuan, target=target, oleh=sekcam)
        hari = max(1.0, k.kal.working_minutes(k._lokal(buka), k._lokal(tenggat)) / k.kal.menit_per_hari)
        porsi = k.rng.uniform(0.85, 1.3) if k.rng.random() < 0.15 else k.rng.uniform(0.1, 0.7)
        t = k._tambah(k._hari_kerja(k._lokal(buka), hari * porsi), k.rng.uniform(0, 240))
        berjalan = th > k.hari_ini.year  # next year's: prepared, not yet signed
        if t >= k.batas or berjalan:
            t = k._hari_kerja(k._lokal(buka), k.rng.uniform(0.1, 1.0))
            berjalan = True
        if t >= k.batas:
            continue
        ditandatangani = _pk_camat(k, th, t, sop is not None, camat, folder, tanda_tangan=not berjalan)
        if ditandatangani is None:
            continue
        for role in PIHAK_BAWAH:
            if role not in k.pengguna or not indikator_pk(s, kec.id, th, role):
                continue
            t_bawah = k._hari_kerja(ditandatangani, k.rng.uniform(1, 6))
            if t_bawah >= k.batas:
                continue
            pk = pk_terakhir(s, kec.id, th, role) or buat_draf(s, kecamatan_id=kec.id, tahun=th, role_kode=role,
                                                               oleh=camat)
            if pk.status == StatusPerjanjian.DRAF:
                _tanda_tangani(k, pk.id, t_bawah, camat, folder)


def _pk_camat(k: Any, th: int, t: Any, ada_sop: bool, camat: Any, folder: Path, *, tanda_tangan: bool) -> Any:
    """Carry the Camat's PK of the year from `t`: through the SOP's run up to its last step, then (`tanda_tangan`)
    signed. Returns the instant it was signed, or None where the flow stops before today (or a target is
    missing)."""
    s, kec = k.s, k.kec
    pk = pk_terakhir(s, kec.id, th, "camat")
    if pk is not None and pk.status == StatusPerjanjian.DITANDATANGANI:
        return None
    if any(target_berlaku(s, indikator_id=i.id, kecamatan_id=kec.id, tahun=th) is None
           for i in iku_kantor(s, kec.id)):
        if pk is None:
            buat_draf(s, kecamatan_id=kec.id, tahun=th, role_kode="camat", oleh=camat)
        return None
    if ada_sop:
        sop = sop_pk(s, kec.id)
        assert sop is not None
        rev = revisi_berlaku(s, sop.id)
        pertama = urutan_pelaksana(s, rev.id)[0].role_kode if rev else "camat"
        pemula = k.pengguna.get(pertama, camat)
        eks = mulai_sop(s, kecamatan_id=kec.id, tahun=th, oleh=pemula, pada=t, demo=True)
        t = k._jalani(eks.id, t, berhenti=lambda rec, _lk, eks=eks: langkah_terkunci(s, eks, rec) is not None,
                      jenis="dokumen")
        rec = catatan_terbuka(s, eks.id)
        if s.get(Eksekusi, eks.id).status != StatusEksekusi.BERJALAN or rec is None or \
                langkah_terkunci(s, eks, rec) is None:
            return None  # stopped before the last step: today came first
        t = k._tambah(t, k.rng.uniform(60, 2 * k.kal.menit_per_hari))
        if t >= k.batas or not tanda_tangan:
            return None
        pk = pk_terakhir(s, kec.id, th, "camat")
    elif pk is None:
        pk = buat_draf(s, kecamatan_id=kec.id, tahun=th, role_kode="camat", oleh=camat)
    if not tanda_tangan:
        return None
    return t if _tanda_tangani(k, pk.id, t, camat, folder) else None


def _tanda_tangani(k: Any, pk_id: int, t: Any, camat: Any, folder: Path) -> bool:
    try:
        tandatangani(k.s, pk_id=pk_id, nama_berkas="scan-perjanjian-kinerja-demo.pdf", data=scan_contoh("Perjanjian Kinerja"),
                     tanggal=tanggal_lokal(t, k.kec.zona_waktu or "Asia/Jakarta"), oleh=camat, folder=folder, pada=t)
    except Ditolak:
        return False
    return True


def _rencana_aksi(k: Any, iku: list[Indikator], th: int, camat: Any) -> None:
    s, kec = k.s, k.kec
    ada = {(b.indikator.id, b.triwulan) for b in rencana_aksi(s, kec.id, th) if b.kegiatan}
    for ind in iku:
        pelaksana = ind.role_penanggung_jawab if ind.role_penanggung_jawab in k.pengguna else (
            "kasubag_evapor" if "kasubag_evapor" in k.pengguna else "sekcam")
        for tw in (1, 2, 3, 4):
            if (ind.id, tw) in ada:
                continue
            selesai = akhir_triwulan(th, tw) < k.hari_ini
            simpan_rencana_aksi(s, kecamatan_id=kec.id, tahun=th, triwulan=tw, indikator_id=ind.id,
                                kegiatan=KEGIATAN[tw].format(iku=ind.nama[:1].lower() + ind.nama[1:]), role_kode=pelaksana,
                                terlaksana=TERLAKSANA[tw] if selesai else None, oleh=camat)
