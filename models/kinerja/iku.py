"""Indicators (IKU) and their targets: a kabupaten's shared set and an office's own, targets with revisions."""
from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import update
from sqlalchemy.engine import CursorResult
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from models.akun.peran import PENGATUR_PENGUMPUL
from models.kinerja.mesin import (
    AGREGASI,
    POLARITAS,
    RUMUS_NEGATIF,
    Agregasi,
    Polaritas,
    RumusNegatif,
    target_nol_bermakna,
)
from models.kinerja.mesin import Indikator as IndikatorMesin
from models.sop.dokumen import kunci_nama
from models.tables import (
    Indikator,
    Kabupaten,
    Kecamatan,
    PengumpulanIku,
    Realisasi,
    Sop,
    SopLangkah,
    SopRevisi,
    Target,
    User,
    utcnow,
)
from models.umum.audit import catat
from models.umum.isian import MAKS_KALIMAT, teks
from models.umum.penolakan import Ditolak
from models.umum.periode import ROMAWI, label_periode
from models.umum.status import StatusRealisasi


def iku_kantor(session: Session, kecamatan_id: int) -> list[Indikator]:
    """The indicators an office reports on: its kabupaten's shared set, then its own, by code."""
    kec = session.get(Kecamatan, kecamatan_id)
    if kec is None:
        return []
    q = select(Indikator).where(Indikator.aktif == True).where(  # noqa: E712
        (Indikator.kabupaten_id == kec.kabupaten_id) | (Indikator.kecamatan_id == kecamatan_id))
    return sorted(session.exec(q).all(), key=lambda i: (i.kecamatan_id is not None, kode_urut(i.kode)))


def iku_banyak(session: Session, kecamatan_ids: list[int]) -> dict[int, set[int]]:
    """The ids of the indicators each office reports on (as iku_kantor), for many offices in one query."""
    kab = dict(session.exec(select(Kecamatan.id, Kecamatan.kabupaten_id)
                            .where(col(Kecamatan.id).in_(list(kecamatan_ids)))).all())
    if not kab:
        return {}
    baris = session.exec(select(Indikator.id, Indikator.kabupaten_id, Indikator.kecamatan_id)
                         .where(Indikator.aktif == True).where(  # noqa: E712
                             col(Indikator.kabupaten_id).in_(set(kab.values()))
                             | col(Indikator.kecamatan_id).in_(list(kab)))
                         ).all()
    return {k: {i for i, ikab, ikec in baris if ikec == k or (ikec is None and ikab == kab[k])} for k in kab}


def kode_urut(kode: str) -> tuple:
    return tuple(int(x) if x.isdigit() else x for x in re.split(r"(\d+)", kode))


def milik_kantor(session: Session, ind: Indikator, kecamatan_id: int) -> bool:
    kec = session.get(Kecamatan, kecamatan_id)
    return kec is not None and ind.aktif and (ind.kecamatan_id == kecamatan_id or ind.kabupaten_id == kec.kabupaten_id)


def mesin(ind: Indikator) -> IndikatorMesin:
    """The engine's view of an indicator. Its text columns hold the engine's names (checked when the IKU are saved;
    the engine refuses a name it does not know)."""
    return IndikatorMesin(polaritas=cast(Polaritas, ind.polaritas), rumus_negatif=cast(RumusNegatif, ind.rumus_negatif),
                          agregasi=cast(Agregasi, ind.agregasi), batas_atas=ind.batas_atas)


def _pilihan(session: Session, ind: Indikator, kecamatan_id: int) -> PengumpulanIku | None:
    return session.exec(select(PengumpulanIku).where(PengumpulanIku.kecamatan_id == kecamatan_id)
                        .where(PengumpulanIku.indikator_id == ind.id)).first()


def sop_pengumpul(session: Session, ind: Indikator, kecamatan_id: int) -> SopRevisi | None:
    """The office's revision in force of the SOP that collects this indicator: the office's own choice (IKU &
    Target), else the SOP of the kabupaten's default name (Indikator.sop_kunci) in the office's register."""
    return sop_pengumpul_kantor(session, [ind], kecamatan_id)[ind.id]


