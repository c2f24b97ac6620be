"""The fuzzer: random and hostile requests to every server callback and every route of the running app, as every
role and anonymous, each checked for the product's properties.

The callback graph and the routes are read from the app itself (`app.callback_map` after one request,
`app.server.url_map`), so a new callback or route is fuzzed without being listed. For each request:

- no answer 500 and no unhandled exception logged;
- a refused request (401, 403, 400, an `akses.ditolak`/`aksi.ditolak` audit row written by it, or a refusal shown in
  the answer) writes nothing;
- a refusal of a signed-in user by the access policy (403) or by the domain (a `Ditolak` shown as the refusal
  alert in a callback's answer) leaves an audit row. Not required to be audited, by decision: a callback body the
  product cannot read (400 "Permintaan tidak dapat dibaca", dashboard.web.badan_dash: no action was asked of the
  domain; the reason is logged), a route's 400 for a missing or malformed parameter (a route's `Ditolak` is audited
  by auth.jawaban_penolakan, but a 400 does not say which it was), a form without its CSRF token (400) and the
  first-login guard's 403 (nothing is refused but "change the password first").

"Nothing written" is watched at the SQL level (`PenjagaTulis`): every INSERT/UPDATE/DELETE on a table other than the
audit log and the login attempts that a committed transaction carried. It is checked against the full database
fingerprint (tests.dash_util.sidik_basis_data) as the run goes: whenever the fingerprint changed, the watcher must
have seen a committed write in between (`Penguji.cocokkan_sidik`), so the cheap watch misses nothing the fingerprint
would see.
"""
from __future__ import annotations

import json
import logging
import re
import string
import traceback
from collections import Counter
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from flask import got_request_exception
from hypothesis import strategies as st
from sqlalchemy import event
from sqlmodel import col, func, select

from models.db import session_scope
from models.tables import AuditLog, User
from tests.dash_util import _banyak, _id, _keluaran, daftar_callback, nama_argumen, sidik_basis_data

# The demo's people, one per kind of role, and anonymous (None). Password: seed.demo.DEMO_PASSWORD.
PERAN = (None, "admin", "kabupaten.malang", "inspektorat.malang", "camat.poncokusumo", "sekcam.poncokusumo",
         "evapor.poncokusumo", "umum.poncokusumo", "kasipem.poncokusumo", "tim.poncokusumo", "staf.poncokusumo",
         "camat.muarapapalik", "renkeu.muarapapalik", "kabupaten.tanjungjabungbarat")
TIDAK_DIAUDIT = ("Permintaan tidak dapat dibaca", "Sesi formulir kedaluwarsa", "Formulir kedaluwarsa",
                 "Ganti kata sandi awal")
