"""Performance: the capaian engine, IKU and targets, quarterly figures, their Excel round trip and attachments."""
# A figure is a subject of the SOP state machine: importing the package registers it.
from models.kinerja import realisasi as _realisasi  # noqa: F401