def sop_pengumpul_kantor(session: Session, iku: Sequence[Indikator], kecamatan_id: int) -> dict[int, SopRevisi | None]:
    """`sop_pengumpul` of several indicators of one office, in two queries whatever their number."""
    pilihan = {p.indikator_id: p.sop_id for p in session.exec(
        select(PengumpulanIku).where(PengumpulanIku.kecamatan_id == kecamatan_id)
        .where(col(PengumpulanIku.indikator_id).in_([i.id for i in iku])))} if iku else {}
    berlaku = list(session.exec(select(SopRevisi, Sop).join(Sop, col(Sop.id) == SopRevisi.sop_id)
                                .where(Sop.kecamatan_id == kecamatan_id)
                                .where(SopRevisi.berlaku == True)).all()) if iku else []  # noqa: E712
    per_id = {sop.id: rev for rev, sop in reversed(berlaku)}  # the first found wins, as .first() did
    per_kunci = {sop.kunci: rev for rev, sop in reversed(berlaku)}
    return {i.id: per_id.get(pilihan[i.id]) if i.id in pilihan else (per_kunci.get(i.sop_kunci) if i.sop_kunci else None)
            for i in iku}


def per_triwulan(session: Session, ind: Indikator, kecamatan_id: int) -> bool:
    """Whether the office's collection SOP carries all the indicators it collects in one execution per quarter
    (Muara Papalik's Mekanisme Pengumpulan Data Kinerja) rather than one indicator's quarter."""
    pilihan = _pilihan(session, ind, kecamatan_id)
    return bool(pilihan and pilihan.per_triwulan)


def pengumpulan_bersama(session: Session, kecamatan_id: int) -> dict[str, list[str]]:
    """The office's collection SOPs that carry their indicators of a quarter together (per_triwulan), each with
    the codes it carries, in IKU order; empty for an office that submits one indicator at a time. What every page
    and message says about how the office's figures are submitted comes from here."""
    bersama: dict[str, list[str]] = {}
    for ind in iku_kantor(session, kecamatan_id):
        if per_triwulan(session, ind, kecamatan_id) and (rev := sop_pengumpul(session, ind, kecamatan_id)):
            bersama.setdefault(rev.nama, []).append(ind.kode)
    return bersama


def cara_pengajuan(bersama: dict[str, list[str]], semua: Sequence[str] = ()) -> str:
    """How an office's figures are submitted, in a sentence (`bersama`: pengumpulan_bersama; `semua`: every code
    of the office, to name those submitted one by one beside them).

    >>> cara_pengajuan({})
    'pengajuan tiap indikator melalui SOP Pengumpulan Data Kinerja sampai disetujui Camat.'
    >>> cara_pengajuan({"Mekanisme": ["IKU-1", "IKU-2"]}, ["IKU-1", "IKU-2"])
    'pengajuan bersama IKU-1, IKU-2 dalam satu pelaksanaan SOP Mekanisme; angkanya resmi ketika SOP itu selesai.'
    >>> cara_pengajuan({"Mekanisme": ["IKU-1"]}, ["IKU-1", "IKU-2"])
    'pengajuan bersama IKU-1 dalam satu pelaksanaan SOP Mekanisme; angkanya resmi ketika SOP itu selesai. IKU-2 diajukan tiap indikator sampai disetujui Camat.'
    """
    if not bersama:
        return "pengajuan tiap indikator melalui SOP Pengumpulan Data Kinerja sampai disetujui Camat."
    teks = "; ".join(f"pengajuan bersama {', '.join(ks)} dalam satu pelaksanaan SOP {nama}"
                     for nama, ks in bersama.items()) + "; angkanya resmi ketika SOP itu selesai."
    sendiri = [k for k in semua if not any(k in ks for ks in bersama.values())]
    return teks + (f" {', '.join(sendiri)} diajukan tiap indikator sampai disetujui Camat." if sendiri else "")


def indikator_sekaligus(session: Session, *, kecamatan_id: int, sop_id: int) -> list[Indikator]:
    """The active indicators of an office that one SOP collects together each quarter, by code."""
    q = (select(Indikator).join(PengumpulanIku, col(PengumpulanIku.indikator_id) == Indikator.id)
         .where(PengumpulanIku.kecamatan_id == kecamatan_id).where(PengumpulanIku.sop_id == sop_id)
         .where(PengumpulanIku.per_triwulan == True).where(Indikator.aktif == True))  # noqa: E712
    return sorted(session.exec(q).all(), key=lambda i: kode_urut(i.kode))


