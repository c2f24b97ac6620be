"""Synthetic kabupaten at a province's scale: offices that carry the histories the demo generator wrote for a real
kabupaten's offices, written in bulk.

A province (Jawa Timur: 38 kabupaten/kota, 666 kecamatan) takes too long to generate one transition at a time
(about five seconds an office through the state machine). A synthetic office is built as a new office of its pattern
kabupaten is (seed.riwayat.kantor_baru: the example office's SOPs, one demo user per role, the kabupaten's IKU), and
it is given the history of one of the pattern's generated offices, its template: the records the state machine
wrote for the template, with the new office's ids, people and name. An office's history depends only on its
structure, its work calendar and its random stream, so these are the records the state machine writes for the new
office when it runs on the template's stream. `buat_sintetis(massal=False)` does exactly that, one transition at a
time, and a test compares the two runs table by table.

Names are marked as synthetic: kabupaten "Sintetis Malang 01", kecamatan "Sintetis 01-07". A synthetic kabupaten
holds as many offices as asked. Within it every office has a different template while there are templates enough;
beyond that they repeat (the summary says so). The templates rotate from one kabupaten to the next.
"""
from __future__ import annotations

import random
import secrets
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Table, func, insert, text
from sqlalchemy.engine import Connection, Engine
from sqlmodel import Session, SQLModel, select

from models.db import session_scope
from models.jenis_kerja import muat as muat_jenis_kerja
from models.kinerja.iku import pastikan_iku
from models.perencanaan.laporan_kinerja import PEMILIK_SCAN as PEMILIK_SCAN_LKJ
from models.perencanaan.perjanjian_kinerja import PEMILIK_SCAN
from models.sop.register import pastikan_kabupaten
from models.tables import AuditLog, Eksekusi, Indikator, Kabupaten, Kecamatan, PredikatKabupaten
from models.umum.angka import format_angka
from models.umum.audit import catat
from models.umum.kemajuan import Kemajuan
from models.umum.status import JenisKerja
from seed import iku_awal
from seed.demo import AWALAN_SINTETIS, buat_pengguna_kabupaten, nama_kabupaten_sintetis, nama_login
from seed.riwayat import (
    KantorRiwayat,
    RiwayatDitolak,
    kantor_baru,
    keadaan_triwulan_terakhir,
    sop_kantor_contoh,
)

PESAN_ADA_SINTETIS = "Basis data ini sudah berisi kabupaten sintetis; kecamatan sintetis hanya dibuat sekali."
PER_KABUPATEN = 30  # offices per synthetic kabupaten (Jawa Timur: 666 kecamatan in 38 kabupaten/kota, up to 33)

# An office's records, parents before children: the table, and how its rows belong to the office (its own
# kecamatan_id, or the parent row's id in a column).
MILIK: tuple[tuple[str, str, str | None], ...] = (
    ("kecamatan", "id", None),
    ("pengguna", "kecamatan_id", None),
    ("sop", "kecamatan_id", None),
    ("soprevisi", "sop_id", "sop"),
    ("soplangkah", "revisi_id", "soprevisi"),
    ("soppelaksana", "langkah_id", "soplangkah"),
    ("indikator", "kecamatan_id", None),
    ("pengumpulaniku", "kecamatan_id", None),
    ("target", "kecamatan_id", None),
    ("targetrenstra", "kecamatan_id", None),
    ("eksekusi", "kecamatan_id", None),
    ("laporankinerja", "kecamatan_id", None),
    ("lampiran", "kecamatan_id", None),  # only the signed LKj's scan (the file itself is the template's)
    ("realisasi", "kecamatan_id", None),
    ("catatanlangkah", "eksekusi_id", "eksekusi"),
    ("evaluasi", "kecamatan_id", None),
    ("evaluasiakip", "kecamatan_id", None),  # the office's Evaluasi AKIP, its LHE an Evaluasi above
    ("jawabanlke", "evaluasi_akip_id", "evaluasiakip"),
    ("rekomendasi", "kecamatan_id", None),
    ("tindaklanjut", "rekomendasi_id", "rekomendasi"),
    ("monitoringsop", "kecamatan_id", None),
    ("evaluasisop", "kecamatan_id", None),
    ("auditlog", "kecamatan_id", None),
)
# Ids that name a row by kind rather than by foreign key: the subject of an execution, the object of an audit row,
# and the ids an audit row's before/after record under these keys.
SUBJEK = {JenisKerja.REALISASI: "realisasi", JenisKerja.EVALUASI: "evaluasi"}
OBJEK = {"kecamatan": "kecamatan", "pengguna": "pengguna", "sop": "sop", "sop_revisi": "soprevisi",
         "indikator": "indikator", "target": "target", "eksekusi": "eksekusi", "realisasi": "realisasi",
         "catatan_langkah": "catatanlangkah", "evaluasi": "evaluasi", "rekomendasi": "rekomendasi",
         "laporan_kinerja": "laporankinerja", "lampiran": "lampiran", "evaluasi_akip": "evaluasiakip",
         "jawaban_lke": "jawabanlke"}