TABEL_BEBAS = ("auditlog", "percobaanmasuk", "tembolok")  # what a refusal may write: its audit row, a counted login attempt; a read, its cached answer
DML = re.compile(r'^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)

TANPA = object()  # no JSON body


# ----------------------------------------------------------------------------------------------- values

HALAMAN = ["/", "/capaian", "/sop", "/siklus", "/sop/1", "/sop/abc", "/sop/" + str(2**63), "/sop/" + "9" * 5000,
           "/perbandingan", "/realisasi", "/unggah-sop", "/persetujuan", "/iku", "/pekerjaan", "/tindak-lanjut",
           "/anggaran", "/perjanjian-kinerja", "/laporan-kinerja", "/monitoring-sop", "/evaluasi-akip", "/pengguna",
           "/evaluasi-akip/rekap", "/hari-libur", "/kalender-sakip", "/pengaturan-kabupaten", "/pegawai", "/404",
           "/tidak-ada", "", None, 5, "//x", "/\ud800"]
TEKS_LIAR = ["", " ", "abc", "\x00", "a\x00b", "\ud800", "x\udfffy", "x" * 100_000, "9" * 5000, "-" + "9" * 5000,
             "2025", "0", "-1", "1.5", "1e308", "NaN", "Infinity", "-inf", "٣", "²", "１２", "<script>alert(1)</script>",
             "../../etc/passwd", "' OR 1=1 --", "%", "_", "\\", "\r\n", "Poncokusumo", "Kalipare", "Muara Papalik",
             "Malang", "2024-01-01", "2025-13-45", "0000-01-01", "0001-01-01", "9999-12-31", "10000-01-01", "24:61",
             "data:application/octet-stream;base64,AAAA", "data:;base64,!!!", "data:text/plain;base64,",
             "=HYPERLINK(\"x\")", "camat", "admin", "draf", "resmi", "pk", "lkj", "csv", "xlsx", "pdf", "docx"]
ANGKA_LIAR = [0, 1, 2, 3, 4, 5, -1, 7, 2**31, 2**53 + 1, 2**63 - 1, 2**63, -(2**63) - 1, 10**20, 2024, 2025, 2026, 0.5,
              1e308, -0.0, float("nan"), float("inf"), float("-inf"), True, False]


def _kecil() -> st.SearchStrategy:
    return st.one_of(st.none(), st.booleans(), st.integers(-5, 40), st.sampled_from(ANGKA_LIAR),
                     st.sampled_from(TEKS_LIAR), st.text(max_size=12))


NILAI_LIAR = st.recursive(
    _kecil(),
    lambda anak: st.one_of(st.lists(anak, max_size=4), st.dictionaries(st.text(max_size=6), anak, max_size=3)),
    max_leaves=8,
)


def _wajar(nama: str, prop: str) -> st.SearchStrategy:
    """Values a page would send for an argument, guessed from its name: enough to reach past the first check."""
    n = nama.lower()
    if prop == "pathname":
        return st.sampled_from(HALAMAN)
    if prop == "search":
        return st.sampled_from(["", "?tahun=2025", "?kecamatan=Poncokusumo", "?kecamatan=Kalipare&tahun=abc",
                                "?tahun=0", "?tahun=99999999999999999999", "?kecamatan=%00", "?triwulan=9",
                                "?sop_id=" + "9" * 5000, "?tahun=2025&tahun=2026", "?kabupaten=Malang"])
    if prop == "n_clicks" or "klik" in n:
        return st.sampled_from([1, 1, 2, None, 0])
    if "tahun" in n:
        return st.sampled_from([2024, 2025, 2026, "2025", 0, -1, 10000, "abc", None])
    if "triwulan" in n:
        return st.sampled_from([1, 2, 3, 4, 0, 5, "2", None])
    if "kecamatan" in n or "kantor" in n:
        return st.sampled_from(["Poncokusumo", "Kalipare", "Muara Papalik", 1, 2, 3, None, [1, 2], "Bukan Kantor"])
    if "kabupaten" in n:
        return st.sampled_from(["Malang", "Tanjung Jabung Barat", 1, 2, None])
    if n.endswith("id") or "versi" in n or "pilih" in n:
        return st.one_of(st.integers(0, 60), st.sampled_from([None, "abc", 2**63, "1"]))
    if "tanggal" in n:
        return st.sampled_from(["2025-03-01", "2026-01-02", "0001-01-01", "9999-12-31", "bukan", None])
    if "contents" in prop or "berkas" in n or "isi" == n:
        return st.sampled_from([None, "data:application/octet-stream;base64,UEsDBA==", "data:;base64,@@",
                                "data:text/plain;base64," + "QQ==" * 10])
    if "filename" in prop or "nama_berkas" in n:
        return st.sampled_from([None, "a.xlsx", "a.docx", "a.pdf", "../x.docx", "\x00.xlsx"])
    return st.one_of(st.none(), st.text(max_size=30), st.integers(0, 100))


def nilai_argumen(nama: str, prop: str) -> st.SearchStrategy:
    """Half the time a plausible value for the argument, half the time anything hostile."""
    return st.one_of(_wajar(nama, prop), NILAI_LIAR)


def _komponen_banyak(dep: dict, nilai: Any) -> list[dict]:
    """An ALL dependency as the browser sends it: one component per value."""
    pola = json.loads(dep["id"])
    hasil = []
    for i, v in enumerate(nilai if isinstance(nilai, list) else [nilai], start=1):
        ident = {k: i if w in (["ALL"], ["ALLSMALLER"]) else 1 if w == ["MATCH"] else w for k, w in pola.items()}
        if dep["property"] == "id":  # the browser sends a component's id as the value of its `id`
            if isinstance(v, (int, str)) and not isinstance(v, bool):
                ident = {k: v if w in (["ALL"], ["ALLSMALLER"]) else x for (k, w), x in zip(pola.items(), ident.values())}
            v = ident
        hasil.append({"id": ident, "property": dep["property"], "value": v})
    return hasil


@st.composite
def badan_callback(draw, kunci: str, cb: dict, nama: list[str]) -> dict:
    """A well-formed request for the callback with random values (pattern ids with random concrete values)."""
    indeks = draw(st.one_of(st.integers(0, 40), st.sampled_from([2**63, -1, "abc", 1.5, "\ud800", True])))

    def ganti_match(ident):
        if isinstance(ident, dict):
            return {k: indeks if v == 1 and k in ("index", "p") else v for k, v in ident.items()}
        return ident

    deps = cb["inputs"] + cb["state"]
    isian = []
    for i, dep in enumerate(deps):
        arg = nama[i] if i < len(nama) else dep["property"]
        v = draw(nilai_argumen(arg, dep["property"]))
        if _banyak(dep["id"]):
            isian.append(_komponen_banyak(dep, draw(st.lists(nilai_argumen(arg, dep["property"]), max_size=3))))
        else:
            isian.append({"id": ganti_match(_id(dep["id"])), "property": dep["property"], "value": v})
    keluaran = _keluaran(kunci, cb)
    if isinstance(keluaran, list):
        keluaran = [{**k, "id": ganti_match(k["id"])} for k in keluaran]
    else:
        keluaran = {**keluaran, "id": ganti_match(keluaran["id"])}
    masukan, keadaan = isian[:len(cb["inputs"])], isian[len(cb["inputs"]):]
    berubah = []
    if masukan and isinstance(masukan[0], dict):
        ident = masukan[0]["id"]
        teks = json.dumps(ident, sort_keys=True, separators=(",", ":")) if isinstance(ident, dict) else ident
        berubah = [f"{teks}.{masukan[0]['property']}"]
    return {"output": kunci, "outputs": keluaran, "inputs": masukan, "state": keadaan, "changedPropIds": berubah}


@st.composite
def badan_rusak(draw, badan: dict) -> Any:
    """The same request bent out of the shape Dash reads."""
    cara = draw(st.sampled_from(["tanpa_outputs", "tanpa_inputs", "tanpa_output", "output_asing", "outputs_bentuk",
                                 "outputs_panjang", "inputs_bukan_daftar", "inputs_kurang", "state_lebih",
                                 "id_salah", "properti_salah", "berubah", "bukan_objek", "nilai_acak"]))
    b = dict(badan)
    if cara == "tanpa_outputs":
        b.pop("outputs")
    elif cara == "tanpa_inputs":
        b.pop("inputs")
    elif cara == "tanpa_output":
        b.pop("output")
    elif cara == "output_asing":
        b["output"] = draw(st.sampled_from(["x.children", "", "..a.b...c.d..", 5, None]))
    elif cara == "outputs_bentuk":
        b["outputs"] = b["outputs"][0] if isinstance(b["outputs"], list) and b["outputs"] else [b["outputs"]]
    elif cara == "outputs_panjang":
        b["outputs"] = (b["outputs"] if isinstance(b["outputs"], list) else [b["outputs"]]) * 2
    elif cara == "inputs_bukan_daftar":
        b["inputs"] = draw(st.sampled_from([{}, "x", 1, None]))
    elif cara == "inputs_kurang":
        b["inputs"] = b["inputs"][:-1]
    elif cara == "state_lebih":
        b["state"] = [*b["state"], {"id": "x", "property": "value", "value": 1}]
    elif cara == "id_salah" and b["inputs"] and isinstance(b["inputs"][0], dict):
        b["inputs"] = [{**b["inputs"][0], "id": draw(st.sampled_from(["lain", {"type": "x"}, 5, None]))},
                       *b["inputs"][1:]]
    elif cara == "properti_salah" and b["inputs"] and isinstance(b["inputs"][0], dict):
        b["inputs"] = [{**b["inputs"][0], "property": draw(st.sampled_from(["lain", 5, None]))}, *b["inputs"][1:]]
    elif cara == "berubah":
        b["changedPropIds"] = draw(st.sampled_from(["x", [1], [None], {"a": 1}, [["x"]]]))
    elif cara == "bukan_objek":
        return draw(st.sampled_from([[], "teks", 1, None, [b]]))
    else:
        return {k: draw(NILAI_LIAR) for k in b}
    return b


TEKS_JALAN = st.one_of(st.sampled_from(["1", "0", "abc", "9" * 30, str(2**63), "9" * 5000, "-1", "x.pdf", "malang",
                                        "Malang", "tanjung-jabung-barat", "pk", "lkj", "csv", "xlsx", "pdf",
                                        "iku-triwulan", "%00", "%ED%A0%80", "..%2F..", "a" * 3000]),
                       st.text(alphabet=string.ascii_letters + string.digits + "-_.", max_size=12))
KUNCI_QUERY = ["tahun", "kecamatan", "kabupaten", "triwulan", "next", "q", "cari", "status", "sop", "indikator",
               "format", "jenis", "halaman", "dari", "sampai", "sop_id", "id"]


@st.composite
def alamat_rute(draw, aturan: list) -> tuple[str, str]:
    """(method, address) for a route: its variables filled with random or hostile text, a random query string."""
    rule = draw(st.sampled_from(aturan))
    alamat = re.sub(r"<(?:[^:>]+:)?[^>]+>", lambda _m: draw(TEKS_JALAN), rule.rule)
    pasangan = draw(st.lists(st.tuples(st.sampled_from(KUNCI_QUERY),
                                       st.one_of(TEKS_JALAN, st.sampled_from(["2025", "1", "Poncokusumo", "//evil",
                                                                              "/%0D%0ALocation:x"]))),
                             max_size=3))
    if pasangan:
        alamat += "?" + "&".join(f"{k}={v if '%' in v else quote(v)}" for k, v in pasangan)
    metode = draw(st.sampled_from(sorted(rule.methods - {"HEAD", "OPTIONS"})))
    return metode, alamat


# ----------------------------------------------------------------------------------------------- the watch


class PenjagaTulis:
    """Counts committed transactions that wrote a table other than the audit log and the login attempts."""

    def __init__(self, engine):
        self.engine = engine
        self.commit_tulis = 0
        self.tabel: Counter = Counter()
        event.listen(engine, "before_cursor_execute", self._perintah)
        event.listen(engine, "commit", self._commit)
        event.listen(engine, "rollback", self._rollback)

    def lepas(self) -> None:
        event.remove(self.engine, "before_cursor_execute", self._perintah)
        event.remove(self.engine, "commit", self._commit)
        event.remove(self.engine, "rollback", self._rollback)

    def _perintah(self, conn, cursor, statement, parameters, context, executemany):
        m = DML.match(statement)
        if m and m.group(1).lower() not in TABEL_BEBAS:
            conn.info.setdefault("sakip_tulis", set()).add(m.group(1).lower())

    def _commit(self, conn):
        tulis = conn.info.pop("sakip_tulis", None)
        if tulis:
            self.commit_tulis += 1
            self.tabel.update(tulis)

    def _rollback(self, conn):
        conn.info.pop("sakip_tulis", None)


@dataclass
class Catatan:
    """The figures of a run."""

    dicoba: int = 0
    status: Counter = field(default_factory=Counter)
    jenis: Counter = field(default_factory=Counter)
    galat_500: list = field(default_factory=list)  # (what, traceback)
    tulis_ditolak: list = field(default_factory=list)
    tanpa_audit: list = field(default_factory=list)
    sidik_meleset: list = field(default_factory=list)
    status_anonim: Counter = field(default_factory=Counter)
    baru: list = field(default_factory=list)  # every violation: (request, violation)
    masuk_ulang: Counter = field(default_factory=Counter)  # sessions ended by a fuzzed write: signed in again / not

    def ringkas(self, n_jejak: int = 5) -> str:
        baris = [f"masukan dicoba: {self.dicoba}",
                 "jawaban per status: " + ", ".join(f"{k}: {v}" for k, v in sorted(self.status.items())),
                 "  di antaranya anonim: " + ", ".join(f"{k}: {v}" for k, v in sorted(self.status_anonim.items())),
                 "per jenis: " + ", ".join(f"{k}: {v}" for k, v in sorted(self.jenis.items())),
                 f"jawaban 500 / galat tak tertangani: {len(self.galat_500)}",
                 f"tulisan pada permintaan yang ditolak: {len(self.tulis_ditolak)}",
                 f"penolakan tanpa baris audit: {len(self.tanpa_audit)}",
                 f"sidik basis data berubah tanpa tulisan yang terlihat: {len(self.sidik_meleset)}",
                 "sesi berakhir di tengah jalan, masuk kembali: "
                 + ", ".join(f"{k}: {v}" for k, v in sorted(self.masuk_ulang.items()))]
        jejak: dict[str, tuple[str, int]] = {}
        for apa, tb in self.galat_500:
            akhir = tb.strip().splitlines()[-1] if tb else "(tanpa jejak)"
            tempat = re.findall(r'File "([^"]+)", line (\d+)', tb or "")
            kunci = f"{akhir} @ {tempat[-1] if tempat else ''}"
            if kunci not in jejak:
                jejak[kunci] = (f"{apa}\n{tb}", 0)
            jejak[kunci] = (jejak[kunci][0], jejak[kunci][1] + 1)
        if jejak:
            baris.append(f"galat berbeda: {len(jejak)}")
            for i, (kunci, (contoh, n)) in enumerate(sorted(jejak.items(), key=lambda x: -x[1][1])):
                if i < n_jejak:
                    baris.append(f"--- {n}x {kunci}\n{contoh[-3000:]}")
                else:
                    baris.append(f"--- {n}x {kunci}")
        baris.append(f"pelanggaran: {len(self.baru)}")
        contoh_baru: dict[str, str] = {}
        for apa, p in self.baru:
            contoh_baru.setdefault(re.sub(r"\d+", "N", p.splitlines()[-1] if p.strip() else p)[:200], f"{apa}\n    {p[-1500:]}")
        for x in list(contoh_baru.values())[:12]:
            baris.append(f"baru: {x}")
        for judul, daftar in (("tulisan pada penolakan", self.tulis_ditolak), ("tanpa audit", self.tanpa_audit),
                              ("sidik meleset", self.sidik_meleset)):
            for x in daftar[:n_jejak]:
                baris.append(f"{judul}: {x}")
        return "\n".join(baris)


def _ringkas(badan: Any, data: bytes | None) -> str:
    """A request's body for a report: long texts cut, so that a 100 KB value does not fill it."""
    if badan is TANPA:
        return repr(data[:80]) if data else ""

    def potong(x):
        if isinstance(x, str):
            return x if len(x) <= 60 else f"{x[:20]}...({len(x)} karakter)"
        if isinstance(x, list):
            return [potong(v) for v in x]
        if isinstance(x, dict):
            return {k: potong(v) for k, v in x.items()}
        if isinstance(x, int) and not isinstance(x, bool) and abs(x) > 10**30:
            return f"<{len(str(x))} digit>"
        return x

    return json.dumps(potong(badan), default=str, ensure_ascii=True)[:1500]


def _admits(cb: dict, role_kode: str) -> bool:
    kebijakan = getattr(cb["callback"], "kebijakan", None)
    return kebijakan is None or kebijakan.peran is None or role_kode in kebijakan.peran


class _TangkapLog(logging.Handler):
    def __init__(self):
        super().__init__(logging.ERROR)
        self.catatan: list[str] = []

    def emit(self, record):
        teks = record.getMessage()
        if record.exc_info:
            teks += "\n" + "".join(traceback.format_exception(*record.exc_info))
        self.catatan.append(teks)


class Penguji:
    """Sends one request at a time as one of the roles and checks it; collects the figures in `catatan`."""

    def __init__(self, app, *, kata_sandi: str = "demo12345"):
        from tests.conftest import masuk

        self.app = app
        self.server = app.server
        self.engine = app.server.extensions["sakip_engine"]
        self.kata_sandi = kata_sandi
        self._masuk = masuk
        self.klien: dict[str | None, Any] = {}
        for peran in PERAN:
            self.klien[peran] = self.server.test_client()
            if peran:
                r = masuk(self.klien[peran], peran, kata_sandi)
                assert r.status_code == 302, f"{peran} tidak dapat masuk"
        self.klien[None].get("/_dash-layout")
        self.callback = dict(sorted(daftar_callback(app).items()))
        self.nama = {k: nama_argumen(cb) for k, cb in self.callback.items()}
        with session_scope(self.engine) as s:
            kode = {u.username: u.role_kode for u in s.exec(select(User)) if u.username in PERAN}
        self.boleh = {k: [p for p in PERAN if p and _admits(cb, kode[p])] for k, cb in self.callback.items()}
        self.aturan = sorted((r for r in self.server.url_map.iter_rules()
                              if not r.rule.startswith(("/static/", "/assets/", "/_dash-update-component"))),
                             key=lambda r: r.rule)
        self.penjaga = PenjagaTulis(self.engine)
        self.catatan = Catatan()
        self._galat: list[str] = []
        self._log = _TangkapLog()
        logging.getLogger().addHandler(self._log)
        got_request_exception.connect(self._pengecualian, self.server)
        self._sidik = sidik_basis_data(self.engine)
        self._commit_pada_sidik = 0

    def tutup(self) -> None:
        self.penjaga.lepas()
        logging.getLogger().removeHandler(self._log)
        got_request_exception.disconnect(self._pengecualian, self.server)

    def _pengecualian(self, sender, exception, **_kw):
        self._galat.append("".join(traceback.format_exception(type(exception), exception, exception.__traceback__)))

    def _audit_terakhir(self) -> int:
        with session_scope(self.engine) as s:
            return s.exec(select(func.max(AuditLog.id))).one() or 0

    def _audit_penolakan(self, sejak: int) -> list[str]:
        with session_scope(self.engine) as s:
            return list(s.exec(select(AuditLog.aksi).where(AuditLog.id > sejak,
                                                           col(AuditLog.aksi).in_(("akses.ditolak", "aksi.ditolak")))))

    # -------------------------------------------------------------------------------------- one request

    def kirim(self, peran: str | None, metode: str, alamat: str, *, jenis: str, json_badan: Any = TANPA,
              data: bytes | None = None) -> list[str]:
        """Send one request and check it; returns the violations found (also recorded in `catatan`)."""
        klien = self.klien[peran]
        audit_awal = self._audit_terakhir()
        commit_awal = self.penjaga.commit_tulis
        self._galat.clear()
        self._log.catatan.clear()
        kw: dict[str, Any] = {}
        if json_badan is not TANPA:
            kw["json"] = json_badan
        elif data is not None:
            kw["data"] = data
            kw["content_type"] = "application/json"
        r = klien.open(alamat, method=metode, **kw)
        teks = r.get_data(as_text=True) if r.status_code != 200 or alamat.startswith("/_dash") else ""
        if r.status_code == 401 and peran is not None and "masuk" in teks.lower():
            # A session ended (a fuzzed write reset the user's password or token, say): sign in again.
            ulang = self._masuk(klien, peran, self.kata_sandi).status_code == 302
            self.catatan.masuk_ulang["berhasil" if ulang else "gagal"] += 1
        tulis = self.penjaga.commit_tulis - commit_awal
        ditolak_audit = self._audit_penolakan(audit_awal)
        alert_tolak = r.status_code == 200 and "pesan-tolak" in teks
        ditolak = r.status_code in (400, 401, 403) or bool(ditolak_audit) or alert_tolak
        apa = f"{peran or 'anonim'} {metode} {alamat[:200]} {_ringkas(json_badan, data)}"
        pelanggaran = []
        c = self.catatan
        c.dicoba += 1
        c.status[r.status_code] += 1
        if peran is None:
            c.status_anonim[r.status_code] += 1
        c.jenis[jenis] += 1
        galat = self._galat + self._log.catatan
        if r.status_code >= 500 or galat:
            c.galat_500.append((apa, "\n".join(galat)))
            pelanggaran.append(f"{r.status_code}: {galat[-1][-1500:] if galat else teks[:300]}")
        if ditolak and tulis:
            c.tulis_ditolak.append(f"{apa} -> {r.status_code}, {tulis} commit")
            pelanggaran.append(f"penolakan {r.status_code} menulis {tulis} transaksi")
        perlu_audit = peran is not None and not any(p in teks for p in TIDAK_DIAUDIT) and (
            r.status_code == 403 or alert_tolak)
        if perlu_audit and not ditolak_audit:
            c.tanpa_audit.append(f"{apa} -> {r.status_code} {teks[:200]}")
            pelanggaran.append(f"penolakan {r.status_code} tanpa baris audit")
        c.baru.extend((apa, p) for p in pelanggaran)
        return pelanggaran

    def cocokkan_sidik(self) -> str | None:
        """The full fingerprint against the watch: a change since the last check needs a committed write seen."""
        sidik = sidik_basis_data(self.engine)
        meleset = None
        if sidik != self._sidik and self.penjaga.commit_tulis == self._commit_pada_sidik:
            meleset = f"sidik berubah setelah permintaan ke-{self.catatan.dicoba} tanpa tulisan yang terlihat"
            self.catatan.sidik_meleset.append(meleset)
        self._sidik, self._commit_pada_sidik = sidik, self.penjaga.commit_tulis
        return meleset

    # -------------------------------------------------------------------------------------- strategies

    def permintaan(self) -> st.SearchStrategy:
        """One request: (role, kind, method, address, the body as keywords of `kirim`)."""
        peran = st.sampled_from(PERAN)

        @st.composite
        def callback(draw):
            kunci = draw(st.sampled_from(list(self.callback)))
            badan = draw(badan_callback(kunci, self.callback[kunci], self.nama[kunci]))
            # Half the time a role the callback's policy admits, so that its body runs, not only its refusal.
            boleh = self.boleh[kunci]
            siapa = draw(st.sampled_from(boleh) if boleh and draw(st.booleans()) else peran)
            return siapa, "callback", "POST", "/_dash-update-component", {"json_badan": badan}

        @st.composite
        def rusak(draw):
            kunci = draw(st.sampled_from(list(self.callback)))
            badan = draw(badan_rusak(draw(badan_callback(kunci, self.callback[kunci], self.nama[kunci]))))
            return draw(peran), "badan_rusak", "POST", "/_dash-update-component", {"json_badan": badan}

        @st.composite
        def mentah(draw):
            data = draw(st.sampled_from([b"", b"{", b"nul", b"\xff\xfe", b'{"output": 1e999}',
                                         b'{"output": ' + b"9" * 5000 + b"}", b"[" * 2000 + b"]" * 2000]))
            return draw(peran), "badan_mentah", "POST", "/_dash-update-component", {"data": data}

        @st.composite
        def rute(draw):
            metode, alamat = draw(alamat_rute(self.aturan))
            return draw(peran), "rute", metode, alamat, {}

        return st.one_of(callback(), callback(), callback(), rusak(), mentah(), rute(), rute())


def jalankan(penguji: Penguji, jumlah: int, *, kumpulkan: bool, sidik_tiap: int = 1, acak: int | None = None) -> None:
    """`jumlah` requests drawn by hypothesis. kumpulkan=False (the test suite): the first violation fails, shrunk to
    a minimal example, the run derandomized; kumpulkan=True (make fuzz): every violation is counted, nothing shrunk,
    the run seeded by `acak`."""
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as benih

    @settings(max_examples=jumlah, derandomize=acak is None, deadline=None, database=None,
              suppress_health_check=list(HealthCheck), print_blob=False,
              phases=[Phase.generate] if kumpulkan else [Phase.generate, Phase.shrink])
    @given(penguji.permintaan())
    def satu(p):
        peran, jenis, metode, alamat, badan = p
        pelanggaran = penguji.kirim(peran, metode, alamat, jenis=jenis, **badan)
        if penguji.catatan.dicoba % sidik_tiap == 0 and (meleset := penguji.cocokkan_sidik()):
            pelanggaran.append(meleset)
        if not kumpulkan:
            assert not pelanggaran, "\n".join(pelanggaran)

    if acak is not None:
        satu = benih(acak)(satu)
    satu()
