"""Performance: the capaian engine, IKU and targets, quarterly figures, their Excel round trip and attachments."""
