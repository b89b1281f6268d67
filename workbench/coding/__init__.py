"""Deductive coding: codebook schema and loader, coding units, Norwegian term matcher, classifier.

Pure modules (no database): ``codebook`` (YAML + pydantic validation), ``units`` (turn, paragraph,
sentence segmentation), ``lemmas`` (spaCy nb lookup tables + compound/dialect/OCR handling),
``matcher`` (indicator matching and scoring), ``classifier`` (re-ranking from coder decisions).
"""
