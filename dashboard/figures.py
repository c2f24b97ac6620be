"""Data to plotly figures: no database, no callbacks.

Figures are built as the plain JSON plotly.js reads ({"data": [...], "layout": {...}}) rather than through
plotly's validating graph objects, which cost tens of milliseconds per figure; tests/unit/test_figures.py checks
every figure against plotly's schema instead. Numbers print the Indonesian way (separators ",.").
"""
from __future__ import annotations

import math

import pandas as pd

from dashboard.format import angka
from models.kinerja.mesin import Predikat
from models.sop.durasi import MENIT_PER_HARI_BAKU, format_menit
from models.umum.angka import bulatkan, tulis_persen
from models.umum.periode import ROMAWI
from models.umum.status import KeadaanCapaian, KeadaanLangkah

FONT = {"family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", "size": 12}
RESMI = "#0b5394"
SEMENTARA = "#7f8c8d"
GRID = "#eeeeee"


def _dibulatkan(seri) -> list:
    """Values shown with two decimals, for JSON: rounded half up as the cards and tables print them (the browser
    rounds the binary value, which prints 90,005 as 90,00)."""
    return [None if v is None else bulatkan(v) for v in _daftar(seri)]


def _daftar(seri) -> list:
    """Values for JSON: NaN and NA become null."""
    hasil = []
    for v in seri:
        if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
            hasil.append(None)
        elif hasattr(v, "item"):
            hasil.append(v.item())
        else:
            hasil.append(v)
    return hasil