def atur_pengumpul(session: Session, *, kecamatan_id: int, indikator_id: int, sop_id: int | None,
                   per_triwulan: bool, oleh: User | None) -> PengumpulanIku | None:
    """Set which of its SOPs an office collects an indicator with, and whether that SOP carries one indicator's
    quarter or all its indicators of a quarter together: the same for every indicator the SOP collects in the
    office (including those it collects by the kabupaten's default name), so changing it here changes it for all of
    them. `sop_id=None` returns to the kabupaten's default. Audited, one row per indicator changed.

    Only the office's Camat or its performance keepers (Kasubag Evapor, Kasubag Perencanaan dan Keuangan) and the
    admin may change it, and not while a figure of an indicator concerned is in the middle of its SOP."""
    ind = session.get(Indikator, indikator_id)
    if ind is None or not milik_kantor(session, ind, kecamatan_id):
        raise Ditolak("Indikator ini tidak ada dalam IKU kantor Anda.")
    if oleh is not None and oleh.role_kode != "admin" and (
            oleh.kecamatan_id != kecamatan_id or oleh.role_kode not in PENGATUR_PENGUMPUL):
        raise Ditolak(f"{ind.kode}: hanya Camat, Kasubag Evapor atau Kasubag Perencanaan dan Keuangan kecamatan "
                         "ini yang dapat memilih SOP pengumpulan datanya.")
    sop = None
    if sop_id is not None:
        sop = session.get(Sop, sop_id)
        if sop is None or sop.kecamatan_id != kecamatan_id:
            raise Ditolak(f"{ind.kode}: SOP yang dipilih tidak ada dalam daftar SOP kecamatan ini.")
        if session.exec(select(SopRevisi.id).where(SopRevisi.sop_id == sop.id)
                        .where(SopRevisi.berlaku == True)).first() is None:  # noqa: E712
            raise Ditolak(f"{ind.kode}: {sop.nama} tidak memiliki revisi yang berlaku.")
        # Take the SOP's row: two choices for its indicators at once are made one after the other.
        session.execute(update(Sop).where(col(Sop.id) == sop.id).values(id=sop.id))
    lama_rev = sop_pengumpul(session, ind, kecamatan_id)
    terkait = {ind.id: ind}
    if sop is not None:  # every indicator this SOP collects in the office, by choice or by default name
        for lain in iku_kantor(session, kecamatan_id):
            rev = sop_pengumpul(session, lain, kecamatan_id)
            if rev is not None and rev.sop_id == sop.id:
                terkait[lain.id] = lain
    sibuk = session.exec(select(Realisasi).where(Realisasi.kecamatan_id == kecamatan_id)
                         .where(col(Realisasi.indikator_id).in_(list(terkait)))
                         .where(col(Realisasi.status).in_((StatusRealisasi.DIAJUKAN, StatusRealisasi.DIKEMBALIKAN)))).first()
    if sibuk is not None:
        sedang = terkait[sibuk.indikator_id]
        raise Ditolak(f"{ind.kode}: realisasi {sedang.kode} {label_periode(sibuk.tahun, sibuk.triwulan)} sedang "
                         "berjalan melalui SOP pengumpulannya; ubah pilihan SOP setelah SOP itu selesai.")
    t = utcnow()
    hasil = None
    for x in terkait.values():
        lama = _pilihan(session, x, kecamatan_id)
        sebelum = {"sop_id": lama.sop_id, "per_triwulan": lama.per_triwulan} if lama else \
            {"sop_id": lama_rev.sop_id if x.id == ind.id and lama_rev else None, "per_triwulan": False}
        if sop is None:
            if lama is None:
                continue
            session.delete(lama)
            sesudah: dict[str, object] = {"sop_id": None}
        else:
            baris = lama or PengumpulanIku(kecamatan_id=kecamatan_id, indikator_id=x.id, sop_id=sop.id)
            if x.id != ind.id and lama is not None and lama.per_triwulan == per_triwulan:
                continue  # already as asked
            baris.sop_id, baris.per_triwulan, baris.diubah_oleh, baris.diubah_pada = \
                sop.id, per_triwulan, oleh.id if oleh else None, t
            session.add(baris)
            hasil = baris if x.id == ind.id else hasil
            sesudah = {"sop_id": sop.id, "sop": sop.nama, "per_triwulan": per_triwulan}
        try:
            session.flush()
        except IntegrityError:  # another first choice for this indicator in the meantime
            raise Ditolak(f"{ind.kode}: pilihan SOP pengumpulannya baru saja diubah orang lain; muat ulang "
                             "halaman.") from None
        catat(session, aksi="indikator.pengumpul", oleh=oleh, objek="indikator", objek_id=x.id,
              kecamatan_id=kecamatan_id, sebelum=sebelum, sesudah=sesudah)
    return hasil


def langkah_pertama(session: Session, revisi_id: int) -> SopLangkah | None:
    return session.exec(select(SopLangkah).where(SopLangkah.revisi_id == revisi_id)
                        .order_by(col(SopLangkah.urutan))).first()