KUNCI_ID = {"eksekusi": "eksekusi", "evaluasi": "evaluasi", "sop": "sop", "sop_id": "sop", "dari_sop": "sop",
            "dari_revisi": "soprevisi", "user": "pengguna", "indikator": "indikator", "tindak_lanjut": "tindaklanjut",
            "laporan_kinerja": "laporankinerja", "evaluasi_akip": "evaluasiakip"}
BATCH_BARIS = 40_000  # rows buffered before they are written
# A synthetic office carries no Perjanjian Kinerja (seed.perjanjian skips it): a template's PKs, their runs, scans
# and audit rows are left out of the copy, as the state machine's run of a synthetic office writes none.
# Nor the Laporan Kinerja's passages (seed.lkj_demo writes none for a synthetic kabupaten).
TANPA_PK = ("perjanjian_kinerja.", "indikator_pk.", "rencana_aksi.", "lampiran.", "teks_lkj.")


def _tanpa_pk(potret: dict[str, list[dict]]) -> list[dict]:
    """A template's audit rows without those of its Perjanjian Kinerja work."""
    eksekusi = {r["id"] for r in potret["eksekusi"]}
    catatan = {r["id"] for r in potret["catatanlangkah"]}
    lampiran = {r["id"] for r in potret["lampiran"]}  # the LKj's scans, copied
    return [r for r in potret["auditlog"]
            if (not r["aksi"].startswith(TANPA_PK) or (r["objek"] == "lampiran" and r["objek_id"] in lampiran))
            and not (r["objek"] == "eksekusi" and r["objek_id"] not in eksekusi)
            and not (r["objek"] == "catatan_langkah" and r["objek_id"] not in catatan)]


@dataclass(frozen=True)
class RingkasanSintetis:
    """What one synthetic fill wrote."""

    kabupaten: int
    kecamatan: int
    baris: dict[str, int]
    massal: bool
    detik: float
    per_kabupaten: int = 1
    templat: int = 1

    def kalimat(self) -> str:
        n = format_angka
        detik = format_angka(self.detik, 1)
        cara = "ditulis massal" if self.massal else "melalui mesin status"
        return (f"{n(self.kecamatan)} kecamatan sintetis dalam {n(self.kabupaten)} kabupaten sintetis dibuat ({cara}): "
                f"{n(self.baris.get('realisasi', 0))} realisasi, {n(self.baris.get('eksekusi', 0))} eksekusi SOP, "
                f"{n(self.baris.get('catatanlangkah', 0))} catatan langkah, {n(self.baris.get('auditlog', 0))} "
                f"baris audit, dalam {detik} detik." + (
                    f" Tiap kabupaten sintetis memuat hingga {n(self.per_kabupaten)} kecamatan dari {n(self.templat)} "
                    "kantor templat, jadi riwayat templat dipakai berulang dalam satu kabupaten."
                    if self.per_kabupaten > self.templat and self.kecamatan > self.templat else ""))


@dataclass(frozen=True)
class Rencana:
    """One synthetic office: its kabupaten's number, its name and the template whose history it carries."""

    kabupaten: int
    nama: str
    templat: Kecamatan


