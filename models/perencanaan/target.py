"""A person's change of a year's target, under the SAKIP year's rules.

- A year whose Laporan Kinerja has ended is closed: its targets no longer change.
- A change that alters a capaian already official needs the Camat, and says which capaian it changes and how.
The target itself (one in force, the old one kept, the reason, the audit) is models.kinerja.iku.tetapkan_target's.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from models.kinerja.capaian import BarisCapaian, capaian_kantor
from models.kinerja.iku import TANPA, target_berlaku, tetapkan_target
from models.perencanaan.kalender_sakip import kewajiban_kantor, tanggal_lokal
from models.tables import Indikator, Target, User
from models.umum.angka import format_angka
from models.umum.penolakan import Ditolak
from models.umum.periode import ROMAWI
from models.umum.tanggal import tanggal_panjang

LAPORAN_KINERJA = "laporan_kinerja"


@dataclass(frozen=True)
class PerubahanTarget:
    target: Target
    capaian_resmi: tuple[str, ...]  # "triwulan IV: 84,76% menjadi 6,36%", for each official quarter it changes


def tahun_ditutup(session: Session, kecamatan_id: int, tahun: int) -> str | None:
    """Why the year is closed (its Laporan Kinerja has ended), or None while it is open."""
    for k in kewajiban_kantor(session, kecamatan_id, tahun=tahun):
        if k.jadwal.kewajiban == LAPORAN_KINERJA and k.tahun == tahun and k.selesai_pada is not None:
            return (f"Tahun {tahun} sudah ditutup: Laporan Kinerja {tahun} selesai pada "
                    f"{tanggal_panjang(tanggal_lokal(k.selesai_pada))}; targetnya tidak dapat diubah lagi.")
    return None


def _persen(c) -> str:
    return f"{format_angka(c.persen, 2)}%" if c.tersedia else "tidak dapat dihitung"


def capaian_resmi_berubah(session: Session, *, indikator_id: int, kecamatan_id: int, tahun: int,
                          nilai: float) -> tuple[str, ...]:
    """Each official quarter's capaian that a year target of `nilai` would change, before and after."""
    baris = next((b for b in capaian_kantor(session, kecamatan_id=kecamatan_id, tahun=tahun)
                  if b.indikator.id == indikator_id), None)
    if baris is None:
        return ()
    baru = BarisCapaian(baris.indikator, nilai, baris.realisasi)
    return tuple(f"triwulan {ROMAWI[n]}: {_persen(lama)} menjadi {_persen(sesudah)}"
                 for n, (lama, sesudah) in enumerate(zip(baris.resmi, baru.resmi), start=1)
                 if lama.tersedia and lama.persen != sesudah.persen)


def _indikator(session: Session, indikator_id: int) -> Indikator:
    ind = session.get(Indikator, indikator_id)
    if ind is None:
        raise Ditolak("Indikator tidak ditemukan.")
    return ind


def ubah_target(session: Session, *, indikator_id: int, kecamatan_id: int, tahun: int, nilai: float | None,
                oleh: User, alasan: str | None = None, diharapkan: object = TANPA) -> PerubahanTarget:
    """Set or change a year's target from the IKU & Target page. Refused, with the reason, in a closed year, when
    it changes an official capaian and the person is not the Camat, and when the target in force is no longer the
    one the page showed (`diharapkan`, its id or None)."""
    if (ditutup := tahun_ditutup(session, kecamatan_id, tahun)) is not None:
        raise Ditolak(ditutup)
    lama = target_berlaku(session, indikator_id=indikator_id, kecamatan_id=kecamatan_id, tahun=tahun)
    if diharapkan is not TANPA and (lama.id if lama else None) != diharapkan:
        ind = _indikator(session, indikator_id)
        raise Ditolak(f"{ind.kode} target {tahun}: target ini baru saja diubah orang lain; muat ulang halaman lalu "
                         "periksa lagi.")
    berubah: tuple[str, ...] = ()
    if lama is not None and nilai is not None and nilai >= 0 and lama.nilai != nilai:
        berubah = capaian_resmi_berubah(session, indikator_id=indikator_id, kecamatan_id=kecamatan_id, tahun=tahun,
                                        nilai=nilai)
        if berubah and oleh.role_kode != "camat":
            ind = _indikator(session, indikator_id)
            raise Ditolak(f"{ind.kode} target {tahun}: perubahan ini mengubah capaian yang sudah resmi "
                             f"({'; '.join(berubah)}); hanya Camat yang dapat mengubahnya.")
    # The target checked above is the one replaced: a change committed meanwhile is refused, not overwritten.
    target = tetapkan_target(session, indikator_id=indikator_id, kecamatan_id=kecamatan_id, tahun=tahun, nilai=nilai,
                             oleh=oleh, alasan=alasan, diharapkan=lama.id if lama else None)
    return PerubahanTarget(target, berubah)
