"""One place for how every chart's toolbar behaves: nothing that sends data out of the browser, Indonesian
tooltips (assets/plotly-locale-id.js), and a PNG download named after what the chart shows."""
from __future__ import annotations

import re
from typing import Any

from dash import dcc

# Plotly's buttons that leave the page (Chart Studio) or select points, which no page uses.
TANPA = ["sendDataToCloud", "editInChartStudio", "lasso2d", "select2d"]


def nama_berkas_grafik(judul: str) -> str:
    """A download's file name from the chart's title.

    >>> nama_berkas_grafik("IKU-1 Persentase partisipasi delegasi Musrenbangcam · Kalipare 2022–2026")
    'IKU-1_Persentase_partisipasi_delegasi_Musrenbangcam_Kalipare_2022-2026'
    """
    teks = judul.replace("–", "-")
    return re.sub(r"[^\w-]+", "_", teks).strip("_")[:120] or "grafik"


def konfigurasi(judul: str) -> dict[str, Any]:
    """The dcc.Graph config of a chart titled `judul`."""
    return {"displaylogo": False, "locale": "id", "showSendToCloud": False, "showEditInChartStudio": False,
            "modeBarButtonsToRemove": TANPA,
            "toImageButtonOptions": {"format": "png", "filename": nama_berkas_grafik(judul), "scale": 2}}


def grafik(figure: dict, judul: str, **kwargs) -> dcc.Graph:
    """A chart with the product's toolbar."""
    return dcc.Graph(figure=figure, config=konfigurasi(judul), **kwargs)