def buat_sintetis(engine: Engine, *, dari: str = "Malang", jumlah: int, per_kabupaten: int = PER_KABUPATEN,
                  massal: bool = True, jam_kerja: str | None = None,
                  tulis: Callable[[str], None] | None = None) -> RingkasanSintetis:
    """Add `jumlah` synthetic kecamatan, in synthetic kabupaten of `per_kabupaten` following `dari`, each with the
    history of one of `dari`'s generated offices; in bulk (`massal`) or through the state machine. One transaction;
    refused (RiwayatDitolak, nothing written) when `dari` has no demo history or synthetic kabupaten exist."""
    muat_jenis_kerja()  # the state machine runs the templates' histories: every kind of work registered
    mulai = time.perf_counter()
    if jumlah < 1:
        raise RiwayatDitolak("Jumlah kecamatan sintetis sedikitnya 1.")
    if per_kabupaten < 1:
        raise RiwayatDitolak("Kecamatan per kabupaten sintetis sedikitnya 1.")
    with session_scope(engine, jam_kerja=jam_kerja) as s:
        if s.exec(select(Kabupaten.id).where(Kabupaten.nama.startswith(AWALAN_SINTETIS + " "))).first():
            raise RiwayatDitolak(PESAN_ADA_SINTETIS)
        pola = s.exec(select(Kabupaten).where(Kabupaten.nama == dari)).first()
        if pola is None:
            raise RiwayatDitolak(f"Kabupaten {dari} tidak ada di basis data.")
        dibuat = _riwayat_dibuat(s, dari)
        templat = _templat(s, pola)
        per = per_kabupaten
        rencana = [Rencana(i // per + 1, f"{AWALAN_SINTETIS} {i // per + 1:02d}-{i % per + 1:02d}",
                           templat[(i % per + i // per) % len(templat)]) for i in range(jumlah)]
        kabupaten = {}
        for nomor in sorted({r.kabupaten for r in rencana}):
            kabupaten[nomor] = _kabupaten_sintetis(s, pola, nomor)
        kemajuan = Kemajuan("Kecamatan sintetis", jumlah, tulis=tulis) if tulis else None
        if massal:
            baris = _Salinan(s, pola).tulis_semua(rencana, kabupaten, kemajuan)
        else:
            baris = _jalankan_semua(s, rencana, kabupaten, dibuat, dari, kemajuan)
        ringkasan = RingkasanSintetis(kabupaten=len(kabupaten), kecamatan=jumlah, baris=baris, massal=massal,
                                      detik=time.perf_counter() - mulai, per_kabupaten=per, templat=len(templat))
        catat(s, aksi="demo.sintetis", keterangan=ringkasan.kalimat(),
              sesudah={"dari": dari, "kabupaten": len(kabupaten), "kecamatan": jumlah, "massal": massal, **baris})
    return RingkasanSintetis(**{**ringkasan.__dict__, "detik": time.perf_counter() - mulai})


def _riwayat_dibuat(s: Session, dari: str) -> dict:
    """The settings `dari`'s history was generated with (the demo.generate audit row): seed, years, today."""
    for row in s.exec(select(AuditLog).where(AuditLog.aksi == "demo.generate").order_by(AuditLog.id.desc())):
        if (row.sesudah or {}).get("kabupaten") == dari:
            return row.sesudah
    raise RiwayatDitolak(f"Kabupaten {dari} belum memiliki riwayat demo; jalankan demo generate lebih dahulu.")


def _templat(s: Session, pola: Kabupaten) -> list[Kecamatan]:
    """The pattern's offices the generator created (not the seed offices, whose SOPs came from documents) that have
    a history, by name."""
    impor = select(AuditLog.kecamatan_id).where(AuditLog.aksi == "sop.impor").where(AuditLog.kecamatan_id.is_not(None))
    berriwayat = select(Eksekusi.kecamatan_id)
    hasil = list(s.exec(select(Kecamatan).where(Kecamatan.kabupaten_id == pola.id)
                        .where(Kecamatan.id.not_in(impor)).where(Kecamatan.id.in_(berriwayat))
                        .order_by(Kecamatan.nama)))
    if not hasil:
        raise RiwayatDitolak(f"Kabupaten {pola.nama} belum memiliki kecamatan baru berriwayat untuk dijadikan templat; "
                             "jalankan demo generate dengan --kecamatan lebih dari kecamatan contohnya.")
    return hasil


def _kabupaten_sintetis(s: Session, pola: Kabupaten, nomor: int) -> Kabupaten:
    """A synthetic kabupaten with its pattern's bands, shared IKU and a demo user."""
    kab = pastikan_kabupaten(s, nama_kabupaten_sintetis(pola.nama, nomor))
    for p in s.exec(select(PredikatKabupaten).where(PredikatKabupaten.kabupaten_id == pola.id)).all():
        s.add(PredikatKabupaten(kabupaten_id=kab.id, berlaku_mulai=p.berlaku_mulai, pita=p.pita))
    pastikan_iku(s, [{**d, "kabupaten": kab.nama} for d in iku_awal()
                     if d["kabupaten"] == pola.nama and not d.get("kecamatan")])
    buat_pengguna_kabupaten(s, kab)
    s.flush()
    return kab


def _jalankan_semua(s: Session, rencana: list[Rencana], kabupaten: dict[int, Kabupaten], dibuat: dict, dari: str,
                    kemajuan: Kemajuan | None) -> dict[str, int]:
    """Each synthetic office built as a new office and its history run through the state machine on its template's
    random stream and last-quarter state: what the bulk copy must equal."""
    sop_contoh = sop_kantor_contoh(s, dari)
    hari_ini = date.fromisoformat(dibuat["hari_ini"])
    kab_pola = s.exec(select(Kabupaten).where(Kabupaten.nama == dari)).one()
    semua = [k.nama for k in s.exec(select(Kecamatan).where(Kecamatan.kabupaten_id == kab_pola.id)
                                    .where(Kecamatan.id.in_(select(Eksekusi.kecamatan_id))))]
    keadaan = keadaan_triwulan_terakhir(semua, dibuat["seed"], dari)
    hitung_awal = _hitung(s)
    for n, r in enumerate(rencana, 1):
        kec = kantor_baru(s, kabupaten[r.kabupaten].nama, r.nama, sop_contoh)
        KantorRiwayat(s, kec, random.Random(f"{dibuat['seed']}/{dari}/{r.templat.nama}"), hari_ini,
                      dibuat["tahun"], keadaan[r.templat.nama]).jalankan()
        if kemajuan:
            kemajuan.maju(n)
    s.flush()
    akhir = _hitung(s)
    return {t: akhir[t] - hitung_awal[t] for t in akhir if akhir[t] != hitung_awal[t]}


def _hitung(s: Session) -> dict[str, int]:
    meta = SQLModel.metadata.tables
    return {t: s.exec(select(func.count()).select_from(meta[t])).one() for t, _, _ in MILIK}


class _Salinan:
    """Copies of template offices, written with one multi-row INSERT per table and batch."""

    def __init__(self, s: Session, pola: Kabupaten) -> None:
        self.s = s
        self.pola = pola
        self.meta = SQLModel.metadata.tables
        self.fk: dict[str, list[tuple[str, str]]] = {
            t: [(fk.parent.name, fk.column.table.name) for fk in self.meta[t].foreign_keys] for t, _, _ in MILIK}
        self.potret: dict[int, dict[str, list[dict]]] = {}
        self.buffer: dict[str, list[dict]] = defaultdict(list)
        self.jumlah_buffer = 0
        self.ditulis: dict[str, int] = defaultdict(int)
        self.ind_pola = {i.kode: i.id for i in s.exec(select(Indikator).where(Indikator.kabupaten_id == pola.id))}

    # ------------------------------------------------------------ the whole run

    def tulis_semua(self, rencana: list[Rencana], kabupaten: dict[int, Kabupaten],
                    kemajuan: Kemajuan | None) -> dict[str, int]:
        s = self.s
        s.flush()
        self.conn: Connection = s.connection()
        pg = self.conn.dialect.name == "postgresql"
        if pg:  # the ids are taken here; no other writer may take them meanwhile
            self.conn.execute(text("LOCK TABLE " + ", ".join(t for t, _, _ in MILIK) + " IN EXCLUSIVE MODE"))
        self.berikut = {t: (self.conn.execute(select(func.max(self.meta[t].c.id))).scalar() or 0) + 1
                        for t, _, _ in MILIK}
        ind_kab = {k.id: {i.kode: i.id for i in s.exec(select(Indikator).where(Indikator.kabupaten_id == k.id))}
                   for k in kabupaten.values()}
        for n, r in enumerate(rencana, 1):
            kab = kabupaten[r.kabupaten]
            potret = self._potret(r.templat)
            self._salin(r, kab, potret, {self.ind_pola[k]: v for k, v in ind_kab[kab.id].items()})
            if self.jumlah_buffer >= BATCH_BARIS:
                self._tulis()
            if kemajuan:
                kemajuan.maju(n)
        self._tulis()
        if pg:
            for t, _, _ in MILIK:
                self.conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{t}', 'id'), "
                                       f"(SELECT max(id) FROM {t}))"))
        return dict(self.ditulis)

    def _potret(self, kec: Kecamatan) -> dict[str, list[dict]]:
        """Every record of one template office, per table, by id."""
        if kec.id in self.potret:
            return self.potret[kec.id]
        hasil: dict[str, list[dict]] = {}
        for t, kolom, induk in MILIK:
            tabel: Table = self.meta[t]
            if induk is None:
                syarat = tabel.c[kolom] == kec.id
            else:
                syarat = tabel.c[kolom].in_([r["id"] for r in hasil[induk]] or [-1])
            if t == "eksekusi":  # the Perjanjian Kinerja is not copied (see TANPA_PK)
                syarat = syarat & (tabel.c.subjek_jenis != JenisKerja.PERJANJIAN_KINERJA)
            elif t == "lampiran":  # nor its scans
                syarat = syarat & (tabel.c.pemilik_jenis == PEMILIK_SCAN_LKJ)
            hasil[t] = [dict(r) for r in self.conn.execute(select(tabel).where(syarat).order_by(tabel.c.id)).mappings()]
        hasil["auditlog"] = _tanpa_pk(hasil)
        lampiran = self.meta["lampiran"]
        if self.conn.execute(select(func.count()).select_from(lampiran).where(lampiran.c.kecamatan_id == kec.id)
                             .where(lampiran.c.pemilik_jenis.not_in((PEMILIK_SCAN, PEMILIK_SCAN_LKJ)))).scalar():
            raise RiwayatDitolak(f"Kecamatan {kec.nama} memiliki lampiran berkas; kantor berlampiran tidak disalin.")
        self.potret[kec.id] = hasil
        return hasil

    # ------------------------------------------------------------ one office

    def _salin(self, r: Rencana, kab: Kabupaten, potret: dict[str, list[dict]], ind_shared: dict[int, int]) -> None:
        peta: dict[str, dict[int, int]] = {}
        for t, _, _ in MILIK:  # new ids in the template's order, so "by id" still means "in the order written"
            mulai = self.berikut[t]
            peta[t] = {row["id"]: mulai + i for i, row in enumerate(potret[t])}
            self.berikut[t] = mulai + len(potret[t])
        templat = r.templat
        login_lama, login_baru = nama_login(templat.nama), nama_login(r.nama)
        username: dict[int, str] = {}
        for u in potret["pengguna"]:
            username[u["id"]] = u["username"].removesuffix("." + login_lama) + "." + login_baru

        def id_baru(tabel: str, nilai: int, *, wajib: bool = True) -> int:
            if nilai in peta.get(tabel, {}):
                return peta[tabel][nilai]
            if tabel == "indikator" and nilai in ind_shared:
                return ind_shared[nilai]
            if tabel == "kabupaten":
                return kab.id
            if wajib and tabel in peta:
                raise RiwayatDitolak(f"Kecamatan {templat.nama}: {tabel} {nilai} di luar kantor; tidak dapat disalin.")
            return nilai  # a row outside the office (the example office's SOP a copy came from)

        for t, _, _ in MILIK:
            fk = self.fk[t]
            for asal in potret[t]:
                row = dict(asal)
                row["id"] = peta[t][asal["id"]]
                for kolom, ref in fk:
                    if row[kolom] is not None:
                        row[kolom] = id_baru(ref, row[kolom], wajib=ref != "pengguna")
                if t == "kecamatan":
                    row["nama"] = r.nama
                elif t == "pengguna":
                    row["username"] = username[asal["id"]]
                    row["nama"] = asal["nama"].removesuffix(templat.nama) + r.nama
                    row["sesi_token"] = secrets.token_hex(16)
                elif t == "eksekusi" and row["subjek_id"] is not None:
                    row["subjek_id"] = id_baru(SUBJEK[row["subjek_jenis"]], row["subjek_id"])
                elif t == "lampiran":
                    row["pemilik_id"] = id_baru("laporankinerja", row["pemilik_id"])
                elif t == "auditlog":
                    self._audit(row, asal, r, kab, username, id_baru)
                self.buffer[t].append(row)
                self.jumlah_buffer += 1

    def _audit(self, row: dict, asal: dict, r: Rencana, kab: Kabupaten, username: dict[int, str],
               id_baru: Callable[..., int]) -> None:
        if asal["user_id"] in username:
            row["username"] = username[asal["user_id"]]
        if row["objek_id"] is not None:
            if row["objek"] not in OBJEK:
                raise RiwayatDitolak(f"Baris audit {asal['id']}: objek {row['objek']} tidak dikenal penyalin.")
            row["objek_id"] = id_baru(OBJEK[row["objek"]], row["objek_id"], wajib=row["objek"] != "pengguna")
        for sisi in ("sebelum", "sesudah"):
            data = row[sisi]
            if not isinstance(data, dict):
                continue
            data = dict(data)
            for kunci, tabel in KUNCI_ID.items():
                if isinstance(data.get(kunci), int) and not isinstance(data[kunci], bool):
                    data[kunci] = id_baru(tabel, data[kunci], wajib=False)
            if row["aksi"] == "kecamatan.buat":
                data.update(nama=r.nama, kabupaten=kab.nama)
            elif row["aksi"] == "pengguna.buat" and row["objek_id"] is not None:
                data["username"] = username.get(asal["objek_id"], data.get("username"))
            row[sisi] = data

    def _tulis(self) -> None:
        for t, _, _ in MILIK:
            rows = self.buffer.pop(t, [])
            if rows:
                self.conn.execute(insert(self.meta[t]), rows)
                self.ditulis[t] += len(rows)
        self.jumlah_buffer = 0