def target_berlaku(session: Session, *, indikator_id: int, kecamatan_id: int, tahun: int,
                   triwulan: int | None = None) -> Target | None:
    return session.exec(select(Target).where(Target.indikator_id == indikator_id)
                        .where(Target.kecamatan_id == kecamatan_id).where(Target.tahun == tahun)
                        .where(Target.triwulan == triwulan if triwulan else Target.triwulan == None)  # noqa: E711
                        .where(Target.berlaku == True)).first()  # noqa: E712


def target_kantor(session: Session, *, kecamatan_id: int, tahun: int) -> dict[tuple[int, int | None], float]:
    """Every target in force of an office's year, by (indicator, quarter; None for the year's), in one query."""
    return {(t.indikator_id, t.triwulan): t.nilai for t in session.exec(
        select(Target).where(Target.kecamatan_id == kecamatan_id).where(Target.tahun == tahun)
        .where(Target.berlaku == True))}  # noqa: E712


def riwayat_target(session: Session, *, indikator_id: int, kecamatan_id: int, tahun: int) -> list[Target]:
    """Every value the year's targets have had, newest first."""
    return list(session.exec(select(Target).where(Target.indikator_id == indikator_id)
                             .where(Target.kecamatan_id == kecamatan_id).where(Target.tahun == tahun)
                             .order_by(col(Target.diubah_pada).desc(), col(Target.id).desc())).all())


def nama_target_lengkap(ind: Indikator, tahun: int, triwulan: int | None) -> str:
    """>>> nama_target_lengkap(Indikator(kode="IKU-1", nama="Kehadiran"), 2027, 2)
    'IKU-1 Kehadiran, target triwulan II 2027'
    """
    return f"{ind.kode} {ind.nama}, target {'triwulan ' + ROMAWI.get(triwulan, str(triwulan)) + ' ' if triwulan else ''}{tahun}"


def periksa_nilai_target(ind: Indikator, nilai: float | None, *, tahun: int, triwulan: int | None = None) -> None:
    """The rule on a target's value, for the year's and the quarters', from the form or the Excel import: none
    negative, and no 0 where the capaian engine can never measure against it (a higher-is-better indicator:
    mesin.target_nol_bermakna). Raises Ditolak with the reason; None (no value) is the caller's to judge."""
    if nilai is None:
        return
    nama = nama_target_lengkap(ind, tahun, triwulan)
    if nilai < 0:
        raise Ditolak(f"{nama}: nilai target tidak boleh negatif.")
    if nilai == 0 and not target_nol_bermakna(cast(Polaritas, ind.polaritas)):
        saran = (", atau kosongkan target triwulan ini agar triwulan itu diukur terhadap target tahun"
                 if triwulan else "")
        raise Ditolak(f"{nama}: target tidak boleh 0. {ind.kode} makin tinggi makin baik: capaiannya realisasi ÷ "
                      f"target × 100, yang tidak dapat dihitung terhadap target 0. Isi target lebih dari 0{saran}.")


TANPA = object()  # tetapkan_target(diharapkan=TANPA): whatever target is in force is the one being changed


