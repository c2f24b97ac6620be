"""The follow-up (tindak lanjut) of the recommendations an evaluation makes.

Each recommendation of an evaluation (models.tindak_lanjut.evaluasi) moves through one small state machine,
MESIN_REKOMENDASI, the only table the transition functions and the pages consult:

    baru ─mulai→ dalam proses ─serahkan→ diserahkan ─terima→ diverifikasi ─akui→ selesai
                      ↑                       └─kembalikan (alasan)→ dikembalikan ─mulai─┘

The responsible role (or the one user named) starts and hands in the follow-up, the Sekretaris Camat checks
it, the Camat acknowledges it; the Camat may also act for the responsible role or the Sekretaris (audited as
"atas_nama"). Each function is one step inside the caller's transaction (flush only, the caller commits), moves
the status by compare-and-set (models.umum.mesin_status.tulis) so the second of two people acting at once is refused, and writes the audit log,
from which `riwayat` reads an item's history. Times may be given (records typed in after the fact, demo
history); they must be aware and must not run backwards for an item.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import TypeGuard

from sqlmodel import Session, col, select

from models.akun.peran import PERAN_KANTOR
from models.kinerja.iku import milik_kantor
from models.tables import (
    AuditLog,
    Evaluasi,
    Indikator,
    Kecamatan,
    Rekomendasi,
    Role,
    Sop,
    TindakLanjut,
    User,
    utcnow,
)
from models.umum.audit import catat
from models.umum.isian import MAKS_KALIMAT, MAKS_NAMA
from models.umum.isian import teks as isian_teks
from models.umum.mesin_status import Mesin, Tindakan, Transisi, tulis
from models.umum.penolakan import Ditolak
from models.umum.periode import ROMAWI
from models.umum.status import KeputusanTindakLanjut, StatusRekomendasi
from models.umum.tanggal import pastikan_sadar_zona, tanggal_panjang, waktu_panjang

STATUS = tuple(StatusRekomendasi)

# The actions on a recommendation; `periksa` is "terima" or "kembalikan" depending on its decision.
AKSI = ("mulai", "serahkan", "terima", "kembalikan", "akui")
AKSI_LABEL = {"tambah": "Rekomendasi ditambahkan", "mulai": "Tindak lanjut dimulai",
              "serahkan": "Tindak lanjut diserahkan", "terima": "Tindak lanjut diterima",
              "kembalikan": "Tindak lanjut dikembalikan", "akui": "Tindak lanjut diakui selesai"}

PENCATAT = frozenset({"tim", "kasubag_evapor", "kasubag_renkeu", "sekcam", "camat"})  # record evaluations, add recommendations
PEMERIKSA = frozenset({"sekcam", "camat"})
TUNTAS = frozenset({StatusRekomendasi.DIVERIFIKASI, StatusRekomendasi.SELESAI})  # the responsible role's work is done and accepted

PESAN_BENTROK = "Rekomendasi ini sudah diubah oleh orang lain; muat ulang halaman."




# ---------------------------------------------------------------- helpers


def waktu_utc(pada: datetime | None) -> datetime:
    """The time of an action in UTC: the one given (records typed in after the fact) or now; never naive."""
    return pastikan_sadar_zona(pada or utcnow()).astimezone(timezone.utc)


def _zona(session: Session, kecamatan_id: int) -> str:
    kec = session.get(Kecamatan, kecamatan_id)
    return kec.zona_waktu if kec else "Asia/Jakarta"


def alasan_pengguna(oleh: User, kecamatan_id: int, pesan_kantor: str) -> str | None:
    """Why an inactive account, or one of another office (`pesan_kantor`), may not act; None when it may."""
    if not oleh.aktif:
        return "Akun Anda tidak aktif; tindakan ini tidak dapat dilakukan."
    return pesan_kantor if oleh.kecamatan_id != kecamatan_id else None


def periksa_pengguna(oleh: User, kecamatan_id: int, pesan_kantor: str) -> None:
    """Refuse an inactive account, or one of another office (with `pesan_kantor`)."""
    if (alasan := alasan_pengguna(oleh, kecamatan_id, pesan_kantor)) is not None:
        raise Ditolak(alasan)


def tanggal_saja(nilai: object) -> TypeGuard[date]:
    """A date without a time (a datetime is refused where a day is asked for)."""
    return isinstance(nilai, date) and not isinstance(nilai, datetime)


# ---------------------------------------------------------------- evaluations and recommendations


def tambah_rekomendasi(session: Session, *, evaluasi_id: int, teks: str, role_kode: str, jatuh_tempo: date | None,
                       oleh: User, indikator_id: int | None = None, sop_id: int | None = None,
                       user_id: int | None = None, pada: datetime | None = None) -> Rekomendasi:
    """Add a recommendation to an evaluation (not to a monitoring), for a role of the office or one of its users.

    The indicator must be one of the office's IKU, the SOP the office's own, the user (if named) an active user
    of the office holding `role_kode`; the due date may not precede the evaluation. Starts as "baru"; audited as
    "rekomendasi.tambah".
    """
    ev = session.get(Evaluasi, evaluasi_id)
    if ev is None:
        raise Ditolak("Evaluasi tidak ditemukan.")
    periksa_pengguna(oleh, ev.kecamatan_id, "Rekomendasi hanya dapat ditambahkan pada evaluasi kecamatan Anda "
                                             "sendiri.")
    if oleh.role_kode not in PENCATAT:
        raise Ditolak("Rekomendasi ditambahkan oleh Tim, Kasubag Evapor, Sekretaris Camat atau Camat; "
                                  "peran Anda tidak dapat menambahkannya.")
    if ev.jenis != "evaluasi":
        raise Ditolak("Rekomendasi hanya dapat ditambahkan pada evaluasi, bukan pada pemantauan.")
    return buat_rekomendasi(session, ev, teks=teks, role_kode=role_kode, jatuh_tempo=jatuh_tempo, oleh=oleh,
                            indikator_id=indikator_id, sop_id=sop_id, user_id=user_id, pada=pada)


def buat_rekomendasi(session: Session, ev: Evaluasi, *, teks: str, role_kode: str, jatuh_tempo: date | None,
                     oleh: User, indikator_id: int | None = None, sop_id: int | None = None,
                     user_id: int | None = None, pada: datetime | None = None) -> Rekomendasi:
    """Check and add one recommendation to an evaluation whose author the caller has checked (the office's own
    evaluation: `tambah_rekomendasi`; the kabupaten's LHE: models.tindak_lanjut.lhe.rekomendasi_lhe)."""
    teks_bersih = isian_teks(teks, label="Teks rekomendasi", maks=MAKS_KALIMAT) or ""
    if not teks_bersih:
        raise Ditolak("Teks rekomendasi wajib diisi.")
    if not role_kode:
        raise Ditolak("Penanggung jawab rekomendasi wajib dipilih.")
    role = session.get(Role, role_kode)
    if role is None or role_kode not in PERAN_KANTOR:
        raise Ditolak(f'Peran "{role_kode or ""}" bukan peran di kantor kecamatan; pilih penanggung '
                                  "jawab rekomendasi.")
    if user_id is not None:
        u = session.get(User, user_id)
        if u is None or u.kecamatan_id != ev.kecamatan_id or not u.aktif:
            raise Ditolak("Pengguna yang ditunjuk tidak ada atau bukan pegawai aktif kecamatan ini.")
        if u.role_kode != role_kode:
            raise Ditolak(f"{u.nama} tidak memegang peran {role.nama}.")
    if indikator_id is not None:
        ind = session.get(Indikator, indikator_id)
        if ind is None or not milik_kantor(session, ind, ev.kecamatan_id):
            raise Ditolak("Indikator ini tidak ada dalam IKU kecamatan ini.")
    if sop_id is not None:
        sop = session.get(Sop, sop_id)
        if sop is None or sop.kecamatan_id != ev.kecamatan_id:
            raise Ditolak("SOP ini bukan SOP kecamatan ini.")
    if not tanggal_saja(jatuh_tempo):
        raise Ditolak("Jatuh tempo wajib diisi.")
    if ev.tanggal is not None and jatuh_tempo < ev.tanggal:
        raise Ditolak(f"Jatuh tempo ({tanggal_panjang(jatuh_tempo)}) tidak boleh sebelum tanggal "
                                  f"evaluasi ({tanggal_panjang(ev.tanggal)}).")
    t = waktu_utc(pada)
    if t < ev.dibuat_pada:
        zona = _zona(session, ev.kecamatan_id)
        raise Ditolak(f"Waktu rekomendasi ({waktu_panjang(t, zona)}) tidak boleh sebelum evaluasinya "
                                  f"dicatat ({waktu_panjang(ev.dibuat_pada, zona)}).")
    r = Rekomendasi(evaluasi_id=ev.id, kecamatan_id=ev.kecamatan_id, teks=teks_bersih, indikator_id=indikator_id,
                    sop_id=sop_id, role_kode=role_kode, user_id=user_id, jatuh_tempo=jatuh_tempo, dibuat_pada=t)
    session.add(r)
    session.flush()
    catat(session, aksi="rekomendasi.tambah", oleh=oleh, objek="rekomendasi", objek_id=r.id,
          kecamatan_id=ev.kecamatan_id,
          sesudah={"status": str(r.status), "evaluasi": ev.id, "role": role_kode, "user": user_id,
                   "indikator": indikator_id, "sop": sop_id, "jatuh_tempo": jatuh_tempo.isoformat(),
                   "pada": t.isoformat()})
    session.flush()
    return r


# ---------------------------------------------------------------- the follow-up state machine


def boleh(r: Rekomendasi, user: User, aksi: str) -> bool:
    """Whether the user's role and office may take `aksi` on the item (its current status aside)."""
    if not user.aktif or user.kecamatan_id != r.kecamatan_id:
        return False
    if user.role_kode == "camat":
        return True
    if aksi in ("mulai", "serahkan"):
        return user.id == r.user_id if r.user_id is not None else user.role_kode == r.role_kode
    if aksi in ("terima", "kembalikan"):
        return user.role_kode in PEMERIKSA
    return False  # akui: the Camat only


def _pesan_peran(session: Session, r: Rekomendasi, aksi: str) -> str:
    if aksi in ("mulai", "serahkan"):
        if r.user_id is not None:
            u = session.get(User, r.user_id)
            return (f"Rekomendasi ini ditugaskan kepada {u.nama if u else 'pengguna lain'}; hanya ia atau Camat "
                    "yang dapat menindaklanjutinya.")
        role = session.get(Role, r.role_kode)
        nama = role.nama if role else r.role_kode
        siapa = nama if r.role_kode == "camat" else f"{nama} atau Camat"
        return f"Rekomendasi ini menjadi tanggung jawab {nama}; hanya {siapa} yang dapat menindaklanjutinya."
    if aksi in ("terima", "kembalikan"):
        return "Tindak lanjut diperiksa oleh Sekretaris Camat atau Camat; peran Anda tidak dapat memeriksanya."
    return "Hanya Camat yang dapat mengakui tindak lanjut sebagai selesai."


def _atas_nama(r: Rekomendasi, oleh: User, aksi: str) -> str | None:
    """The role the Camat stands in for, when the Camat takes an action that is someone else's."""
    if oleh.role_kode != "camat":
        return None
    if aksi in ("mulai", "serahkan"):
        sendiri = r.role_kode == "camat" and r.user_id in (None, oleh.id)
        return None if sendiri else r.role_kode
    if aksi in ("terima", "kembalikan"):
        return "sekcam"
    return None


@dataclass
class KonteksRekomendasi:
    session: Session
    oleh: User
    r: Rekomendasi


def _boleh_aksi(aksi: str) -> Callable[[KonteksRekomendasi], str | None]:
    def aturan(k: KonteksRekomendasi) -> str | None:
        alasan = alasan_pengguna(k.oleh, k.r.kecamatan_id,
                                 "Rekomendasi ini milik kecamatan lain; Anda tidak dapat mengubahnya.")
        if alasan is not None:
            return alasan
        return None if boleh(k.r, k.oleh, aksi) else _pesan_peran(k.session, k.r, aksi)
    return aturan


S = StatusRekomendasi
MESIN_REKOMENDASI: Mesin[StatusRekomendasi, KonteksRekomendasi] = Mesin("rekomendasi", StatusRekomendasi, [
    Transisi((S.BARU, S.DIKEMBALIKAN), "mulai", S.DALAM_PROSES, siapa=_boleh_aksi("mulai")),
    Transisi((S.DALAM_PROSES,), "serahkan", S.DISERAHKAN, siapa=_boleh_aksi("serahkan")),
    Transisi((S.DISERAHKAN,), "terima", S.DIVERIFIKASI, siapa=_boleh_aksi("terima")),
    Transisi((S.DISERAHKAN,), "kembalikan", S.DIKEMBALIKAN, siapa=_boleh_aksi("kembalikan")),
    Transisi((S.DIVERIFIKASI,), "akui", S.SELESAI, siapa=_boleh_aksi("akui")),
], pesan_keadaan=lambda dari, _a, _k: f'Rekomendasi berstatus "{dari.label}"; tindakan ini tidak dapat dilakukan.')
# The table read as (from, action) -> to, for the tests and the load test that walk it.
TRANSISI: dict[tuple[str, str], str] = {(str(d), t.aksi): str(t.ke) for t in MESIN_REKOMENDASI.transisi for d in t.dari}


def tindakan_rekomendasi(session: Session, r: Rekomendasi, user: User) -> list[Tindakan]:
    """What the user may do to the item now, each refused action with its reason."""
    return MESIN_REKOMENDASI.tindakan(r.status, KonteksRekomendasi(session, user, r))


def tindakan_tersedia(session: Session, r: Rekomendasi, user: User) -> list[str]:
    """The actions (of AKSI) the user may take on the item now, for the buttons a page shows."""
    return [t.aksi for t in tindakan_rekomendasi(session, r, user) if t.boleh]


def _waktu_terakhir(session: Session, r: Rekomendasi) -> datetime:
    """When the item last moved: the time its newest audit row records, else its creation."""
    row = session.exec(select(AuditLog).where(AuditLog.objek == "rekomendasi").where(AuditLog.objek_id == r.id)
                       .where(col(AuditLog.aksi).like("rekomendasi.%")).order_by(col(AuditLog.id).desc())).first()
    pada = (row.sesudah or {}).get("pada") if row else None
    return datetime.fromisoformat(pada) if pada else r.dibuat_pada


def _pindah(session: Session, *, rekomendasi_id: int, aksi: str, oleh: User, pada: datetime | None,
            isian: Callable[[], None] | None = None,
            nilai: Callable[[datetime], dict] | None = None) -> tuple[Rekomendasi, str, str, datetime, str | None]:
    """Check and make one transition by compare-and-set; returns (item, from, to, time, atas_nama)."""
    r = session.get(Rekomendasi, rekomendasi_id)
    if r is None:
        raise Ditolak("Rekomendasi tidak ditemukan.")
    dari = r.status
    try:
        ke = MESIN_REKOMENDASI.periksa(dari, aksi, KonteksRekomendasi(session, oleh, r))
    except Ditolak as e:
        raise e.tentang(objek="rekomendasi", objek_id=r.id, kecamatan_id=r.kecamatan_id) from None
    if isian is not None:  # the form's own checks, after status and role so a stale page hears about those first
        isian()
    t = waktu_utc(pada)
    sebelumnya = _waktu_terakhir(session, r)
    if t < sebelumnya:
        zona = _zona(session, r.kecamatan_id)
        raise Ditolak(f"Waktu tindakan ({waktu_panjang(t, zona)}) tidak boleh sebelum tindakan "
                                  f"sebelumnya pada rekomendasi ini ({waktu_panjang(sebelumnya, zona)}).")
    if not tulis(session, r, ke=ke, nilai=nilai(t) if nilai else None):
        raise Ditolak(PESAN_BENTROK)
    session.expire(r)
    return r, dari, ke, t, _atas_nama(r, oleh, aksi)


def _audit(session: Session, r: Rekomendasi, *, aksi: str, oleh: User, dari: str, ke: str, t: datetime,
           atas_nama: str | None, alasan: str | None = None, **extra) -> None:
    catat(session, aksi=f"rekomendasi.{aksi}", oleh=oleh, objek="rekomendasi", objek_id=r.id,
          kecamatan_id=r.kecamatan_id, sebelum={"status": dari},
          sesudah={"status": ke, "pada": t.isoformat(), **({"atas_nama": atas_nama} if atas_nama else {}), **extra},
          keterangan=alasan)
    session.flush()


def mulai_tindak_lanjut(session: Session, *, rekomendasi_id: int, oleh: User,
                        pada: datetime | None = None) -> Rekomendasi:
    """The responsible role (or the named user), or the Camat, starts the follow-up: baru|dikembalikan -> dalam
    proses."""
    r, dari, ke, t, atas_nama = _pindah(session, rekomendasi_id=rekomendasi_id, aksi="mulai", oleh=oleh, pada=pada)
    _audit(session, r, aksi="mulai", oleh=oleh, dari=dari, ke=ke, t=t, atas_nama=atas_nama)
    return _ada(session, rekomendasi_id)


def serahkan(session: Session, *, rekomendasi_id: int, uraian: str, oleh: User, bukti: list[str] | None = None,
             pada: datetime | None = None) -> TindakLanjut:
    """Hand in what was done (uraian required, evidence optional): dalam proses -> diserahkan; one TindakLanjut row
    per hand-in, so a returned item keeps every attempt."""
    uraian_bersih = isian_teks(uraian, label="Uraian tindak lanjut", maks=MAKS_KALIMAT) or ""
    bukti_bersih = [x for b in (bukti or []) if (x := isian_teks(b, label="Bukti tindak lanjut", maks=MAKS_NAMA))]

    def _isian() -> None:
        if not uraian_bersih:
            raise Ditolak("Uraian tindak lanjut wajib diisi.")

    r, dari, ke, t, atas_nama = _pindah(session, rekomendasi_id=rekomendasi_id, aksi="serahkan", oleh=oleh,
                                        pada=pada, isian=_isian)
    tl = TindakLanjut(rekomendasi_id=rekomendasi_id, uraian=uraian_bersih,
                      bukti=bukti_bersih, oleh=oleh.id, pada=t)
    session.add(tl)
    session.flush()
    _audit(session, r, aksi="serahkan", oleh=oleh, dari=dari, ke=ke, t=t, atas_nama=atas_nama, tindak_lanjut=tl.id)
    return tl


def _ada(session: Session, rekomendasi_id: int) -> Rekomendasi:
    """The item as it is now (it exists: a transition has just moved it)."""
    r = session.get(Rekomendasi, rekomendasi_id)
    assert r is not None
    return r


def tindak_lanjut_terakhir(session: Session, rekomendasi_id: int) -> TindakLanjut | None:
    return session.exec(select(TindakLanjut).where(TindakLanjut.rekomendasi_id == rekomendasi_id)
                        .order_by(col(TindakLanjut.id).desc())).first()


def periksa(session: Session, *, rekomendasi_id: int, terima: bool, oleh: User, alasan: str | None = None,
            pada: datetime | None = None) -> Rekomendasi:
    """The Sekretaris Camat (or the Camat) checks the latest hand-in: accept (diserahkan -> diverifikasi) or
    return it with a reason (diserahkan -> dikembalikan); the decision is kept on that TindakLanjut."""
    aksi = "terima" if terima else "kembalikan"
    alasan_bersih = isian_teks(alasan, label="Alasan pengembalian", maks=MAKS_KALIMAT)

    def _isian() -> None:
        if not terima and alasan_bersih is None:
            raise Ditolak("Alasan pengembalian wajib diisi.")

    r, dari, ke, t, atas_nama = _pindah(session, rekomendasi_id=rekomendasi_id, aksi=aksi, oleh=oleh, pada=pada,
                                        isian=_isian)
    tl = tindak_lanjut_terakhir(session, rekomendasi_id)
    if tl is None:  # cannot happen through serahkan; a row removed by hand would leave nothing to decide on
        raise Ditolak("Tindak lanjut yang diserahkan tidak ditemukan; muat ulang halaman.")
    tl.keputusan = KeputusanTindakLanjut.DITERIMA if terima else KeputusanTindakLanjut.DIKEMBALIKAN
    tl.alasan = alasan_bersih
    tl.diperiksa_oleh = oleh.id
    tl.diperiksa_pada = t
    session.add(tl)
    session.flush()
    _audit(session, r, aksi=aksi, oleh=oleh, dari=dari, ke=ke, t=t, atas_nama=atas_nama, alasan=alasan_bersih,
           tindak_lanjut=tl.id)
    return _ada(session, rekomendasi_id)


def akui(session: Session, *, rekomendasi_id: int, oleh: User, pada: datetime | None = None) -> Rekomendasi:
    """The Camat acknowledges a verified follow-up: diverifikasi -> selesai, with `selesai_pada`."""
    r, dari, ke, t, atas_nama = _pindah(session, rekomendasi_id=rekomendasi_id, aksi="akui", oleh=oleh, pada=pada,
                                        nilai=lambda t: {"selesai_pada": t})
    _audit(session, r, aksi="akui", oleh=oleh, dari=dari, ke=ke, t=t, atas_nama=atas_nama)
    return _ada(session, rekomendasi_id)


# ---------------------------------------------------------------- reading


def riwayat(session: Session, rekomendasi_id: int) -> list[dict]:
    """The item's history from the audit log, oldest first.

    Each entry: waktu (when it happened, as given to the transition), oleh (the person's name), aksi ("tambah"
    or one of AKSI), dari and ke (statuses; dari None for the creation), alasan (a return's reason or a check's
    note), atas_nama (the role the Camat stood in for, or None).
    """
    rows = session.exec(select(AuditLog).where(AuditLog.objek == "rekomendasi")
                        .where(AuditLog.objek_id == rekomendasi_id).where(col(AuditLog.aksi).like("rekomendasi.%"))
                        .order_by(col(AuditLog.id))).all()
    ids = {row.user_id for row in rows if row.user_id}
    nama = {u.id: u.nama for u in session.exec(select(User).where(col(User.id).in_(ids)))} if ids else {}
    hasil = []
    for row in rows:
        sebelum, sesudah = row.sebelum or {}, row.sesudah or {}
        hasil.append({
            "waktu": datetime.fromisoformat(sesudah["pada"]) if sesudah.get("pada") else row.waktu,
            "oleh": nama.get(row.user_id, row.username) if row.user_id is not None else row.username,
            "aksi": row.aksi.removeprefix("rekomendasi."),
            "dari": sebelum.get("status"),
            "ke": sesudah.get("status"),
            "alasan": row.keterangan,
            "atas_nama": sesudah.get("atas_nama"),
        })
    return hasil


def daftar_rekomendasi(session: Session, *, kecamatan_ids: list[int] | None, tahun: int | None = None,
                       triwulan: int | None = None, status: str | None = None) -> list[Rekomendasi]:
    """Recommendations within the reader's offices (None: every office; []: none), of an evaluation's year and
    quarter and a status when given; the earliest due first. A quarter leaves out the Evaluasi AKIP's, which
    belong to a year and no quarter."""
    if kecamatan_ids is not None and not kecamatan_ids:
        return []
    if status is not None and status not in STATUS:
        raise Ditolak(f'Status "{status}" tidak dikenal.')
    q = select(Rekomendasi).join(Evaluasi, col(Evaluasi.id) == Rekomendasi.evaluasi_id)
    if kecamatan_ids is not None:
        q = q.where(col(Rekomendasi.kecamatan_id).in_(kecamatan_ids))
    if tahun is not None:
        q = q.where(Evaluasi.tahun == tahun)
    if triwulan is not None:
        q = q.where(Evaluasi.triwulan == triwulan)
    if status is not None:
        q = q.where(Rekomendasi.status == status)
    return list(session.exec(q.order_by(col(Rekomendasi.jatuh_tempo), col(Rekomendasi.id))).all())


def label_evaluasi(tahun: int, triwulan: int | None) -> str:
    """The period an evaluation's recommendations come from, as lists and rows print it: a quarter of the office's
    own evaluations, or the kabupaten's Evaluasi AKIP of a whole year (`triwulan` None).

    >>> label_evaluasi(2026, 3), label_evaluasi(2025, None)
    ('Triwulan III 2026', 'Evaluasi AKIP 2025')
    """
    return f"Evaluasi AKIP {tahun}" if triwulan is None else f"Triwulan {ROMAWI[triwulan]} {tahun}"


def terlambat(r: Rekomendasi, hari_ini: date) -> bool:
    """Past its due date and not yet verified or done; the due date itself is not late.

    >>> terlambat(Rekomendasi(status="dalam proses", jatuh_tempo=date(2026, 7, 31)), date(2026, 8, 1))
    True
    >>> terlambat(Rekomendasi(status="dalam proses", jatuh_tempo=date(2026, 7, 31)), date(2026, 7, 31))
    False
    >>> terlambat(Rekomendasi(status="diverifikasi", jatuh_tempo=date(2026, 7, 31)), date(2026, 8, 1))
    False
    """
    return r.status not in TUNTAS and r.jatuh_tempo < hari_ini


def jatuh_tempo_dekat(r: Rekomendasi, hari_ini: date, hari: int = 7) -> bool:
    """Not yet verified or done and due between today and `hari` days from today, both included.

    >>> r = Rekomendasi(status="baru", jatuh_tempo=date(2026, 8, 8))
    >>> [jatuh_tempo_dekat(r, d) for d in (date(2026, 7, 31), date(2026, 8, 1), date(2026, 8, 8), date(2026, 8, 9))]
    [False, True, True, False]
    """
    return r.status not in TUNTAS and hari_ini <= r.jatuh_tempo <= hari_ini + timedelta(days=hari)


# ---------------------------------------------------------------- recording at once, waiting, reminders


def menunggu(r: Rekomendasi) -> str | None:
    """The role the item waits on now: the responsible role, the Sekretaris Camat to check, the Camat to
    acknowledge; None when done."""
    if r.status in (S.BARU, S.DALAM_PROSES, S.DIKEMBALIKAN):
        return r.role_kode
    return {S.DISERAHKAN: "sekcam", S.DIVERIFIKASI: "camat"}.get(S(r.status))


def pengingat(session: Session, user: User, hari_ini: date, hari: int = 7) -> list[tuple[Rekomendasi, bool]]:
    """Items overdue or due within `hari` days that wait on this user (the Camat: every such item of the office),
    overdue first; each with whether it is overdue."""
    if not user.kecamatan_id:
        return []
    batas = hari_ini + timedelta(days=hari)
    q = (select(Rekomendasi).where(Rekomendasi.kecamatan_id == user.kecamatan_id)
         .where(col(Rekomendasi.status).not_in(TUNTAS)).where(Rekomendasi.jatuh_tempo <= batas)
         .order_by(col(Rekomendasi.jatuh_tempo), col(Rekomendasi.id)))
    hasil = []
    for r in session.exec(q):
        if user.role_kode == "camat" or tindakan_tersedia(session, r, user):
            hasil.append((r, terlambat(r, hari_ini)))
    return hasil
