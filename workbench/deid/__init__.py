"""Norwegian de-identification: detectors, consistent pseudonyms, and the encrypted key file.

Pure library code (no database): :mod:`.detect` combines :mod:`.patterns` (validated ID numbers,
phones, e-mail, URLs, addresses, dates, ages), :mod:`.gazetteers` (SSB names, 2024 municipalities,
workplaces), :mod:`.ner` (the shipped NorNE model) and :mod:`.known` (project-known identifiers,
fuzzy); :mod:`.pseudonymise` replaces spans consistently and remaps offsets; :mod:`.keyfile` keeps
originals apart, encrypted; :mod:`.indirect` flags quasi-identifiers; :mod:`.evaluation` holds the
benchmark metrics. The project workflow lives in :mod:`workbench.services.deid`. See docs/deid.md.
"""
