"""A person's change of a year's target or of a quarter's (the Rencana Aksi), under the SAKIP year's rules.

- A year whose Laporan Kinerja has ended is closed: its targets no longer change.
- A change that alters a capaian already official needs the Camat, and says which capaian it changes and how.
- A quarter's target can be removed (the quarter is then measured against the year's target again): the old row is
  kept, no longer in force, with a reason, audited.
The target itself (one in force, the old one kept, the reason, the audit) is models.kinerja.iku.tetapkan_target's.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import CursorResult, update
from sqlmodel import Session, col

from models.akun.peran import PENGATUR_TARGET
from models.kinerja.capaian import BarisCapaian, capaian_kantor
from models.kinerja.iku import TANPA, periksa_nilai_target, target_berlaku, tetapkan_target
from models.perencanaan.kalender_sakip import kewajiban_kantor, tanggal_lokal
from models.tables import Indikator, Target, User
from models.umum.angka import tulis_persen
from models.umum.audit import catat
from models.umum.isian import MAKS_KALIMAT, teks
from models.umum.penolakan import Ditolak
from models.umum.periode import ROMAWI
from models.umum.tanggal import tanggal_panjang

LAPORAN_KINERJA = "laporan_kinerja"


@dataclass(frozen=True)
class PerubahanTarget:
    target: Target | None  # the target now in force; None when a quarter's target was removed (or there was none)
    capaian_resmi: tuple[str, ...]  # "triwulan IV: 84,76% menjadi 6,36%", for each official quarter it changes
    dihapus: bool = False  # a quarter's target was removed


def tahun_ditutup(session: Session, kecamatan_id: int, tahun: int) -> str | None:
    """Why the year is closed (its Laporan Kinerja has ended), or None while it is open."""
    for k in kewajiban_kantor(session, kecamatan_id, tahun=tahun):
        if k.jadwal.kewajiban == LAPORAN_KINERJA and k.tahun == tahun and k.selesai_pada is not None:
            return (f"Tahun {tahun} sudah ditutup: Laporan Kinerja {tahun} selesai pada "
                    f"{tanggal_panjang(tanggal_lokal(k.selesai_pada))}; targetnya tidak dapat diubah lagi.")
    return None


def _persen(c) -> str:
    return tulis_persen(c.persen) if c.tersedia else "tidak dapat dihitung"


def capaian_resmi_berubah(session: Session, *, indikator_id: int, kecamatan_id: int, tahun: int,
                          nilai: float | None, triwulan: int | None = None) -> tuple[str, ...]:
    """Each official quarter's capaian that a year target (or, with `triwulan`, that quarter's target; None: none)
    of `nilai` would change, before and after."""
    baris = next((b for b in capaian_kantor(session, kecamatan_id=kecamatan_id, tahun=tahun)
                  if b.indikator.id == indikator_id), None)
    if baris is None:
        return ()
    if triwulan is None:
        baru = BarisCapaian(baris.indikator, nilai, baris.realisasi, baris.target_triwulan)
    else:
        per_tw = list(baris.target_triwulan)
        per_tw[triwulan - 1] = nilai
        baru = BarisCapaian(baris.indikator, baris.target, baris.realisasi, tuple(per_tw))
    return tuple(f"triwulan {ROMAWI[n]}: {_persen(lama)} menjadi {_persen(sesudah)}"
                 for n, (lama, sesudah) in enumerate(zip(baris.resmi, baru.resmi), start=1)
                 if lama.tersedia and lama.persen != sesudah.persen)


def _indikator(session: Session, indikator_id: int) -> Indikator:
    ind = session.get(Indikator, indikator_id)
    if ind is None:
        raise Ditolak("Indikator tidak ditemukan.")
    return ind


def nama_target(triwulan: int | None, tahun: int) -> str:
    """>>> nama_target(None, 2025), nama_target(2, 2025)
    ('target 2025', 'target triwulan II 2025')
    """
    return f"target triwulan {ROMAWI[triwulan]} {tahun}" if triwulan else f"target {tahun}"


def ubah_target(session: Session, *, indikator_id: int, kecamatan_id: int, tahun: int, nilai: float | None,
                oleh: User, alasan: str | None = None, diharapkan: object = TANPA,
                triwulan: int | None = None) -> PerubahanTarget:
    """Set or change a year's target, or with `triwulan` a quarter's (None removes the quarter's), from the IKU &
    Target page. Refused, with the reason, in a closed year, when it changes an official capaian and the person is
    not the Camat, and when the target in force is no longer the one the page showed (`diharapkan`, its id or
    None). Only the office's own target setters (Kasubag Evapor, Kasubag Perencanaan dan Keuangan, Camat) set its
    targets: a kabupaten-level user (the Inspektorat's evaluator included) never does."""
    if not oleh.aktif or oleh.kecamatan_id != kecamatan_id or oleh.role_kode not in PENGATUR_TARGET:
        raise Ditolak("Target ditetapkan oleh Kasubag Evapor, Kasubag Perencanaan dan Keuangan atau Camat kecamatan "
                      "ini; peran Anda tidak dapat mengubahnya.")
    if triwulan is not None and triwulan not in ROMAWI:
        raise Ditolak("Triwulan harus 1 sampai 4.")
    if (ditutup := tahun_ditutup(session, kecamatan_id, tahun)) is not None:
        raise Ditolak(ditutup)
    if nilai is not None:  # the value's own rule first: before whose change it would be
        periksa_nilai_target(_indikator(session, indikator_id), nilai, tahun=tahun, triwulan=triwulan)
    lama = target_berlaku(session, indikator_id=indikator_id, kecamatan_id=kecamatan_id, tahun=tahun,
                          triwulan=triwulan)
    if diharapkan is not TANPA and (lama.id if lama else None) != diharapkan:
        ind = _indikator(session, indikator_id)
        raise Ditolak(f"{ind.kode} {nama_target(triwulan, tahun)}: target ini baru saja diubah orang lain; muat "
                      "ulang halaman lalu periksa lagi.")
    if triwulan is not None and nilai is None and lama is None:
        return PerubahanTarget(None, ())  # no quarter's target, none asked for
    berubah: tuple[str, ...] = ()
    hapus = triwulan is not None and nilai is None
    if hapus or (nilai is not None and nilai >= 0 and (lama is None or lama.nilai != nilai)):
        berubah = capaian_resmi_berubah(session, indikator_id=indikator_id, kecamatan_id=kecamatan_id, tahun=tahun,
                                        nilai=nilai, triwulan=triwulan)
        if berubah and oleh.role_kode != "camat":
            ind = _indikator(session, indikator_id)
            raise Ditolak(f"{ind.kode} {nama_target(triwulan, tahun)}: perubahan ini mengubah capaian yang sudah "
                          f"resmi ({'; '.join(berubah)}); hanya Camat yang dapat mengubahnya.")
    if hapus and lama is not None:
        hapus_target(session, lama, oleh=oleh, alasan=alasan)
        return PerubahanTarget(None, berubah, dihapus=True)
    # The target checked above is the one replaced: a change committed meanwhile is refused, not overwritten.
    target = tetapkan_target(session, indikator_id=indikator_id, kecamatan_id=kecamatan_id, tahun=tahun, nilai=nilai,
                             oleh=oleh, alasan=alasan, diharapkan=lama.id if lama else None, triwulan=triwulan)
    return PerubahanTarget(target, berubah)


def hapus_target(session: Session, lama: Target, *, oleh: User, alasan: str | None) -> None:
    """Remove a quarter's target: its row is kept, no longer in force, and the quarter is measured against the
    year's target again. Needs a reason; audited; refused when someone else changed it meanwhile."""
    ind = _indikator(session, lama.indikator_id)
    nama = f"{ind.kode} {ind.nama}, {nama_target(lama.triwulan, lama.tahun)}"
    if lama.triwulan is None:
        raise Ditolak(f"{nama}: target tahun tidak dapat dihapus, hanya diubah.")
    alasan = teks(alasan, label=f"{nama}: alasan penghapusan target", maks=MAKS_KALIMAT)
    if not (alasan or "").strip():
        raise Ditolak(f"{nama}: penghapusan target wajib disertai alasan (mis. perubahan Rencana Aksi).")
    hasil = cast(CursorResult[Any], session.execute(
        update(Target).where(col(Target.id) == lama.id).where(col(Target.berlaku) == True)  # noqa: E712
        .values(berlaku=False).execution_options(synchronize_session=False)))
    if hasil.rowcount != 1:
        raise Ditolak(f"{nama}: target ini baru saja diubah orang lain; muat ulang halaman lalu periksa lagi.")
    session.expire(lama)
    catat(session, aksi="target.hapus", oleh=oleh, objek="target", objek_id=lama.id, kecamatan_id=lama.kecamatan_id,
          sebelum={"nilai": lama.nilai},
          sesudah={"indikator": ind.kode, "tahun": lama.tahun, "triwulan": lama.triwulan, "nilai": None},
          keterangan=(alasan or "").strip())