def _layout(tinggi: int, **lain) -> dict:
    """The common layout; every axis makes room for its labels, and a title gets room above the legend."""
    layout = {"separators": ",.", "font": FONT, "height": tinggi,
              "margin": {"l": 10, "r": 10, "t": 80 if "title" in lain else 40, "b": 10},
              "plot_bgcolor": "white", "paper_bgcolor": "white",
              "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0}, **lain}
    for nama in ("xaxis", "yaxis"):
        layout[nama] = {"automargin": True, **layout.get(nama, {})}
    return layout


def _judul(teks: str) -> dict:
    return {"text": teks, "x": 0, "xref": "paper", "y": 0.98, "yref": "container", "font": {"size": 14}}


def kosong(pesan: str, tinggi: int = 260) -> dict:
    return {"data": [], "layout": _layout(tinggi, xaxis={"visible": False}, yaxis={"visible": False}, annotations=[
        {"text": pesan, "showarrow": False, "font": {"size": 14, "color": "#6c757d"}, "xref": "paper",
         "yref": "paper", "x": 0.5, "y": 0.5}])}


def _pita(pita: tuple[Predikat, ...], atas: float, x: str, y: str) -> tuple[list[dict], list[dict]]:
    """The bands drawn behind capaian (shapes), each named at the right edge (annotations)."""
    bentuk, label = [], []
    for i, p in enumerate(pita):
        bawah = p.di_atas if p.di_atas is not None else 0
        puncak = pita[i - 1].di_atas if i > 0 else atas
        bentuk.append({"type": "rect", "xref": f"{x} domain", "yref": y, "x0": 0, "x1": 1, "y0": bawah,
                       "y1": puncak, "fillcolor": p.warna, "opacity": 0.10, "line": {"width": 0}, "layer": "below"})
        # Named just outside the plot's right edge, where no point or label of the data can sit on it.
        label.append({"text": p.nama, "x": 1.005, "xref": f"{x} domain", "y": (bawah + puncak) / 2, "yref": y,
                      "showarrow": False, "xanchor": "left", "font": {"size": 10, "color": p.warna}})
    return bentuk, label


def grafik_capaian(df: pd.DataFrame, pita: tuple[Predikat, ...], proyeksi: tuple[int, float | None] | None,
                   judul: str, satuan: str) -> dict:
    """One indicator over the quarters: realisasi against the target above, capaian with its bands below.
    The target line is the one each quarter is measured against (the quarter's own, or the year's), named on hover.
    Official capaian are solid, provisional ones hollow and dashed; the projection is a separate, labelled mark.
    Each point carries its figure's id (customdata) so a click can open its records. Quarters before the first
    target or figure are left out; with neither at all, the chart says so."""
    ada = (df["target"].notna() | df["realisasi"].notna()).to_numpy()
    if not ada.any():
        return kosong(f"{judul}: belum ada target maupun realisasi pada periode ini.")
    df = df.iloc[int(ada.argmax()):]
    label = [f"TW {ROMAWI[t]} {th}" for th, t in zip(df["tahun"], df["triwulan"])]
    terhadap = [str(t) for t in df["terhadap"]] if "terhadap" in df else ["target"] * len(df)
    ids = _daftar(df["realisasi_id"])
    resmi = _dibulatkan(df["capaian_resmi"])
    semua = _dibulatkan(df["capaian_sementara"])
    sementara = [s if r is None else None for r, s in zip(resmi, semua)]
    nilai = [v for v in resmi + semua if v is not None]
    atas = max(110.0, max(nilai) + 10 if nilai else 110.0)
    if proyeksi and proyeksi[1] is not None:
        atas = max(atas, proyeksi[1] + 10)
    data = [
        {"type": "bar", "x": label, "y": _dibulatkan(df["realisasi_gabungan"]), "name": "Realisasi s.d. triwulan",
         "marker": {"color": "#9fc5e8"}, "customdata": ids, "xaxis": "x", "yaxis": "y",
         "hovertemplate": "%{x}<br>Realisasi s.d. triwulan %{y:,.2f}<extra></extra>"},
        {"type": "scatter", "x": label, "y": _dibulatkan(df["target"]), "name": "Target", "mode": "lines",
         "line": {"color": "#444444", "shape": "hvh", "dash": "dot"}, "xaxis": "x", "yaxis": "y",
         "hovertext": terhadap,
         "hovertemplate": "%{x}<br>%{hovertext}: %{y:,.2f}<extra></extra>"},
        {"type": "scatter", "x": label, "y": semua, "mode": "lines", "showlegend": False, "hoverinfo": "skip",
         "line": {"color": SEMENTARA, "dash": "dot", "width": 1}, "xaxis": "x2", "yaxis": "y2"},
        {"type": "scatter", "x": label, "y": resmi, "name": "Capaian resmi", "mode": "lines+markers",
         "customdata": ids, "line": {"color": RESMI, "width": 2}, "marker": {"size": 9, "color": RESMI},
         "xaxis": "x2", "yaxis": "y2", "hovertemplate": "%{x}<br>Capaian resmi %{y:,.2f}%<extra></extra>"},
        {"type": "scatter", "x": label, "y": sementara, "name": "Capaian sementara",
         "mode": "markers", "customdata": ids, "xaxis": "x2", "yaxis": "y2",
         "marker": {"size": 10, "color": SEMENTARA, "symbol": "circle-open", "line": {"width": 2}},
         "hovertemplate": "%{x}<br>Capaian sementara %{y:,.2f}%<extra></extra>"},
    ]
    if proyeksi and proyeksi[1] is not None:
        th, persen = proyeksi
        data.append({"type": "scatter", "x": [f"Proyeksi {th}"], "y": [bulatkan(persen)], "name": f"Proyeksi akhir tahun {th}",
                     "mode": "markers+text", "xaxis": "x2", "yaxis": "y2", "text": [tulis_persen(persen)],
                     "textposition": "middle left",
                     "marker": {"size": 12, "symbol": "diamond-open", "color": "#8e44ad", "line": {"width": 2}},
                     "hovertemplate": f"Proyeksi akhir tahun {th}: %{{y:,.2f}}%<br>dari rata-rata triwulan yang "
                                      "sudah ada, bukan angka resmi<extra></extra>"})
    bentuk, label_pita = _pita(pita, atas, "x2", "y2")
    urutan = label + ([f"Proyeksi {proyeksi[0]}"] if proyeksi and proyeksi[1] is not None else [])
    sub = [{"text": f"Realisasi s.d. triwulan dan target yang dipakai ({satuan})", "x": 0, "y": 1.0, "xref": "paper",
            "yref": "paper", "showarrow": False, "xanchor": "left", "yanchor": "bottom", "font": {"size": 12}},
           {"text": "Capaian (%)", "x": 0, "y": 0.58, "xref": "paper", "yref": "paper", "showarrow": False,
            "xanchor": "left", "yanchor": "bottom", "font": {"size": 12}}]
    layout = _layout(
        # The legend sits between the chart's title and the first part's own title, its last row just above the
        # latter; the top margin has room for its five entries one under another (a phone's width), so it touches
        # neither title.
        500, title=_judul(judul), shapes=bentuk, margin={"l": 10, "r": 90, "t": 150, "b": 10},
        legend={"orientation": "h", "yref": "container", "y": 1 - 126 / 500, "yanchor": "bottom", "x": 0,
                "font": {"size": 10}, "tracegroupgap": 0},
        annotations=sub + label_pita,
        xaxis={"anchor": "y", "matches": "x2", "showticklabels": False, "categoryorder": "array",
               "categoryarray": urutan},
        yaxis={"domain": [0.66, 1.0], "gridcolor": GRID, "automargin": True},
        xaxis2={"anchor": "y2", "categoryorder": "array", "categoryarray": urutan, "automargin": True,
                "tickangle": -45},
        yaxis2={"domain": [0.0, 0.56], "range": [0, atas], "ticksuffix": "%", "gridcolor": GRID, "automargin": True})
    return {"data": data, "layout": layout}


def grafik_perbandingan(df: pd.DataFrame, judul: str) -> dict:
    """Offices side by side for one indicator: capaian bars in band colours, provisional ones lighter."""
    df = df.dropna(subset=["capaian"]).sort_values("capaian")
    if df.empty:
        return kosong("Belum ada capaian untuk periode ini.")
    resmi = [bool(r) for r in df["resmi"]]
    teks = [f"{tulis_persen(c)}{_label_keadaan(k)}" for c, k in zip(df["capaian"], df["status"])]
    data = [{"type": "bar", "orientation": "h", "x": _dibulatkan(df["capaian"]), "y": list(df["kecamatan"]),
             "customdata": list(df["kecamatan"]),
             "marker": {"color": [w if isinstance(w, str) else "#adb5bd" for w in df["warna"]],
                        "opacity": [1 if r else 0.45 for r in resmi],
                        "pattern": {"shape": ["" if r else "/" for r in resmi]}},
             "text": teks, "textposition": "outside", "cliponaxis": False,
             "hovertemplate": "%{y}: %{text}<extra></extra>"}]
    # The figure and its state are written beyond the bar's end, outside the plot if need be: the right margin
    # holds the longest of them (about 7 px a character at the 12 px font), so none is cut.
    return {"data": data, "layout": _layout(
        max(260, 22 * len(df) + 80), title=_judul(judul), showlegend=False, bargap=0.25,
        margin={"l": 10, "r": 10 + 7 * max(len(t) for t in teks), "t": 80, "b": 10},
        xaxis={"ticksuffix": "%", "gridcolor": GRID, "range": [0, max(110.0, float(df["capaian"].max()) * 1.05)]},
        yaxis={"automargin": True})}


def _label_keadaan(keadaan: str | None) -> str:
    """The state beside a bar: nothing for an official capaian, else the figure's state as Isi Realisasi names it."""
    if keadaan == KeadaanCapaian.RESMI:
        return ""
    return f" ({KeadaanCapaian.label_dari(keadaan, KeadaanCapaian.SEMENTARA.label)})"


def grafik_siklus(langkah: list, menit_per_hari: int = MENIT_PER_HARI_BAKU) -> dict:
    """Per step: median working time (waiting and processing stacked), the 80th percentile, and the mutu baku."""
    if not any(s.n for s in langkah):
        return kosong("Belum ada langkah yang selesai pada periode ini.")
    x = [f"{s.no}. {s.kegiatan[:38]}{'…' if len(s.kegiatan) > 38 else ''}" for s in langkah]
    jam = lambda m: None if m is None else bulatkan(m / 60, 2)  # noqa: E731
    data = [
        {"type": "bar", "x": x, "y": [jam(s.tunggu) for s in langkah], "name": "Median tunggu",
         "marker": {"color": "#f6b26b"}, "hovertemplate": "%{x}<br>Tunggu %{y:,.1f} jam kerja<extra></extra>"},
        {"type": "bar", "x": x, "y": [jam(s.proses) for s in langkah], "name": "Median proses",
         "marker": {"color": ["#cc0000" if s.hambatan else "#6fa8dc" for s in langkah]},
         "hovertemplate": "%{x}<br>Proses %{y:,.1f} jam kerja<extra></extra>"},
        {"type": "scatter", "x": x, "y": [jam(s.p80) for s in langkah], "name": "Persentil 80", "mode": "markers",
         "marker": {"symbol": "line-ew-open", "size": 28, "color": "#333333", "line": {"width": 2}},
         "hovertemplate": "%{x}<br>Persentil 80: %{y:,.1f} jam kerja<extra></extra>"},
        {"type": "scatter", "x": x, "y": [jam(s.mutu_baku) for s in langkah], "name": "Mutu baku",
         "mode": "markers", "customdata": [format_menit(s.mutu_baku, menit_per_hari=menit_per_hari) for s in langkah],
         "marker": {"symbol": "line-ew", "size": 30, "color": "#38761d", "line": {"width": 3, "color": "#38761d"}},
         "hovertemplate": "%{x}<br>Mutu baku %{customdata}<extra></extra>"},
    ]
    catatan = [{"x": x[i], "y": jam(max(s.p80 or 0, s.median or 0, s.mutu_baku)), "text": "Hambatan",
                "showarrow": True, "arrowhead": 2, "ay": -30, "font": {"color": "#cc0000"}}
               for i, s in enumerate(langkah) if s.hambatan]
    return {"data": data, "layout": _layout(420, barmode="stack", annotations=catatan,
                                            yaxis={"title": {"text": "jam kerja"}, "gridcolor": GRID})}


def grafik_garis_waktu(df: pd.DataFrame, judul: str, kalender: bool = False) -> dict:
    """One execution: each record as a bar on the working-time axis (hours since the execution started), the
    waiting part light; hover shows the calendar dates (column `keterangan`). With `kalender` (a run that lay
    wholly outside working time, every bar of length 0 there) the bars stand on the calendar's hours instead."""
    if df.empty:
        return kosong("Pilih satu pelaksanaan.")
    sumbu = ("kalender_terima", "kalender_mulai", "kalender_selesai") if kalender else (
        "posisi_terima", "posisi_mulai", "posisi_selesai")
    awal = float(df[sumbu[0]].min())
    y = [f"{r.no} · {r.peran}" + (f" (ke-{r.percobaan})" if r.percobaan > 1 else "") for r in df.itertuples()]
    terima, mulai, selesai = (df[k].astype(float) for k in sumbu)
    warna = ["#e06666" if h == KeadaanLangkah.DIKEMBALIKAN else ("#6fa8dc" if pd.notna(s) else "#b7b7b7")
             for h, s in zip(df["hasil"], df["selesai_pada"])]
    data = [
        {"type": "bar", "orientation": "h", "y": y, "x": _daftar((mulai - terima) / 60),
         "base": _daftar((terima - awal) / 60), "name": "Tunggu", "marker": {"color": "#f6d7a7"},
         "hoverinfo": "skip"},
        {"type": "bar", "orientation": "h", "y": y, "x": _daftar((selesai - mulai) / 60),
         "base": _daftar((mulai - awal) / 60), "name": "Proses", "marker": {"color": warna},
         "customdata": list(df["keterangan"]), "hovertemplate": "%{y}<br>%{customdata}<extra></extra>"},
    ]
    return {"data": data, "layout": _layout(
        max(240, 30 * len(df) + 100), title=_judul(judul), barmode="overlay",
        yaxis={"autorange": "reversed", "automargin": True, "type": "category"},
        xaxis={"title": {"text": "jam kalender sejak dimulai" if kalender else "jam kerja sejak dimulai"},
               "gridcolor": GRID})}


def grafik_per_peran(df: pd.DataFrame) -> dict:
    """Open steps per role: approvals and other steps stacked, the overdue count beside."""
    if df.empty:
        return kosong("Tidak ada langkah yang menunggu.")
    df = df.sort_values("jumlah")
    peran = list(df["peran"])
    data = [
        {"type": "bar", "orientation": "h", "y": peran, "x": _daftar(df["persetujuan"]), "name": "Persetujuan",
         "marker": {"color": "#0b5394"}, "hovertemplate": "%{y}: %{x} persetujuan<extra></extra>"},
        {"type": "bar", "orientation": "h", "y": peran, "x": _daftar(df["langkah_lain"]), "name": "Langkah lain",
         "marker": {"color": "#9fc5e8"}, "text": [f"{t} lewat mutu baku" if t else "" for t in df["terlambat"]],
         "textposition": "outside", "cliponaxis": False,
         "hovertemplate": "%{y}: %{x} langkah lain<extra></extra>"},
    ]
    sumbu = {"gridcolor": GRID, "title": {"text": "langkah menunggu"}, "range": [0, float(df["jumlah"].max()) * 1.25]}
    if int(df["jumlah"].max()) <= 10:
        sumbu["dtick"] = 1
    layout = _layout(max(220, 34 * len(df) + 90), barmode="stack", xaxis=sumbu)
    layout["margin"]["r"] = 130
    return {"data": data, "layout": layout}


def peta_sub_akip(kantor: list[str], sub: list[tuple[str, str]], persen: list[list[float | None]],
                  keterangan: list[str | None]) -> dict:
    """Evaluasi AKIP heatmap: offices (rows, as given) × sub-components (columns: code, name), each cell the
    sub-component's score as a share of its weight (0–100 %). An office without a final evaluation has an empty
    row with its state written across it (`keterangan`), never a number."""
    if not kantor or not sub:
        return kosong("Belum ada Evaluasi AKIP pada tahun ini.")
    y = list(kantor)
    catatan = [{"x": sub[len(sub) // 2][0], "y": k, "text": ket, "showarrow": False,
                "font": {"color": "#6c757d", "size": 11}} for k, ket in zip(kantor, keterangan) if ket]
    z = [[None if v is None else bulatkan(v) for v in baris] for baris in persen]
    teks = [["" if v is None else f"{angka(v, 0)}%" for v in baris] for baris in persen]
    data = [{"type": "heatmap", "x": [k for k, _ in sub], "y": y, "z": z, "text": teks, "texttemplate": "%{text}",
             "customdata": [[nama for _, nama in sub] for _ in y], "zmin": 0, "zmax": 100, "xgap": 2, "ygap": 2,
             "colorscale": [[0, "#dc3545"], [0.5, "#ffc107"], [0.75, "#a3cfbb"], [1, "#198754"]],
             "colorbar": {"ticksuffix": "%", "thickness": 12, "len": 0.8},
             "hovertemplate": "%{y}<br>%{x} %{customdata}<br>%{z:,.2f}% dari bobot<extra></extra>"}]
    return {"data": data, "layout": _layout(
        max(240, 30 * len(kantor) + 110), xaxis={"side": "top", "type": "category"},
        yaxis={"autorange": "reversed", "type": "category"}, annotations=catatan)}