def tetapkan_target(session: Session, *, indikator_id: int, kecamatan_id: int, tahun: int, nilai: float | None,
                    oleh: User, triwulan: int | None = None, alasan: str | None = None,
                    pada: datetime | None = None, diharapkan: object = TANPA) -> Target:
    """Set a target (the year's, from the Perjanjian Kinerja, or a quarter's). Changing one keeps the old row,
    marked no longer in force, and needs a reason. Audited.

    `diharapkan`: the id of the target in force the person saw (None: they saw none); a change made by someone
    else since is refused rather than silently replaced."""
    ind = session.get(Indikator, indikator_id)
    if ind is None or not milik_kantor(session, ind, kecamatan_id):
        raise Ditolak("Indikator ini tidak ada dalam IKU kantor Anda.")
    nama = nama_target_lengkap(ind, tahun, triwulan)
    if nilai is None:
        raise Ditolak(f"{nama}: nilai target wajib diisi.")
    periksa_nilai_target(ind, nilai, tahun=tahun, triwulan=triwulan)
    if triwulan is not None and triwulan not in (1, 2, 3, 4):
        raise Ditolak(f"{nama}: triwulan harus 1 sampai 4.")
    if not 2000 <= tahun <= 2100:
        raise Ditolak(f"{nama}: tahun tidak sah.")
    lama = target_berlaku(session, indikator_id=indikator_id, kecamatan_id=kecamatan_id, tahun=tahun,
                          triwulan=triwulan)
    if diharapkan is not TANPA and (lama.id if lama else None) != diharapkan:
        raise Ditolak(f"{nama}: target ini baru saja diubah orang lain; muat ulang halaman lalu periksa lagi.")
    alasan = teks(alasan, label=f"{nama}: alasan perubahan target", maks=MAKS_KALIMAT)
    if lama is not None and lama.nilai == nilai:
        return lama
    if lama is not None and not (alasan or "").strip():
        raise Ditolak(f"{nama}: perubahan target wajib disertai alasan (mis. perubahan Perjanjian Kinerja).")
    baru = Target(indikator_id=indikator_id, kecamatan_id=kecamatan_id, tahun=tahun, triwulan=triwulan,
                  nilai=nilai, alasan=(alasan or "").strip() or None, diubah_oleh=oleh.id,
                  diubah_pada=pada or utcnow(), menggantikan_id=lama.id if lama else None)
    sudah_diubah = Ditolak(f"{nama}: target ini baru saja diubah orang lain; muat ulang halaman lalu periksa lagi.")
    if lama is not None:
        # Compare-and-set: of two revisions of the same target at once, the second finds it no longer in force.
        hasil = cast(CursorResult[Any], session.execute(
            update(Target).where(col(Target.id) == lama.id).where(col(Target.berlaku) == True)  # noqa: E712
            .values(berlaku=False).execution_options(synchronize_session=False)))
        if hasil.rowcount != 1:
            raise sudah_diubah
        session.expire(lama)
    session.add(baru)
    try:
        session.flush()  # the database keeps exactly one target in force (ux_target_satu_berlaku)
    except IntegrityError:
        raise sudah_diubah from None
    catat(session, aksi="target.ubah" if lama else "target.tetapkan", oleh=oleh, objek="target", objek_id=baru.id,
          kecamatan_id=kecamatan_id, sebelum={"nilai": lama.nilai} if lama else None,
          sesudah={"indikator": ind.kode, "tahun": tahun, "triwulan": triwulan, "nilai": nilai},
          keterangan=baru.alasan)
    return baru


def pastikan_iku(session: Session, definisi: list[dict], *, oleh: User | None = None) -> int:
    """Create the indicators a definition list names when they are missing: a kabupaten's shared set
    (`kabupaten = "Malang"`) or one office's own (`kabupaten` and `kecamatan`). Matched by owner and code."""
    n = 0
    for d in definisi:
        for wajib in ("kabupaten", "kode", "nama", "pembilang"):
            if not d.get(wajib):
                raise Ditolak(f"{d.get('kode', 'IKU')}: {wajib} wajib diisi.")
        kab = session.exec(select(Kabupaten).where(Kabupaten.nama == d["kabupaten"])).first()
        if kab is None:
            raise Ditolak(f'{d["kode"]}: Kabupaten {d["kabupaten"]} tidak ada.')
        kec = None
        if d.get("kecamatan"):
            kec = session.exec(select(Kecamatan).where(Kecamatan.kabupaten_id == kab.id)
                               .where(Kecamatan.nama == d["kecamatan"])).first()
            if kec is None:
                raise Ditolak(f'{d["kode"]}: Kecamatan {d["kecamatan"]} tidak ada di Kabupaten {kab.nama}.')
        pemilik = Indikator.kecamatan_id == kec.id if kec else Indikator.kabupaten_id == kab.id
        if session.exec(select(Indikator).where(pemilik).where(Indikator.kode == d["kode"])).first():
            continue
        for kolom, boleh in (("polaritas", POLARITAS), ("agregasi", AGREGASI), ("rumus_negatif", RUMUS_NEGATIF)):
            if d.get(kolom) and d[kolom] not in boleh:
                raise Ditolak(f'{d["kode"]}: {kolom} "{d[kolom]}" tidak dikenal.')
        ind = Indikator(kabupaten_id=None if kec else kab.id, kecamatan_id=kec.id if kec else None, kode=d["kode"], nama=d["nama"], sasaran=d.get("sasaran"),
                        definisi=d.get("definisi"), satuan=d.get("satuan", "%"), pembilang=d["pembilang"],
                        penyebut=d.get("penyebut"), polaritas=d.get("polaritas", "positif"),
                        rumus_negatif=d.get("rumus_negatif", "2T-R"), agregasi=d.get("agregasi", "kumulatif"),
                        batas_atas=d.get("batas_atas"), role_penanggung_jawab=d.get("kasi"),
                        sop_kunci=kunci_nama(d["sop"]) if d.get("sop") else None)
        session.add(ind)
        session.flush()
        catat(session, aksi="indikator.buat", oleh=oleh, objek="indikator", objek_id=ind.id,
              kecamatan_id=kec.id if kec else None,
              sesudah={"kode": ind.kode, "nama": ind.nama, "kabupaten": kab.nama, "kecamatan": kec.nama if kec else None})
        n += 1
    return n
